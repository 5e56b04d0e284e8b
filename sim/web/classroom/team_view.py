"""A seat's team on its page: who is in it and who negotiates, the negotiator's hand-over
of the role, and the watch that tells the room whether this person's page is open.

Why the watch is an element: a seat page closes three ways (the tab's connection drops, the
tab is closed, or the tab moves to another page of the app, which keeps its connection),
and NiceGUI deletes the page's elements in the last two; so the connect and disconnect of
the client, and the deletion of this element, together say when the page is open.
"""
from __future__ import annotations

from nicegui import ui

from ..common.chrome import message, note
from ..common.library import Refused
from .room import GameRoom


class PageWatch(ui.element):
    """Invisible: while it exists and its client is connected, the member's page is open."""

    def __init__(self, room: GameRoom, mid: str):
        super().__init__()
        self.room, self.mid = room, mid
        self.set_visibility(False)
        self.client.on_connect(self.seen)
        self.client.on_disconnect(self.seen)
        self.seen()

    def seen(self) -> None:
        if not self.is_deleted:
            self.room.teams.page(self.mid, self.id, self.client.has_socket_connection)

    def _handle_delete(self) -> None:
        self.room.teams.page(self.mid, self.id, False)
        super()._handle_delete()


def team_words(room: GameRoom, actor: str, me: str | None = None) -> str:
    """'Alice (negotiator), Carol (adviser)', with 'you' beside this page's person."""
    team, teams = room.seats.get(actor), room.teams
    if team is None:
        return ""
    return ", ".join(f"{teams.members[m].name} ("
                     f"{'negotiator' if m == team.negotiator else 'adviser'}"
                     f"{'; you' if m == me else ''})" for m in team.members)


class TeamPanel:
    """Shown when a seat has more than one person: the team, the role, the hand-over."""

    def __init__(self, room: GameRoom, token: str, mid: str):
        self.room, self.token, self.mid = room, token, mid
        self.drawn: tuple | None = None

    def shape(self) -> tuple:
        member = self.room.teams.members.get(self.mid)
        team = None if member is None else self.room.seats.get(member.actor)
        return (None,) if team is None else (tuple(team.members), team.negotiator,
                                             tuple(self.room.teams.members[m].name
                                                   for m in team.members))

    @ui.refreshable_method
    def draw(self) -> None:
        self.drawn = self.shape()
        member = self.room.teams.members.get(self.mid)
        team = None if member is None else self.room.seats.get(member.actor)
        if team is None or len(team.members) < 2:
            return
        name = self.room.scenario.actors[member.actor].name
        with ui.card().classes("w-full").mark("team"):
            ui.label(f"Your team in the {name} seat").classes("font-bold")
            ui.label(team_words(self.room, member.actor, self.mid)).classes("text-sm") \
                .mark("team-members")
            if team.negotiator != self.mid:
                boss = self.room.teams.members[team.negotiator].name
                note(f"You advise: {boss}, the negotiator, sends the decisions. Write to "
                     f"your team in Messages (To: your team only).").mark("adviser-note")
                return
            advisers = {m: self.room.teams.members[m].name for m in team.members
                        if m != self.mid}
            with ui.row().classes("items-end gap-2"):
                self.to = ui.select(advisers, value=next(iter(advisers)),
                                    label="Hand the negotiator's role to").classes("w-64") \
                    .mark("hand-to")
                ui.button("Hand on", on_click=self.hand_on).props("outline") \
                    .mark("hand-on")
            self.error = message().classes("text-red-800")

    def hand_on(self) -> None:
        try:
            self.room.teams.negotiator(self.to.value, by=self.token)
        except Refused as exc:
            self.error.set_text(str(exc))
            return
        self.update()

    def update(self) -> None:
        if self.shape() != self.drawn:
            self.draw.refresh()
