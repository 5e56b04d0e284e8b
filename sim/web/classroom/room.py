"""One classroom game: its seats and their tokens, its clock (pace, pause, deadlines), its
messages and its transcript on disk. Plain Python: the pages only call it.

Why everything goes through the room: a player acts only for the seat their token names,
so every method a player reaches takes the token and checks it; and every change is
appended to the game's transcript before the method returns, so a server stopped at any
moment loses nothing (`classroom.restore` takes the game up again from its transcript).
"""
from __future__ import annotations

import dataclasses
import time
from collections import deque
from pathlib import Path
from typing import Any, Callable

from ...engine import Ask, Compiled, Decision, Game, PersonSeat
from ...model.scenario import Scenario
from ...play.debrief import debrief
from ...play.roles import playable
from ...play.transcript import TranscriptFile, header
from ..common.library import Refused
from .notify import Notifier
from .seats import check_decision, clean_text
from .teams import Teams

PACES = ("fast", "demand")  # or a number: simulated days per real minute
_compiled: dict[str, Compiled] = {}  # scenario digest -> its memo tables, shared by games
MESSAGE_CHARS = 500
MESSAGES_PER_MINUTE = 12
SETTINGS = ("pace", "deadline", "hints", "grace", "more_seats")  # a game's own


def compiled(scenario: Scenario) -> Compiled:
    """One `Compiled` per scenario for every game on it: the memo tables (which formats
    break which rules in a world state) are pure, and filling them is a game's slowest
    step, so a class pays for each world state once, not once per game."""
    found = _compiled.get(scenario.digest)
    if found is None:
        found = _compiled[scenario.digest] = Compiled(scenario)
    return found


@dataclasses.dataclass
class Settings:
    pace: Any = "fast"             # "fast": straight to the next decision; "demand"; days/min
    deadline: float | None = 180.0  # seconds a person has to decide; None: no deadline
    hints: bool = True              # show the model's verdict and the format's value
    grace: float = 120.0            # seconds with no page of a seat open: the model's then
    more_seats: bool = False        # one browser may hold more than one seat of the game


def check_setting(name: str, value: Any) -> None:
    """Refused unless the value is one a game can take (for a new game and a running one)."""
    if name == "pace" and not (value in PACES or (isinstance(value, (int, float))
                                                  and 0 < value <= 1000)):
        raise Refused("Pace: 'fast', 'demand', or simulated days per minute (0 to 1000).")
    if name == "deadline" and value is not None and not 10 <= float(value) <= 3600:
        raise Refused(f"A deadline is from 10 seconds to an hour (3600), or none; got "
                      f"{float(value):g}.")
    if name == "grace" and not 10 <= float(value) <= 3600:
        raise Refused(f"A grace period is from 10 seconds to an hour (3600); got "
                      f"{float(value):g}.")


