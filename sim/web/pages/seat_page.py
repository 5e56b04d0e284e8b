"""A player's page in a classroom game (/play/CODE): the game as their actor knows it, the
decision waiting for them, messages, the role sheet; at the end a reflection question and
the debrief.

The seat comes from the token this browser keeps; every action passes it to the room,
which acts for that seat only. The room tells the page of each change the moment it
happens (another player's move, the teacher's inject: pushed over this page's websocket, see
`classroom/follower.py`), and the page redraws what changed, leaving a half-filled form
alone while its question still waits. A timer only counts the deadline's seconds down.
"""
from __future__ import annotations

import datetime as dt

from nicegui import ui

from ...engine import Decision
from ...model.labels import state_words
from ...play.debrief import REFLECTION
from ...play.roles import role_sheet
from ...play.timeline import Teller, rule_ids
from ..common.chrome import message, note, rule_title
from ..classroom.debrief_view import debrief_view
from ..classroom.decision_view import DecisionPanel
from ..classroom.follower import Follower
from .join_page import recall
from ..common.library import Refused
from ..classroom.messages_view import MessagesPanel
from ..classroom.notices import clock_waits, timed_out
from ..classroom.round_clock_view import round_clock_view
from .session import Session
from ..classroom.sheet_view import role_sheet_view
from ..classroom.team_view import PageWatch, TeamPanel

STATE_WORDS = {"preparing": "preparing: read your role sheet; the teacher starts the clock",
               "running": "running", "paused": "paused by the teacher", "over": "over"}


