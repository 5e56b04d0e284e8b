"""The projector view of a game (/projector/CODE): the join code in large type, the address
students type and a QR code of it, which seats are filled, the class's round clock and the
latest public events. No token: it is made to be seen by the whole room.

Why it shows so little: everything on it is what every seat of the game may see anyway
(`classroom.public_events`), the seats' names the players chose, and the code the teacher
hands out. Never a private rule, a hint, a token, a message, or an inject sent to one seat.
A wrong code counts against this tab and machine as on the join page: the projector view is
no way round the limit on guessing codes.
"""
from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

import segno
from nicegui import ui

from ..classroom.follower import Follower
from ..classroom.public_events import public_events
from ..classroom.room import GameRoom
from ..classroom.round_clock_view import round_clock_view
from ..common.chrome import heading, message, note
from ..common.library import Refused
from .session import Session

STATE_WORDS = {"preparing": "waiting for the teacher to start", "running": "running",
               "paused": "paused by the teacher", "over": "over"}
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# large type that scales with the screen: read from the back of a room at 1024x768 as at
# 1920x1080, and still within the width of a narrow window
CODE_STYLE = "font-size: clamp(3rem, min(10vw, 15vh), 10rem); line-height: 1"
QR_STYLE = "width: clamp(9rem, min(40vh, 27vw), 30rem); height: auto; background: white"
ADDRESS_STYLE = "font-size: clamp(1.25rem, 2.8vw, 2.5rem); line-height: 1.2"
# the join block and the lists on the left, the QR code on the right; one column when narrow
CSS = """
.projector {display: grid; gap: 1rem 1.5rem; align-items: start;
            grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: "join qr" "lists qr"}
.projector-lists {display: grid; gap: 1rem; grid-template-columns: repeat(2, minmax(0, 1fr))}
@media (max-width: 767px) {
  .projector {grid-template-columns: minmax(0, 1fr); grid-template-areas: "join" "qr" "lists"}
  .projector-lists {grid-template-columns: minmax(0, 1fr)}
}"""


def join_address(base: str, code: str) -> tuple[str, str]:
    """(what students type, what the QR code opens): the join page, then with the code."""
    base = base if base.endswith("/") else base + "/"
    return f"{base}join", f"{base}join?code={code}"


def qr_svg(url: str, code: str) -> str:
    """The QR code of `url` as inline SVG, an image with its words for a screen reader."""
    words = html.escape(f"QR code: opens {url}, the join page with game code {code}")
    svg = segno.make(url, error="m").svg_inline(omitsize=True, svgclass="projector-qr")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{words}" '
                       f'style="{QR_STYLE}" ', 1)


def page_base() -> str:
    """The address this page was opened at (scheme, host, port)."""
    request = ui.context.client.request
    return str(request.base_url) if request is not None else "/"


def projector_page(session: Session, code: str) -> None:
    ProjectorView(session, code).page()


class ProjectorView:
    def __init__(self, session: Session, code: str):
        self.session, self.code = session, code
        self.room: GameRoom | None = None
        self.drawn = -1

    def page(self) -> None:
        classroom = self.session.server.classroom
        try:
            self.room = room = classroom.join(self.code, self.session.join_attempts,
                                              self.session.client)
        except Refused as exc:
            message(str(exc)).classes("p-6 text-lg").mark("projector-status")
            return
        base = classroom.students_url or page_base()
        typed, opened = join_address(base, room.code)
        ui.add_css(CSS)
        with ui.element("div").classes("w-full p-4 projector"):
            with ui.column().classes("gap-2 min-w-0").style("grid-area: join"):
                heading("Join this game").classes("text-xl font-bold")
                ui.label(typed).classes("font-mono break-all").style(ADDRESS_STYLE) \
                    .props("data-testid=projector-address")
                with ui.row().classes("items-baseline gap-4 no-wrap"):
                    ui.label("Code").classes("text-2xl")
                    ui.label(room.code).classes("font-mono font-bold tracking-widest") \
                        .style(CODE_STYLE).props("data-testid=projector-code")
                if not classroom.students_url and urlsplit(base).hostname in LOOPBACK:
                    note("This address is this computer's own: students reach the server "
                         "only when it is started with --host 0.0.0.0.")
                round_clock_view(classroom.round_clock, "big")
            with ui.column().classes("items-center gap-1").style("grid-area: qr"):
                ui.html(qr_svg(opened, room.code)).props("data-testid=projector-qr")
                ui.label("Scan: the join page opens with the code filled in") \
                    .classes("text-lg text-center max-w-72")
            with ui.element("div").classes("projector-lists").style("grid-area: lists"):
                with ui.card().classes("min-w-0"):
                    self.seats()
                with ui.card().classes("min-w-0"):
                    self.events()
        self.drawn = room.version
        Follower(room.watchers, self.refresh)  # each change of the game, pushed

    @ui.refreshable_method
    def seats(self) -> None:
        room, sc = self.room, self.room.scenario
        state = STATE_WORDS[room.state]
        if room.game is not None and room.state != "over":
            day = int(room.game.clock)
            state += f" · {sc.start + dt.timedelta(days=day)} (day {day})"
        heading(f"Seats of game {room.code}").classes("text-xl font-bold")
        ui.label(f"{sc.spec.title} · {state}").classes("text-lg") \
            .props("data-testid=projector-state")
        empty = "open" if room.state == "preparing" else "the model"
        with ui.column().classes("gap-1").props("data-testid=projector-seats"):
            for actor in room.playable:
                who = room.names.get(actor) if actor in room.seats else empty
                ui.label(f"{sc.actors[actor].name}: {who}").classes("text-xl")

    @ui.refreshable_method
    def events(self) -> None:
        heading("Latest public events").classes("text-xl font-bold")
        told = public_events(self.room)
        if not told:
            ui.label("Nothing yet: the game has not started.").classes("text-lg")
        with ui.column().classes("gap-1").props("data-testid=projector-events"):
            for date, words in told:
                ui.label(f"{date}  {words}").classes("text-lg")

    def refresh(self) -> None:
        """Redraw what changed in the game, when the room says it changed (the round clock
        redraws itself)."""
        if self.room is not None and self.room.version != self.drawn:
            self.drawn = self.room.version
            self.seats.refresh()
            self.events.refresh()