class GameRoom:
    def __init__(self, gid: str, code: str, name: str, scenario: Scenario, seed: int,
                 folder: Path, settings: Settings | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.gid, self.code, self.name, self.scenario = gid, code, name, scenario
        self.seed, self.folder, self.clock = int(seed), Path(folder), clock
        self.settings = settings or Settings()
        self.playable = playable(scenario)
        self.teams = Teams(self)  # who holds each seat (teams.py); the same dicts:
        self.seats, self.names = self.teams.seats, self.teams.names  # seat -> team, name
        self.game: Game | None = None
        self.paused = self.ended = self.deleted = False
        self.messages: list[dict[str, Any]] = []
        self.reflections: dict[str, str] = {}
        self.version = 0
        self.watchers = Notifier()  # the pages open on this game, told of each change
        self.waited: dict[int, float] = {}
        self.last_tick = clock()
        self._sent: dict[str, deque] = {}
        self.file = TranscriptFile(self.folder / "transcript.jsonl")
        self.tokens = TranscriptFile(self.folder / "seats.jsonl")

    # --- state ----------------------------------------------------------------------------
    @property
    def state(self) -> str:
        if self.ended or self.deleted or (self.game is not None and self.game.over):
            return "over"
        if self.game is None:
            return "preparing"
        return "paused" if self.paused else "running"

    def changed(self) -> None:
        self.version += 1
        self.watchers.notify()

    def write(self, entry: dict[str, Any]) -> dict[str, Any]:
        if self.deleted:
            raise Refused("The teacher has deleted this game.")
        line = self.file.append(entry)
        self.changed()
        return line

    def create(self) -> None:
        """Write the header: the game exists on disk from now on."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.file.append(header(self.scenario, self.name, self.seed, gid=self.gid,
                                code=self.code, settings=dataclasses.asdict(self.settings)))

    # --- seats: who may hold and act for them is teams.py's -------------------------------
    def free(self) -> list[str]:
        return self.teams.free_seats()

    def take(self, actor: str, name: str, client: str | None = None) -> str:
        """A free seat to a person, as its negotiator; their token (`client`: which browser;
        one seat each, unless the teacher allows more)."""
        return self.teams.take(actor, name, client)

    def advise(self, actor: str, name: str, client: str | None = None) -> str:
        return self.teams.advise(actor, name, client)

    def seat_of(self, token: str | None) -> str:
        """The actor a token's seat plays, or Refused: no request acts for another seat."""
        return self.teams.member_of(token).actor

    # --- the teacher's controls -----------------------------------------------------------
    def start(self) -> None:
        """The clock starts; taken seats are the people's, every other seat the model's."""
        if self.game is not None or self.ended:
            return
        self.game = Game(compiled(self.scenario), self.seed,
                         {a: PersonSeat(a) for a in self.seats})
        self.write({"type": "start", "seats": list(self.seats)})
        self.last_tick = self.clock()
        self.run_on()

    def set(self, name: str, value: Any) -> None:
        """A setting (pace, deadline, hints) or pause/resume, noted in the transcript."""
        check_setting(name, value)
        if name == "paused":
            self.paused = bool(value)
        elif name in SETTINGS:
            setattr(self.settings, name, value)
        else:
            raise Refused(f"no setting {name!r}")
        self.write({"type": "setting", "name": name, "value": value})
        self.last_tick = self.clock()
        if not self.paused:
            self.run_on()

    def advance_now(self) -> None:
        """On demand: run to the next decision of a person (or the end)."""
        if self.state == "running":
            self._advance(None)

    def inject(self, changes: dict[str, Any], cause: str, to: list[str] | None) -> None:
        if self.game is None or self.state == "over":
            raise Refused("Injects go to a game that has started and is not over.")
        known = self.scenario.variables
        for var, value in changes.items():
            if var not in known or value not in known[var].values:
                raise Refused(f"{var} = {value!r} is not a state the scenario knows.")
        if to is not None and not set(to) <= set(self.seats):
            raise Refused("An inject to one seat goes to a seat a person holds.")
        self.game.inject(changes, clean_text(cause, 120, "The inject's name"), to)
        self.write({"type": "action", **self.game.actions[-1]})
        self.run_on()

    def end(self) -> None:
        if self.state == "over":
            return
        if self.game is not None:
            self.game.end()
            self.write({"type": "action", **self.game.actions[-1]})
        else:
            self.ended = True
            self.write({"type": "setting", "name": "ended", "value": True})

    # --- the players' actions -------------------------------------------------------------
    def question(self, actor: str) -> Ask | None:
        if self.game is None:
            return None
        return next((q for q in self.game.waiting if q.actor == actor), None)

    def decide(self, token: str | None, number: int, decision: Decision) -> None:
        """A negotiator's decision on the question numbered `number`, for their own seat."""
        actor = self.teams.decider(token)
        q = self.question(actor)
        if q is None or q.number != number or self.state != "running":
            raise Refused("That question is no longer waiting for you (answered, or the "
                          "game is paused or over).")
        self.answer(q, check_decision(self.scenario, q, decision))

    def answer(self, q: Ask, decision: Decision) -> None:
        self.game.answer(q, decision)
        self.waited.pop(q.number, None)
        self.write({"type": "action", **self.game.actions[-1]})
        self.run_on()

    def say(self, sender: str, to: str, text: str, member: str | None = None
            ) -> dict[str, Any]:
        """A message from a seat (its `member` who wrote it) or 'teacher' to 'all', a seat,
        'teacher' or, from a seat, its own 'team' (its members and the teacher)."""
        text = clean_text(text, MESSAGE_CHARS, "A message")
        team = ("team",) if sender != "teacher" else ()
        if to not in ("all", "teacher", *team, *self.seats) or to == sender:
            raise Refused("Send to everyone in this game, to a seat a person holds, or to "
                          "the teacher.")
        sent = self._sent.setdefault(member or sender, deque())  # each person's own
        now = self.clock()
        while sent and now - sent[0] > 60:
            sent.popleft()
        if len(sent) >= MESSAGES_PER_MINUTE and sender != "teacher":
            raise Refused("Too many messages in a minute: wait a little.")
        sent.append(now)
        day = None if self.game is None else round(self.game.clock, 2)
        line = self.write({"type": "message", "from": sender, "to": to, "text": text,
                           "day": day, **self.teams.signed(member)})
        self.messages.append(line)
        return line

    def messages_for(self, actor: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if actor in (m["from"], m["to"]) or m["to"] == "all"]

    def reflect(self, token: str | None, text: str) -> None:
        actor = self.seat_of(token)
        self.reflections[actor] = clean_text(text, 2000, "Your answer")
        self.write({"type": "reflection", "actor": actor, "text": self.reflections[actor]})

    # --- the clock --------------------------------------------------------------------------
    def run_on(self) -> None:
        """After any change: a fast game runs on to the next decision."""
        if self.state == "running" and self.settings.pace == "fast":
            self._advance(None)

    def _advance(self, until: float | None) -> None:
        day = int(self.game.clock)
        steps = self.game.steps
        self.game.advance(until)
        if until is not None and int(self.game.clock) > day:
            self.file.append({"type": "clock", "day": self.game.clock})
        if self.game.steps != steps:
            if self.game.over:
                self.file.append({"type": "over", "meetings_held":
                                  self.game.record.meetings_held})
            self.changed()

    def tick(self) -> None:
        """Called every half second or so: deadlines run out, a paced clock moves on."""
        now = self.clock()
        span, self.last_tick = now - self.last_tick, now
        if self.state != "running":
            return
        for q in list(self.game.waiting):
            self.waited[q.number] = self.waited.get(q.number, 0.0) + span
            limit = self.settings.deadline
            if limit is not None and self.waited[q.number] >= limit and not q.answered:
                self.answer(q, q.fallback())
        pace = self.settings.pace
        if isinstance(pace, (int, float)) and not self.game.waiting:
            self._advance(self.game.clock + pace * span / 60.0)
        elif pace == "fast" and not self.game.waiting:
            self._advance(None)

    def seconds_left(self, q: Ask) -> float | None:
        limit = self.settings.deadline
        return None if limit is None else max(0.0, limit - self.waited.get(q.number, 0.0))

    # --- what the pages show -----------------------------------------------------------------
    def waiting_on(self) -> list[tuple[str, str, float]]:
        """(actor, player's name, seconds waited) for every question waiting on a person."""
        if self.game is None:
            return []
        return [(q.actor, self.names.get(q.actor, ""), self.waited.get(q.number, 0.0))
                for q in self.game.waiting]

    def debrief(self, actor: str) -> dict[str, Any] | None:
        if self.game is None or actor not in self.seats:
            return None
        return debrief(self.scenario, self.game, actor, self.seed, name=self.names[actor],
                       reflection=self.reflections.get(actor))
