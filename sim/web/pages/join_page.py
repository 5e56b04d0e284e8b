"""Joining a game: type the code the teacher gives and a name, pick a free seat.

The seat's token goes into this browser's storage (localStorage, under the game's code)
and nowhere else: a reload, a lost connection or a restarted server finds the seat again.
Pick a pseudonym: the name is shown to the others in the game and kept in its transcript.
"""
from __future__ import annotations

import json
import re

from nicegui import ui

from ...play.roles import role_sheet
from ..common.chrome import message, note, titled_card
from ..common.library import Refused
from ..classroom.room import GameRoom
from .session import Session


def storage_key(code: str) -> str:
    return f"negsim-seat-{code}"


async def remember(code: str, token: str) -> None:
    """Keep the seat's token in this browser (the code is letters and digits only)."""
    await ui.run_javascript(f"localStorage.setItem({json.dumps(storage_key(code))}, "
                            f"{json.dumps(token)}); true")


async def recall(code: str) -> str | None:
    found = await ui.run_javascript(f"localStorage.getItem({json.dumps(storage_key(code))})")
    return found if isinstance(found, str) else None


def join_page(session: Session, code: str = "") -> None:
    """`code`: from the address (/join?code=...), as the projector's QR code opens it."""
    JoinView(session, code).page()


class JoinView:
    def __init__(self, session: Session, code: str = ""):
        self.session = session
        self.given = re.sub(r"[^A-Za-z0-9]", "", str(code))[:12]  # shown as typed, checked
        # on Find like any code
        self.room: GameRoom | None = None

    def page(self) -> None:
        with ui.column().classes("w-full p-4 gap-3 max-w-3xl"):
            with titled_card("Join a classroom game",
                             "Type the code your teacher gives, and a name for the others to "
                             "see in this game. A pseudonym is best: the name is kept in the "
                             "game's transcript."):
                with ui.row().classes("items-end gap-3"):
                    self.code = ui.input("Game code", value=self.given).props(
                        "autocomplete=off maxlength=12 data-testid=code").classes("w-40") \
                        .mark("code")
                    self.name = ui.input("Your name or pseudonym").props(
                        "maxlength=40 data-testid=name").classes("w-64").mark("name")
                    if self.given:  # the code is there: the name is what is left to type
                        self.name.props("autofocus")
                    ui.button("Find the game", on_click=self.find).mark("find") \
                        .props("data-testid=find")
                self.status = message().mark("join-status")
            self.seats()

    def find(self) -> None:
        try:
            self.room = self.session.server.classroom.join(self.code.value or "",
                                                           self.session.join_attempts,
                                                           self.session.client)
        except Refused as exc:
            self.room = None
            self.status.set_text(str(exc))
            self.seats.refresh()
            return
        self.status.set_text(f"Game {self.room.code}: {self.room.scenario.spec.title}.")
        self.seats.refresh()

    @ui.refreshable_method
    def seats(self) -> None:
        room = self.room
        if room is None:
            return
        sc = room.scenario
        with ui.card().classes("w-full"):
            if room.state != "preparing":
                ui.label("This game has started: its seats are taken or played by the model. "
                         "If you hold a seat in it, open it again on this browser:")
                ui.button("Open my seat", on_click=lambda: ui.navigate.to(f"/play/{room.code}"))
                return
            ui.label("Choose a seat").classes("text-lg font-bold")
            note("Every seat nobody takes is played by the model. The teacher starts the "
                 "clock when the class is ready; until then read your role sheet.")
            for actor in room.playable:
                spec = sc.actors[actor]
                sheet = role_sheet(sc, actor)
                with ui.row().classes("w-full items-start gap-3 no-wrap"):
                    with ui.column().classes("flex-1 gap-0"):
                        ui.label(f"{spec.name} ({', '.join(spec.roles)})").classes("font-bold")
                        if sheet["summary"]:
                            ui.label(sheet["summary"]).classes("text-sm text-gray-700")
                    if actor in room.seats:
                        ui.label(f"taken by {room.names.get(actor, '')}").classes("text-sm")
                    else:
                        ui.button("Take this seat", on_click=lambda a=actor: self.take(a)) \
                            .mark(f"take-{actor}").props(f"data-testid=take-{actor}")

    async def take(self, actor: str) -> None:
        room = self.room
        try:
            token = room.take(actor, self.name.value or "")
        except Refused as exc:
            self.status.set_text(str(exc))
            self.seats.refresh()
            return
        self.session.held[room.code] = token
        await remember(room.code, token)
        ui.navigate.to(f"/play/{room.code}")
