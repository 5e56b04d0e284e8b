"""Joining a game: type the code the teacher gives and a name, pick a free seat, or join
a taken seat's team as an adviser.

The seat's token goes into this browser's storage (localStorage, under the game's code;
sessionStorage too, so that each tab keeps its own where the teacher lets a browser hold
more than one) and nowhere else: a reload, a lost connection or a restarted server finds
the seat again. Pick a pseudonym: the name is shown to the others in the game and kept in
its transcript.

One browser, one seat of a game: the server gives each browser a random id, kept in its
localStorage (shared by its tabs, and it outlives a server restart, which a cookie signed
with a per-run secret would not); the room keeps a digest of it beside each token. Not the
IP address: a class behind one router shares one.
"""
from __future__ import annotations

import json
import re
import secrets
from typing import Callable

from nicegui import ui

from ...play.roles import role_sheet
from ..common.chrome import message, note, titled_card
from ..common.library import Refused
from ..classroom.room import GameRoom
from ..classroom.seats import BROWSER_ID, browser_digest
from .session import Session


BROWSER_KEY = "negsim-browser"
# How long a browser may take to answer a storage request: NiceGUI waits 1 s, less than a
# loaded class (30 pages on 2 cores) sometimes needs.
BROWSER_WAIT = 3.0  # seconds


def storage_key(code: str) -> str:
    return f"negsim-seat-{code}"


async def remember(code: str, token: str) -> None:
    """Keep the seat's token in this browser (the code is letters and digits only).

    Waited for, so that the browser has it before it is sent to the seat, but for at most
    `BROWSER_WAIT` seconds and never fatally: a browser slow to answer (a loaded class)
    still gets its seat, which this tab's session holds on the server anyway. Before, a
    reply later than NiceGUI's 1 s left a student with a seat taken and the page unmoved.
    """
    key, text = json.dumps(storage_key(code)), json.dumps(token)
    try:
        await ui.run_javascript(f"localStorage.setItem({key}, {text}); "
                                f"sessionStorage.setItem({key}, {text}); true",
                                timeout=BROWSER_WAIT)
    except TimeoutError:
        pass


async def recall(code: str, holds: Callable[[str], bool] = lambda token: True) -> str | None:
    """The seat token this tab keeps (sessionStorage), else this browser's latest; the first
    one that still `holds` a seat."""
    key = json.dumps(storage_key(code))
    try:
        found = await ui.run_javascript(
            f"localStorage.getItem({key}) && "
            f"[sessionStorage.getItem({key}), localStorage.getItem({key})]", timeout=BROWSER_WAIT)
    except TimeoutError:
        return None  # no answer: as a browser that holds no seat (a reload asks again)
    kept = [found] if isinstance(found, str) else [
        f for f in (found if isinstance(found, list) else []) if isinstance(f, str)]
    return next((t for t in kept if holds(t)), kept[-1] if kept else None)


async def browser_id() -> str | None:
    """This browser's id: made here the first time, then kept in its localStorage."""
    key, made = json.dumps(BROWSER_KEY), secrets.token_urlsafe(18)
    try:
        found = await ui.run_javascript(f"localStorage.getItem({key}) || "
                                        f"(localStorage.setItem({key}, {json.dumps(made)}), "
                                        f"{json.dumps(made)})", timeout=BROWSER_WAIT)
        if isinstance(found, str) and BROWSER_ID.fullmatch(found):
            return found
        await ui.run_javascript(f"localStorage.setItem({key}, {json.dumps(made)}); true",
                                timeout=BROWSER_WAIT)
    except (TimeoutError, RuntimeError):
        return None  # no storage: refused by `browser_digest`
    return made


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
                ui.label("This game has started: its free seats are played by the model. If "
                         "you hold a seat in it, open it again on this browser; or join a "
                         "team as its adviser.")
            else:
                ui.label("Choose a seat").classes("text-lg font-bold")
                note("Every seat nobody takes is played by the model. Several of you may "
                     "share a seat: the first is its negotiator, who decides; the others "
                     "advise. The teacher starts the clock when the class is ready; until "
                     "then read your role sheet.")
            for actor in room.playable:
                spec = sc.actors[actor]
                sheet = role_sheet(sc, actor)
                held = room.seats.get(actor)
                if room.state != "preparing" and (held is None or not held.members):
                    continue
                with ui.row().classes("w-full items-start gap-3 no-wrap"):
                    with ui.column().classes("flex-1 gap-0"):
                        ui.label(f"{spec.name} ({', '.join(spec.roles)})").classes("font-bold")
                        if sheet["summary"]:
                            ui.label(sheet["summary"]).classes("text-sm text-gray-700")
                    if held is not None:
                        self.taken(actor, spec.name, len(held.members))
                    else:
                        ui.button("Take this seat", on_click=lambda a=actor: self.take(a)) \
                            .mark(f"take-{actor}").props(f"data-testid=take-{actor}")
            ui.button("Open my seat", on_click=lambda: ui.navigate.to(f"/play/{room.code}")) \
                .props("outline").mark("open-seat")

    def taken(self, actor: str, name: str, people: int) -> None:
        """A taken seat: who negotiates for it, and joining its team."""
        with ui.column().classes("items-end gap-1"):
            others = f" and {people - 1} adviser{'s' if people > 2 else ''}" if people > 1 else ""
            ui.label(f"taken by {self.room.names.get(actor, '')}{others}").classes("text-sm")
            if self.room.state != "over":
                ui.button(f"Join the {name} team as adviser",
                          on_click=lambda: self.take(actor, adviser=True)) \
                    .props(f"outline no-caps data-testid=advise-{actor}").mark(f"advise-{actor}")

    async def take(self, actor: str, adviser: bool = False) -> None:
        """Take a free seat, or join a taken one's team as an adviser; then open it."""
        room = self.room
        try:
            client = browser_digest(await browser_id())
            join = room.advise if adviser else room.take
            token = join(actor, self.name.value or "", client)
        except Refused as exc:
            self.status.set_text(str(exc))
            self.seats.refresh()
            return
        self.session.held[room.code] = token
        await remember(room.code, token)
        ui.navigate.to(f"/play/{room.code}")