def clock_text(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def seat_page(session: Session, code: str) -> None:
    SeatView(session, code).page()


class SeatView:
    def __init__(self, session: Session, code: str):
        self.session, self.code = session, code
        self.room = self.actor = self.token = self.member = None
        self.drawn = self.asked = self.ended = self.hints = self.moment = None

    def page(self) -> None:
        self.body = ui.column().classes("w-full p-4 gap-3 seat-page")
        with self.body:
            ui.label("Finding your seat...").mark("finding")
        ui.timer(0.01, self.find_seat, once=True)

    async def find_seat(self) -> None:
        try:
            self.room = self.session.server.classroom.join(self.code,
                                                           self.session.join_attempts,
                                                           self.session.client)
            token = self.session.held.get(self.room.code) or await recall(
                self.room.code, self.room.teams.holds)
            self.actor = self.room.seat_of(token)
            self.member = self.room.teams.member_of(token).mid  # one person of the team
        except Refused as exc:
            self.body.clear()
            with self.body:
                message(str(exc)).mark("seat-status")
                ui.button("Join a game", on_click=lambda: ui.navigate.to("/join"))
            return
        self.token = self.session.held[self.room.code] = token
        self.body.clear()
        with self.body:
            self.layout()
        PageWatch(self.room, self.member)  # open while this page is: else the model stands in
        Follower(self.room.watchers, self.follow)  # each change, as it happens
        ui.timer(1.0, self.tick)  # the deadline's seconds
        ui.timer(5.0, self.follow)  # a safety net only: changes are pushed

    def layout(self) -> None:
        room, actor = self.room, self.actor
        round_clock_view(self.session.server.classroom.round_clock)  # the class's rounds
        self.status()
        self.ending()  # the whole width: the debrief's table needs it
        with ui.row().classes("w-full items-start gap-4 no-wrap max-lg:flex-wrap seat-rest"):
            with ui.column().classes("w-7/12 max-lg:w-full gap-3"):
                self.decision()
                self.timeline()
            with ui.column().classes("flex-1 gap-3 min-w-0"):
                self.team = TeamPanel(room, self.token, self.member)
                self.team.draw()
                self.messages = MessagesPanel(room, actor, self.send_message)
                self.messages.draw()
                role_sheet_view(role_sheet(room.scenario, actor), room.state == "preparing")
        self.drawn = room.version

    # --- the parts ------------------------------------------------------------------------
    def status(self) -> None:
        """The seat's status card, made once: `show_status` writes its lines in place.
        Why not drawn again: every change of the game redraws the pages of its 12 or so
        students, and a card made anew each time was the server's largest source of
        garbage (a third of the elements it made in a class of 10 games), whose
        collection stops the event loop for every student at once."""
        with ui.card().classes("w-full").mark("status") \
                .props("data-testid=status-card") as self.status_card:
            self.title = ui.label().classes("text-lg font-bold")
            self.state_line = ui.label().mark("game-state").props("data-testid=game-state")
            self.said: tuple[str, ...] = ()
            self.notices()
            self.countdown = ui.label("").classes("text-sm font-semibold text-amber-800")
            self.world = note("")
        self.show_status()

    def show_status(self) -> None:
        room, sc = self.room, self.room.scenario
        name = room.teams.members[self.member].name if self.member in room.teams.members \
            else room.names.get(self.actor, "")
        self.title.set_text(f"You play {sc.actors[self.actor].name} (as {name}) · game "
                            f"{room.code} · {sc.spec.title}")
        line = f"The game is {STATE_WORDS[room.state]}."
        if room.game is not None:
            day = int(room.game.clock)
            line = f"{sc.start + dt.timedelta(days=day)} (day {day}). " + line
            others = [f"{sc.actors[a].name} ({n})" for a, n, _ in room.waiting_on()
                      if a != self.actor]
            if others and room.state == "running":
                line += " Waiting for " + ", ".join(others) + "."
        self.state_line.set_text(line)
        # a question gone at its deadline; a clock that waits: said
        said = tuple(w for w in (timed_out(room, self.actor), clock_waits(room)) if w)
        if said != self.said:
            self.said = said
            self.notices.refresh()
        if room.game is not None:
            self.world.set_text("The world as you know it: "
                                + state_words(sc.variables, room.game.view(self.actor).state))
        self.world.set_visibility(room.game is not None)
        # the room's version the card shows: what a page that follows it has drawn
        self.status_card.props["data-version"] = str(room.version)

    @ui.refreshable_method
    def notices(self) -> None:
        for words in self.said:
            ui.label(words).classes("text-sm font-semibold text-amber-900") \
                .mark("seat-notice").props('role="status"')

    @ui.refreshable_method
    def decision(self) -> None:
        q = self.room.question(self.actor)
        self.asked = None if q is None else q.number
        self.moment = None if q is None else q.moment  # a new one: asked again (an inject)
        self.hints = self.room.settings.hints
        if q is not None and self.room.state in ("running", "paused"):
            DecisionPanel(self.room, self.actor, q, self.send).draw()

    def timeline(self) -> None:
        """The game as the actor knows it, newest first; later lines are added on top (a
        decision sends the browser its new lines only, not the whole list again)."""
        with ui.card().classes("w-full").mark("timeline"):
            ui.label("The game as you know it (newest first)").classes("font-bold")
            self.nothing = note("Nothing yet: the clock has not started.")
            self.lines = ui.column().classes("w-full gap-1")
        self.teller, self.told = Teller(self.room.scenario, self.actor), 0
        self.more_lines()

    def more_lines(self) -> None:
        if self.room.game is None:
            return
        seen = self.room.game.view(self.actor).seen
        entries, self.told = seen[self.told:], len(seen)
        fresh = [(line, rule_ids(e)) for e in entries for line in self.teller.lines([e])]
        if fresh and self.nothing.visible:
            self.nothing.set_visibility(False)
        with self.lines:
            for (date, text), ids in fresh:  # a refusal's rules by sentence, ids on hover
                rule_title(ui.label(f"{date}  {text}").classes("text-sm").mark("event"),
                           ids).move(self.lines, 0)

    @ui.refreshable_method
    def ending(self) -> None:
        room = self.room
        self.ended = (room.state, self.actor in room.reflections)
        if room.state != "over" or room.game is None:
            return
        with ui.card().classes("w-full seat-ending").mark("ending"):
            if self.actor not in room.reflections:  # the question first, then the debrief
                name = room.scenario.actors[self.actor].name
                ui.label(REFLECTION.format(name=name)).classes("font-bold")
                self.reflection = ui.textarea("Your answer") \
                    .props("maxlength=2000 data-testid=reflection").classes("w-full") \
                    .mark("reflection")
                ui.button("Show my debrief", on_click=self.reflect).mark("show-debrief")
                self.error = message().classes("text-red-800")
                return
            debrief_view(room.scenario, room.debrief(self.actor))

    # --- actions ----------------------------------------------------------------------------
    def send(self, decision: Decision) -> None:
        self.room.decide(self.token, self.asked, decision)  # Refused: shown by the panel
        self.redraw()

    def send_message(self, to: str, text: str) -> None:
        member = self.room.teams.member_of(self.token)  # still in the seat (else Refused)
        self.room.say(member.actor, to, text, member.mid)

    def reflect(self) -> None:
        try:
            self.room.reflect(self.token, self.reflection.value or "")
        except Refused as exc:
            self.error.set_text(str(exc))
            return
        self.ending.refresh()

    def redraw(self) -> None:
        if self.room.teams.members.get(self.member) is None or \
                self.room.teams.members[self.member].actor != self.actor:
            return self.left_seat()  # the teacher freed or moved this person
        self.drawn = self.room.version
        q = self.room.question(self.actor)
        if ((None if q is None else q.number) != self.asked or self.room.state == "over"
                or self.hints != self.room.settings.hints
                or (q is not None and q.moment is not self.moment)):  # else the form stays
            self.decision.refresh()
        self.show_status()
        self.more_lines()
        if self.ended != (self.room.state, self.actor in self.room.reflections):
            self.ending.refresh()  # (not while a reflection is being written)
        self.messages.update()
        self.team.update()

    def left_seat(self) -> None:
        """Freed by the teacher: said; moved to another seat: that seat's page."""
        self.drawn = self.room.version
        moved = self.room.teams.members.get(self.member)
        self.body.clear()
        if moved is not None:
            self.actor = moved.actor
            with self.body:
                self.layout()
            return
        with self.body:
            message("The teacher has freed your seat in this game.").mark("seat-status")
            ui.button("Join a game", on_click=lambda: ui.navigate.to("/join"))

    def follow(self) -> None:
        """The room changed: redraw (unless this page's own action already has)."""
        if self.room.version != self.drawn:
            self.redraw()
        self.tick()

    def tick(self) -> None:
        room = self.room
        q = room.question(self.actor)
        left = None if q is None or room.state != "running" else room.seconds_left(q)
        self.countdown.set_text("" if left is None else
                                f"Time left to decide: {clock_text(left)} (then the model "
                                f"decides for you)")
