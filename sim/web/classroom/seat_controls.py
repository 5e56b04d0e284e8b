"""The seats of one game on the teacher's card: who is in each (negotiator, advisers), and
the teacher's controls: free a seat or one person, move a person to a free seat (before
the start), make an adviser the negotiator; whether one browser may take more than one
seat; how long a seat may have no page open before the model plays it.

Why the teacher can do all this: a student whose laptop died, who sat in the wrong seat or
left the room must not hold up a group, and a teacher at the front has no other way in.
"""
from __future__ import annotations

from typing import Callable

from nicegui import ui

from ..common.chrome import note
from .room import GameRoom


class SeatControls:
    """`act(action)`: the card's, which checks the teacher's token and shows a refusal."""

    def __init__(self, room: GameRoom, act: Callable[[Callable[[], None]], bool]):
        self.room, self.act = room, act
        self.drawn: tuple | None = None

    def draw(self) -> None:
        room = self.room
        with ui.expansion("Seats and teams").classes("w-full no-print") \
                .mark(f"seats-{room.code}"):
            with ui.row().classes("items-end gap-3"):
                ui.switch("Let one browser take more than one seat",
                          value=room.settings.more_seats,
                          on_change=lambda e: self.act(lambda: room.set("more_seats",
                                                                        e.value))) \
                    .mark(f"more-seats-{room.code}")
                self.grace = ui.number("Grace (s)", value=room.settings.grace) \
                    .classes("w-28").tooltip("10 to 3600 seconds with no page of a seat open, "
                                             "then the model plays it until one is back") \
                    .on("blur", self.set_grace).on("keydown.enter", self.set_grace) \
                    .mark(f"grace-{room.code}")
            self.seats()

    def shape(self) -> tuple:
        teams = self.room.teams
        return (self.room.game is None, self.room.state == "over", tuple(
            (a, tuple(t.members), t.negotiator, t.by_model) for a, t in teams.seats.items()))

    @ui.refreshable_method
    def seats(self) -> None:
        room, teams = self.room, self.room.teams
        self.drawn = self.shape()
        if not room.seats:
            note("Nobody has taken a seat yet.")
            return
        before = room.game is None
        over = room.state == "over"
        free = {a: room.scenario.actors[a].name for a in teams.free_seats()}
        for actor, team in teams.seats.items():
            seat = room.scenario.actors[actor].name
            with ui.row().classes("w-full items-center gap-2"):
                ui.label(seat).classes("font-bold w-44")
                if team.by_model:
                    ui.label("played by the model (nobody's page is open)" if team.members
                             else "played by the model (freed)").classes("text-sm")
                if team.members and not over:
                    ui.button("Free the seat", on_click=lambda a=actor: self.act(
                        lambda: teams.free(a))).props("outline dense no-caps") \
                        .mark(f"free-{room.code}-{actor}")
            for mid in team.members:
                self.person(actor, mid, mid == team.negotiator, free if before else {}, over)

    def person(self, actor: str, mid: str, negotiator: bool, free: dict[str, str],
               over: bool) -> None:
        teams, code = self.room.teams, self.room.code
        name = teams.members[mid].name
        with ui.row().classes("w-full items-center gap-2 ml-6"):
            ui.label(f"{name} ({'negotiator' if negotiator else 'adviser'})") \
                .classes("text-sm w-56")
            if over:
                return
            if not negotiator:
                ui.button("Make negotiator", on_click=lambda: self.act(
                    lambda: teams.negotiator(mid))) \
                    .props(f"outline dense no-caps data-testid=make-negotiator-{code}-{mid}") \
                    .mark(f"make-negotiator-{code}-{mid}")
            ui.button("Free", on_click=lambda: self.act(lambda: teams.free(actor, mid))) \
                .props(f"outline dense no-caps data-testid=free-{code}-{mid}") \
                .tooltip(f"{name} loses the seat").mark(f"free-{code}-{mid}")
            if free:
                ui.select(free, label=f"Move {name} to", on_change=lambda e: self.act(
                    lambda: teams.move(mid, e.value))).classes("w-56") \
                    .mark(f"move-{code}-{mid}")

    def set_grace(self) -> None:
        value = self.grace.value
        if value not in (None, "") and float(value) != self.room.settings.grace:
            self.act(lambda: self.room.set("grace", float(value)))

    def update(self) -> None:
        if self.shape() != self.drawn:
            self.seats.refresh()
