"""The teacher's dashboard (/classroom): class sessions and their games, made from a
scenario and a seed, each with a join code to put on the projector; the controls of each
game; the class view, the downloads and the deletion of a session's transcripts.

Every action here is a teacher action: the tab must be unlocked with the token first.
"""
from __future__ import annotations

from nicegui import ui

from ..common.chrome import message, note
from ..classroom.classroom import ClassSession
from ..classroom.exports import session_csv, session_json
from ..classroom.game_card import PACES, GameCard
from ..common.library import Refused
from ..classroom.room import Settings
from ..classroom.round_clock_view import round_clock_control
from .session import Session


def dashboard_page(session: Session) -> None:
    if not session.teacher:
        with ui.column().classes("p-4 gap-2"):
            message("The classroom dashboard is the teacher's: enter the teacher token on the "
                    "Teacher page first (this tab only).").mark("locked")
            ui.button("Teacher page", on_click=lambda: ui.navigate.to("/teacher"))
        return
    Dashboard(session).page()


class Dashboard:
    def __init__(self, session: Session):
        self.session = session
        self.classroom = session.server.classroom
        self.sid = next(reversed(self.classroom.sessions), None)
        self.cards: list[GameCard] = []

    def page(self) -> None:
        with ui.column().classes("w-full p-4 gap-3"):
            for text in self.classroom.broken:
                message(f"Not taken up again after the restart: {text}") \
                    .classes("text-red-800")
            with ui.card().classes("w-full no-print"):
                ui.label("Class sessions").classes("text-lg font-bold")
                with ui.row().classes("items-end gap-3"):
                    self.picker = ui.select(self.titles(), value=self.sid, label="Session",
                                            on_change=lambda e: self.pick(e.value)) \
                        .classes("w-80").mark("session")
                    self.title = ui.input("New session's title (e.g. Monday seminar)") \
                        .props("maxlength=80").classes("w-80").mark("session-title")
                    ui.button("New session", on_click=self.new_session).mark("new-session")
                self.error = message().classes("text-red-800").mark("dashboard-error")
            round_clock_control(self.classroom.round_clock, self.guard)  # class-wide
            self.body()
        # each game's card is told of its changes as they happen (`GameCard.draw`); this
        # only moves on the seconds a person has been waiting
        ui.timer(5.0, self.poll)

    def guard(self) -> None:
        self.session.require_teacher("controlling the classroom")

    def titles(self) -> dict[str, str]:
        return {sid: f"{s.title} ({sid})" for sid, s in self.classroom.sessions.items()}

    def pick(self, sid: str | None) -> None:
        self.sid = sid
        self.body.refresh()

    def new_session(self) -> None:
        try:
            self.guard()
            made = self.classroom.new_session(self.title.value or "")
        except Refused as exc:
            self.error.set_text(str(exc))
            return
        self.error.set_text("")
        self.picker.set_options(self.titles(), value=made.sid)

    @property
    def current(self) -> ClassSession | None:
        return self.classroom.sessions.get(self.sid or "")

    @ui.refreshable_method
    def body(self) -> None:
        self.cards = []
        current = self.current
        if current is None:
            note("Make a session for your class first.")
            return
        library = self.session.server.library
        with ui.card().classes("w-full no-print"):
            ui.label(f"New games in {current.title}").classes("text-lg font-bold")
            with ui.row().classes("items-end gap-3"):
                self.scenario = ui.select({n: e.title for n, e in library.entries.items()},
                                          value=library.default(), label="Scenario") \
                    .classes("w-96").mark("new-scenario")
                self.seed = ui.input("Seed", value="1").classes("w-24").mark("new-seed")
                # no min/max on the fields: NiceGUI would clamp a mistake silently; the
                # server says what is allowed instead (`Classroom.new_games`)
                self.count = ui.number("Games (1-15)", value=1).classes("w-28") \
                    .mark("new-count")
                self.pace = ui.select(PACES, value="fast", label="Pace").classes("w-56")
                self.deadline = ui.number("Deadline (s)", value=180).classes("w-32") \
                    .tooltip("10 to 3600 seconds; empty: no deadline")
                ui.button("Create", on_click=self.new_games).mark("create-games")
            self.create_error = message().classes("text-red-800").mark("create-error")
            note("Each game gets a join code; give one code to each group. Games in one "
                 "session with the same scenario and seed start from the same world.")
        with ui.row().classes("gap-2 no-print"):
            ui.button("Start every game", on_click=self.start_all).props("outline")
            ui.button("Class view", on_click=lambda: ui.navigate.to(
                f"/classroom/{current.sid}")).mark("class-view")
            ui.button("Download all (CSV)", on_click=lambda: self.download("csv")) \
                .props("outline")
            ui.button("Download all (JSON)", on_click=lambda: self.download("json")) \
                .props("outline")
            ui.button("Delete this session's transcripts", on_click=self.confirm_delete) \
                .props("outline color=negative").mark("delete-session")
        for room in current.rooms.values():
            card = GameCard(room, self.guard)
            card.draw()
            self.cards.append(card)

    def new_games(self) -> None:
        pace = self.pace.value if self.pace.value in ("fast", "demand") \
            else float(self.pace.value)
        deadline = None if self.deadline.value in (None, "") else float(self.deadline.value)
        try:
            self.guard()
            self.classroom.new_games(self.sid, self.scenario.value, self.seed.value,
                                     Settings(pace, deadline, True), self.count.value)
        except (Refused, ValueError) as exc:
            self.create_error.set_text(str(exc))
            return
        self.body.refresh()

    def start_all(self) -> None:
        self.guard()
        for room in self.current.rooms.values():
            room.start()
        self.poll()

    def download(self, kind: str) -> None:
        self.guard()
        current = self.current
        data = session_csv(current) if kind == "csv" else session_json(current)
        ui.download.content(data.encode("utf-8"), f"classroom-{current.sid}.{kind}",
                            "text/csv" if kind == "csv" else "application/json")

    def confirm_delete(self) -> None:
        with ui.dialog() as dialog, ui.card():
            ui.label(f"Delete {self.current.title} and every transcript in it, from this "
                     f"server's disk? This cannot be undone.")
            with ui.row():
                ui.button("Delete", on_click=lambda: (dialog.close(), self.delete())) \
                    .props("color=negative").mark("confirm-delete")
                ui.button("Keep", on_click=dialog.close).props("outline")
        dialog.open()

    def delete(self) -> None:
        self.guard()
        self.classroom.delete(self.sid)
        self.sid = next(reversed(self.classroom.sessions), None)
        self.picker.set_options(self.titles(), value=self.sid)
        self.body.refresh()

    def poll(self) -> None:
        for card in self.cards:
            card.update()
