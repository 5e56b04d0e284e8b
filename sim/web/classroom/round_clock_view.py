"""The round clock on a page ('Round 2 – 3:12 left'), and the teacher's controls for it.

Why one component for every page: the seat pages, the class view, the dashboard and the
projector show the same words from the same `RoundClock`. It redraws itself once a second
and sends the browser only a changed text. For a screen reader the ticking text is not a
live region (a count read aloud every second drowns everything else); a separate, unseen
status line says once, politely, that a round's time is up.
"""
from __future__ import annotations

from typing import Callable

from nicegui import ui

from ..common.chrome import message, note
from ..common.library import Refused
from .round_clock import MINUTES, RoundClock

SIZES = {"normal": "text-base px-3 py-1", "big": "px-4 py-1"}
STYLES = {"normal": "", "big": "font-size: clamp(1.25rem, min(3.5vw, 5.5vh), 3rem)"}


class ClockView:
    def __init__(self, clock: RoundClock, size: str = "normal"):
        self.clock = clock
        self.label = ui.label("").classes(
            f"font-mono font-bold rounded bg-slate-800 text-white no-print {SIZES[size]}") \
            .style(STYLES[size]).props("aria-live=off data-testid=round-clock") \
            .mark("round-clock")
        self.told = ui.label("").classes("sr-only").props("role=status aria-live=polite")
        self.timer = ui.timer(1.0, self.update)
        self.update()

    def update(self) -> None:
        """The clock's words now; hidden while the clock is idle."""
        text = self.clock.text()
        if text != self.label.text:
            self.label.set_text(text)
        self.label.set_visibility(bool(text))
        up = f"Round {self.clock.round}: time is up." if self.clock.state == "up" else ""
        if up != self.told.text:
            self.told.set_text(up)


def round_clock_view(clock: RoundClock, size: str = "normal") -> ClockView:
    """The clock's words where this is called ('normal' in a page's status, 'big' on the
    projector)."""
    return ClockView(clock, size)


class ClockControl:
    """The teacher's card: minutes a round, Start, Pause, Reset, Next round."""

    def __init__(self, clock: RoundClock, guard: Callable[[], None]):
        self.clock, self.guard = clock, guard  # guard: Refused unless the tab is unlocked

    def draw(self) -> None:
        clock = self.clock
        with ui.card().classes("w-full no-print").mark("round-clock-control"):
            with ui.row().classes("items-end gap-2"):  # one row: the dashboard stays short
                with ui.column().classes("gap-1 self-center"):
                    ui.label("Round clock").classes("text-lg font-bold")
                    self.view = round_clock_view(clock)
                    self.idle = note("not started")
                low, high = MINUTES
                # no min/max on the field: NiceGUI would clamp a mistake silently
                self.minutes = ui.number(f"Minutes a round ({low}-{high})",
                                         value=clock.minutes).classes("w-44") \
                    .props("data-testid=round-minutes").mark("round-minutes")
                self.minutes.on("keydown.enter", lambda: self.act(
                    lambda: clock.set_minutes(self.minutes.value)))
                ui.button("Set minutes", on_click=lambda: self.act(
                    lambda: clock.set_minutes(self.minutes.value))).props("outline") \
                    .mark("round-set")
                ui.button("Start the clock", on_click=lambda: self.act(clock.start)) \
                    .mark("round-start").props("data-testid=round-start")
                ui.button("Pause the clock", on_click=lambda: self.act(clock.pause)) \
                    .props("outline").mark("round-pause")
                ui.button("Reset the clock", on_click=lambda: self.act(clock.reset)) \
                    .props("outline").mark("round-reset").tooltip("Back to round 1, stopped")
                ui.button("Next round", on_click=lambda: self.act(clock.next_round)) \
                    .props("outline").mark("round-next")
            self.error = message().classes("text-red-800").mark("round-error")
            note("Shown on every page of the class and on the projector, for the class's "
                 "own time: it drives nothing in the simulation (each game keeps its own "
                 "pace and deadlines).")
        self.idle.bind_visibility_from(self.view.label, "visible", backward=lambda v: not v)

    def act(self, action: Callable[[], None]) -> None:
        """A teacher's action on the clock; a refusal is said in one line."""
        try:
            self.guard()
            action()
        except Refused as exc:
            self.error.set_text(str(exc))
            return
        self.error.set_text("")
        self.minutes.set_value(self.clock.minutes)
        self.view.update()


def round_clock_control(clock: RoundClock, guard: Callable[[], None]) -> ClockControl:
    """The teacher's controls of the round clock, drawn where this is called."""
    control = ClockControl(clock, guard)
    control.draw()
    return control
