"""Messages between the seats of one game and the teacher: a list and a box to write in.

What a person types reaches only the seats of that game and the teacher (the room keeps
them, per game), is kept in the game's transcript, and is shown as text, never markup. A
seat held by a team also has the team's own channel: its members and the teacher only.
"""
from __future__ import annotations

from typing import Callable

from nicegui import ui

from ..common.chrome import message
from ..common.library import Refused
from .room import GameRoom


def who(room: GameRoom, key: str, name: str | None = None) -> str:
    """A seat by its actor's name and its negotiator's (or `name`, the person who wrote)."""
    if key in ("all", "teacher"):
        return {"all": "everyone", "teacher": "the teacher"}[key]
    name = room.names.get(key, "") if name is None else name
    return room.scenario.actors[key].name + (f" ({name})" if name else "")


def line_of(room: GameRoom, m: dict) -> str:
    to = f"the {room.scenario.actors[m['from']].name} team only" if m["to"] == "team" \
        else who(room, m["to"])
    return f"{who(room, m['from'], m.get('name'))} to {to}: {m['text']}"


class MessagesPanel:
    """`me`: the seat's actor, or 'teacher'; `send(to, text)` goes through the room (the
    seat's page says which of its people wrote)."""

    def __init__(self, room: GameRoom, me: str, send: Callable[[str, str], None]):
        self.room, self.me, self.send = room, me, send
        self.shown = -1

    def draw(self) -> None:
        with ui.card().classes("w-full no-print").mark(f"messages-{self.room.code}"):
            ui.label("Messages").classes("font-bold")
            self.list()
            with ui.row().classes("w-full items-end gap-2 no-wrap"):
                self.to = ui.select(self.targets(), value="all", label="To").classes("w-48") \
                    .mark("message-to")
                self.text = ui.input("Message").props("maxlength=500").classes("flex-1") \
                    .mark("message-text")
                self.text.on("keydown.enter", self.post)
                ui.button("Send", on_click=self.post).props("dense").mark("message-send")
            self.error = message().classes("text-red-800")

    def targets(self) -> dict[str, str]:
        """Who this page may write to: everyone, the teacher, each other seat taken now."""
        targets = {"all": "everyone in this game"}
        if self.me != "teacher":
            targets["teacher"] = "the teacher"
        team = self.room.seats.get(self.me)
        if team is not None and len(team.members) > 1:
            targets["team"] = "your team only"
        return targets | {a: who(self.room, a) for a in self.room.seats if a != self.me}

    @ui.refreshable_method
    def list(self) -> None:
        room = self.room
        items = room.messages if self.me == "teacher" else room.messages_for(self.me)
        self.shown = len(room.messages)
        with ui.column().classes("w-full gap-1 max-h-64 overflow-y-auto"):
            if not items:
                ui.label("None yet.").classes("text-sm text-gray-500")
            for m in items[-50:]:
                line = line_of(room, m)
                ui.label(line).classes("text-sm whitespace-pre-wrap break-words") \
                    .style("overflow-wrap: anywhere").mark("message")  # a long word wraps too

    def update(self) -> None:
        """Called by the page's poll: new messages, and seats taken since it was drawn (a
        student who joined first can write to those who joined after)."""
        if self.shown != len(self.room.messages):
            self.list.refresh()
        targets = self.targets()
        if targets != self.to.options:
            keep = self.to.value if self.to.value in targets else "all"
            self.to.set_options(targets, value=keep)

    def post(self) -> None:
        try:
            self.send(self.to.value, self.text.value or "")
        except Refused as exc:
            self.error.set_text(str(exc))
            return
        self.error.set_text("")
        self.text.set_value("")
        self.list.refresh()
