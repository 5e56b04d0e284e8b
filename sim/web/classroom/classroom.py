"""The classroom: class sessions, their games, join codes, and everything on disk.

Why a folder per session under `results/classroom/` (and one per game in it): a teacher
collects, archives or deletes a class at once; each game's transcript stands alone and
replays from the command line. On start the server reads them all back, so a game open
when the server stopped is open again, under the same code.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from ...files.errors import InputError
from ...model.scenario import Scenario
from ...play.transcript import Transcript
from ..common.library import Library, Refused
from .room import SETTINGS, GameRoom, Settings, check_setting, compiled
from .round_clock import FILE as ROUND_CLOCK_FILE, RoundClock
from ..common.runs import typed
from .seats import SeatToken
from ..common.security import ALPHABET, Attempts, PerClient, normal

CODE_LENGTH = 6
NEW_GAMES_AT_ONCE = 15  # the dashboard's Games field
JOIN_TAB_ATTEMPTS = 10     # wrong codes per tab per minute
JOIN_CLIENT_ATTEMPTS = 10  # wrong codes per minute from one machine, over its tabs
UPLOADED = "scenario-upload.yaml"


@dataclass(frozen=True)
class ClassCaps:
    sessions: int = 20
    games_per_session: int = 30


@dataclass
class ClassSession:
    """One class: a title the teacher chose and its games, in order."""

    sid: str
    title: str
    folder: Path
    rooms: dict[str, GameRoom] = field(default_factory=dict)


class Classroom:
    def __init__(self, root: Path, library: Library, caps: ClassCaps = ClassCaps(),
                 clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time):
        self.root, self.library, self.caps, self.clock = Path(root), library, caps, clock
        self.sessions: dict[str, ClassSession] = {}
        self.codes: dict[str, GameRoom] = {}
        self.attempts = PerClient(JOIN_CLIENT_ATTEMPTS)
        self.broken: list[str] = []  # games that could not be taken up again, and why
        # the class-wide round clock (wall time: a round runs on while the server is down)
        self.round_clock = RoundClock.load(self.root / ROUND_CLOCK_FILE, wall)
        if self.round_clock.problem:
            self.broken.append(self.round_clock.problem)
        self.students_url: str | None = None  # what students type, when serving a network

    # --- sessions and games -------------------------------------------------------------
    def new_session(self, title: str) -> ClassSession:
        from .seats import clean_text
        title = clean_text(title, 80, "The session's title")
        if len(self.sessions) >= self.caps.sessions:
            raise Refused(f"There are already {self.caps.sessions} class sessions: delete "
                          f"one first.")
        sid = f"{dt.date.today():%Y%m%d}-{secrets.token_hex(3)}"
        folder = self.root / sid
        folder.mkdir(parents=True)
        (folder / "session.json").write_text(json.dumps({"title": title, "sid": sid}) + "\n")
        session = self.sessions[sid] = ClassSession(sid, title, folder)
        return session

    def new_games(self, sid: str, scenario_name: str, seed: object, settings: Settings,
                  count: object) -> list[GameRoom]:
        """`count` new games, or none: every value is checked before the first is made, so
        a mistake never leaves half a class created."""
        try:
            n = int(float(str(count).strip()))
            whole = float(str(count).strip()) == n
        except (ValueError, OverflowError):
            n, whole = 0, False
        if not whole or not 1 <= n <= NEW_GAMES_AT_ONCE:
            raise Refused(f"Games: a whole number from 1 to {NEW_GAMES_AT_ONCE} at a time; "
                          f"got {typed(count)}.")
        left = self.caps.games_per_session - len(self.sessions[sid].rooms)
        if n > left:
            raise Refused(f"A session holds at most {self.caps.games_per_session} games: this "
                          f"one has room for {left} more.")
        self._checked(scenario_name, seed, settings)
        # each game its own copy: a teacher changes one game's deadline, not every game's
        return [self.new_game(sid, scenario_name, seed, replace(settings)) for _ in range(n)]

    def _checked(self, scenario_name: str, seed: object, settings: Settings | None):
        """(library entry, seed) of a new game, or Refused saying what is wrong."""
        entry = self.library.entries.get(scenario_name)
        if entry is None:
            raise Refused("No such scenario on this server.")
        try:
            seed = int(str(seed).strip())
            assert seed >= 0
        except (ValueError, AssertionError):
            raise Refused("A seed is a whole number from 0.") from None
        if settings is not None:
            check_setting("pace", settings.pace)
            check_setting("deadline", settings.deadline)
            check_setting("grace", settings.grace)
        return entry, seed

    def new_game(self, sid: str, scenario_name: str, seed: object,
                 settings: Settings | None = None) -> GameRoom:
        session = self.sessions[sid]
        if len(session.rooms) >= self.caps.games_per_session:
            raise Refused(f"A session holds at most {self.caps.games_per_session} games.")
        entry, seed = self._checked(scenario_name, seed, settings)
        gid = f"g{len(session.rooms) + 1}"
        room = GameRoom(gid, self._new_code(), entry.name, entry.scenario, seed,
                        session.folder / gid, settings, self.clock)
        room.create()
        if entry.uploaded:  # kept beside the game, so that a restart can read it again
            (room.folder / UPLOADED).write_bytes(entry.scenario.path.read_bytes())
        session.rooms[gid] = self.codes[room.code] = room
        return room

    def _new_code(self) -> str:
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            if code not in self.codes:
                return code

    def join(self, code: str, tab: Attempts, client: str = "") -> GameRoom:
        """The game a typed code names; wrong codes are limited per tab and per client (the
        machine's address), so a guessing machine waits and the rest of the class does
        not."""
        if tab.blocked() or self.attempts.blocked(client):
            raise Refused("Too many wrong codes: wait a minute, then try again.")
        room = self.codes.get(normal(code))
        if room is None:
            tab.fail()
            self.attempts.fail(client)
            raise Refused("No game has that code. Check it with your teacher (letters and "
                          "digits; O and I are never used).")
        return room

    def delete(self, sid: str) -> None:
        """A session and every transcript in it, gone from memory and from disk."""
        session = self.sessions.pop(sid)
        for room in session.rooms.values():
            self.codes.pop(room.code, None)
            room.deleted = True  # a page still open on it is refused from now on
            room.changed()
        shutil.rmtree(session.folder, ignore_errors=True)

    def tick(self) -> None:
        """The server's clock: each game's, then the model standing in for the seats whose
        people have all left (`Teams.watch`)."""
        for room in list(self.codes.values()):
            room.tick()
            room.teams.watch()

    def room(self, sid: str, gid: str) -> GameRoom | None:
        session = self.sessions.get(sid)
        return None if session is None else session.rooms.get(gid)

    # --- after a restart ----------------------------------------------------------------
    def load(self) -> None:
        """Take up every session and game on disk again (open games resume)."""
        if not self.root.is_dir():
            return
        # in the order they were made (a session's id ends in random letters): the newest,
        # the one a class is most likely in, comes last and is the dashboard's first choice
        made = [p for p in self.root.iterdir() if (p / "session.json").is_file()]
        for folder in sorted(made, key=lambda p: ((p / "session.json").stat().st_mtime, p.name)):
            try:
                meta = json.loads((folder / "session.json").read_text())
            except (OSError, ValueError):
                self.broken.append(f"{folder.name}: its session.json cannot be read")
                continue
            session = ClassSession(folder.name, str(meta.get("title", folder.name)), folder)
            self.sessions[session.sid] = session
            games = [p for p in folder.iterdir() if (p / "transcript.jsonl").is_file()]
            for game in sorted(games, key=lambda p: int(re.sub(r"\D", "", p.name) or 0)):
                try:
                    room = restore(game, self._scenario_of(game), self.clock)
                except (InputError, Refused, OSError, KeyError, ValueError) as exc:
                    self.broken.append(f"{folder.name}/{game.name}: {exc}")
                    continue
                session.rooms[room.gid] = self.codes[room.code] = room

    def _scenario_of(self, game: Path):
        head = json.loads((game / "transcript.jsonl").read_text().split("\n", 1)[0])
        name = head["scenario"]
        entry = self.library.entries.get(name)
        if entry is None and (game / UPLOADED).is_file():
            entry = self.library.upload(name, (game / UPLOADED).read_bytes())
        if entry is None:
            raise Refused(f"its scenario {name} is not on this server")
        return entry.scenario


def restore(folder: Path, scenario: Scenario, clock: Callable[[], float]) -> GameRoom:
    """A room as its transcript left it: seats (their tokens' hashes), settings, messages,
    reflections, and the game replayed to where it stood."""
    t = Transcript.read(folder / "transcript.jsonl")
    h = t.header
    room = GameRoom(h["gid"], h["code"], h["scenario"], scenario, h["seed"], folder,
                    Settings(**h.get("settings", {})), clock)
    tokens, seats = folder / "seats.jsonl", []
    for line in tokens.read_text().splitlines() if tokens.is_file() else []:
        try:
            seats.append(SeatToken.from_json(json.loads(line)))
        except (ValueError, KeyError):
            continue  # a line torn by a crash: that seat was never handed out
    room.teams.restore(seats, t.entries)  # teams, negotiators, seats the model plays
    for name, value in t.settings.items():
        if name in SETTINGS:
            setattr(room.settings, name, value)
    room.paused = bool(t.settings.get("paused"))
    room.ended = bool(t.settings.get("ended"))
    room.messages = list(t.messages)
    room.reflections = dict(t.reflections)
    if t.seats is not None:
        room.game = t.game(scenario, folder / "transcript.jsonl", compiled(scenario))
        if room.state == "running" and room.settings.pace == "fast":
            room.game.advance()  # where a fast game stood: at the next decision
    return room
