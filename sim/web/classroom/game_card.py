"""One game on the teacher's dashboard: its code, seats and who is waiting on whom; the
controls (start, pause, pace, advance, deadline, hints, end), an inject to everyone or to
one seat, and the messages of the game."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from nicegui import ui

from ...model.labels import state_words
from ...outputs.story import cause_words
from ..common.chrome import message, note
from ..common.library import Refused
from .follower import Follower
from .messages_view import MessagesPanel, who
from .room import GameRoom
from .seat_controls import SeatControls

PACES = {"fast": "straight to the next decision", "demand": "on demand (Advance)",
         "1": "1 day a minute", "3": "3 days a minute", "10": "10 days a minute"}


def pace_key(pace: object) -> str:
    return str(int(pace)) if isinstance(pace, (int, float)) else str(pace)


def inject_options(room: GameRoom) -> dict[str, str]:
    """Every event of the scenario and every value of every state variable."""
    sc = room.scenario
    options = {f"event:{e.id}": f"event: {cause_words(sc, e.id)}" for e in sc.spec.events}
    for var, spec in sc.variables.items():
        for value in spec.values:
            options[f"state:{var}:{value}"] = state_words(sc.variables, {var: value})
    return options


def inject_of(room: GameRoom, key: str) -> tuple[dict, str]:
    kind, _, rest = key.partition(":")
    if kind == "event":
        event = next(e for e in room.scenario.spec.events if e.id == rest)
        return dict(event.set), event.id
    var, _, value = rest.partition(":")
    spec = room.scenario.variables[var]
    return {var: next(v for v in spec.values if str(v) == value)}, "teacher's inject"


class GameCard:
    def __init__(self, room: GameRoom, guard: Callable[[], None]):
        self.room, self.guard = room, guard  # guard: Refused unless this tab is the teacher's
        self.drawn = -1

    def draw(self) -> None:
        room = self.room
        with ui.card().classes("w-full").mark(f"game-{room.code}"):
            # each change of the game, as it happens (at most once a second: ten games run)
            Follower(room.watchers, self.update, every=1.0)
            self.status()
            with ui.row().classes("items-center gap-2 no-print"):
                ui.button("Start", on_click=lambda: self.act(room.start)) \
                    .mark(f"start-{room.code}").props(f"data-testid=start-{room.code}")
                ui.button("Pause", on_click=lambda: self.act(lambda: room.set("paused", True))
                          ).props("outline").mark(f"pause-{room.code}")
                ui.button("Resume", on_click=lambda: self.act(lambda: room.set("paused",
                                                                                False))
                          ).props("outline").mark(f"resume-{room.code}")
                ui.button("Advance", on_click=lambda: self.act(room.advance_now)) \
                    .props("outline").tooltip("Run to the next decision (pace: on demand)")
                ui.select(PACES, value=pace_key(room.settings.pace), label="Pace",
                          on_change=lambda e: self.act(lambda: room.set(
                              "pace", e.value if e.value in ("fast", "demand")
                              else float(e.value)))).classes("w-56")
                self.deadline = ui.number("Deadline (s)", value=room.settings.deadline) \
                    .classes("w-32").tooltip("10 to 3600 seconds; empty: no deadline") \
                    .on("blur", self.set_deadline).on("keydown.enter", self.set_deadline)
                ui.switch("Show the model's hints", value=room.settings.hints,
                          on_change=lambda e: self.act(lambda: room.set("hints", e.value))) \
                    .mark(f"hints-{room.code}")
                ui.button("End the game", on_click=self.confirm_end) \
                    .props("outline color=negative").mark(f"end-{room.code}")
                ui.button("Projector view", icon="open_in_new").props(
                    f"flat no-caps href=/projector/{room.code} target=_blank") \
                    .tooltip("The join code, address, QR code, seats and round clock for "
                             "the room's screen, in a new tab").mark(f"projector-{room.code}")
            with ui.row().classes("items-end gap-2 no-print"):
                self.what = ui.select(inject_options(room), label="Inject",
                                      with_input=True).classes("w-96") \
                    .mark(f"inject-{room.code}").props(f"data-testid=inject-{room.code}")
                self.to = ui.select({"all": "to everyone"}, value="all", label="To") \
                    .classes("w-56").mark(f"inject-to-{room.code}")
                ui.button("Inject", on_click=self.inject).mark(f"inject-send-{room.code}") \
                    .props(f"data-testid=inject-send-{room.code}")
            self.error = message().classes("text-red-800")
            self.sent = message().classes("text-green-900").mark(f"inject-sent-{room.code}")
            self.to_options()
            self.seat_controls = SeatControls(room, self.act)  # free, move, reassign
            self.seat_controls.draw()
            with ui.expansion("Messages").classes("w-full no-print"):
                self.messages = MessagesPanel(room, "teacher", self.say)
                self.messages.draw()

    def status(self) -> None:
        """The card's code, state and lines, made once; `show_status` writes them in place
        (a card made anew at each change of ten running games was garbage for the server
        to collect, while every student waited)."""
        room, sc = self.room, self.room.scenario
        with ui.row().classes("items-baseline gap-4"):
            ui.label(room.code).classes("text-3xl font-mono font-bold tracking-widest") \
                .mark("join-code").props(f"data-testid=code-{room.gid}")
            ui.label(f"{room.gid} · {sc.spec.title} · seed {room.seed}").classes("text-sm")
            self.state = ui.label().classes("font-bold").mark(f"state-{room.code}")
        self.lines = [note("") for _ in range(3)]  # the day, the people, who is awaited
        self.show_status()

    def show_status(self) -> None:
        room, sc = self.room, self.room.scenario
        self.drawn = room.version
        self.state.set_text(room.state)
        day_line = ""
        if room.game is not None:
            day = int(room.game.clock)
            day_line = (f"{sc.start + dt.timedelta(days=day)} (day {day}); meetings held: "
                        f"{room.game.record.meetings_held}")
        seats = [f"{sc.actors[a].name}: {room.names[a]}" for a in room.seats]
        people = ("people: " + ("; ".join(seats) if seats else "none yet") +
                  "; every other seat is the model's")
        waits = [f"{who(room, a)} for {int(s)} s" for a, _, s in room.waiting_on()]
        for label, text in zip(self.lines, (day_line, people, "waiting on " + ", ".join(waits)
                                            if waits else "")):
            label.set_text(text)
            label.set_visibility(bool(text))
        self.to_options()

    def to_options(self) -> None:
        """The inject's addressees: everyone, or a seat a person holds (set only when they
        change: new options are new objects in the server at every update)."""
        if hasattr(self, "to"):
            options = {"all": "to everyone"} | {
                a: f"to {who(self.room, a)} only" for a in self.room.seats}
            if options != self.to.options:
                self.to.set_options(options, value=self.to.value
                                    if self.to.value in ("all", *self.room.seats) else "all")

    def update(self) -> None:
        """Redraw what changed (pushed by the room), and the seconds a person has been
        waiting (the dashboard's slow timer)."""
        if self.drawn != self.room.version or self.room.waiting_on():
            self.show_status()
            self.messages.update()
        if hasattr(self, "seat_controls"):
            self.seat_controls.update()

    def confirm_end(self) -> None:
        """Ending a game cannot be undone, and the button sits among everyday ones."""
        with ui.dialog() as dialog, ui.card():
            ui.label(f"End game {self.room.code} now? Its players cannot decide any more; "
                     f"this cannot be undone.")
            with ui.row():
                ui.button("End it", on_click=lambda: (dialog.close(),
                                                      self.act(self.room.end))) \
                    .props("color=negative").mark(f"confirm-end-{self.room.code}")
                ui.button("Keep playing", on_click=dialog.close).props("outline")
        dialog.open()

    def set_deadline(self) -> None:
        value = self.deadline.value
        value = None if value in (None, "") else float(value)
        if value != self.room.settings.deadline:
            self.act(lambda: self.room.set("deadline", value))

    def act(self, action) -> bool:
        """Do a teacher's action; say why when it is refused. True when it was done."""
        self.sent.set_text("")  # an inject's confirmation stands until the next action
        try:
            self.guard()
            action()
        except Refused as exc:
            self.error.set_text(str(exc))
            return False
        self.error.set_text("")
        self.update()
        return True

    def say(self, to: str, text: str) -> None:
        self.guard()
        self.room.say("teacher", to, text)

    def inject(self) -> None:
        if not self.what.value:
            self.sent.set_text("")
            self.error.set_text("Choose what to inject.")
            return
        changes, cause = inject_of(self.room, self.what.value)
        to = None if self.to.value == "all" else [self.to.value]
        words, whom = self.what.options[self.what.value], self.to.options[self.to.value]
        if self.act(lambda: self.room.inject(changes, cause, to)):
            # said here, since the change itself shows only on the seats' pages; its day
            # as recorded (a fast game may have run on since)
            day = next(a["day"] for a in reversed(self.room.game.actions)
                       if a["do"] == "inject")
            self.sent.set_text(f"Injected on day {int(day)}: {words}, {whom}.")
