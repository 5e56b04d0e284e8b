"""Who is looking: the server every browser shares, and one browser tab's session.

Why plain objects: the rules of the classroom (a teacher action needs the token; a wrong
token counts against this tab and the whole server; an upload is the library's to check)
are tested here without a browser, and the pages only call them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..classroom.classroom import JOIN_TAB_ATTEMPTS, Classroom
from ..explorer.columns import columns_of, precompute_later
from ..explorer.explorer import Explorer
from ..common.library import Entry, Library, Refused
from ..common.runs import Caps, Runner
from ..common.security import Attempts, PerClient, TeacherToken

TAB_ATTEMPTS = 5        # wrong tokens per tab per minute
CLIENT_ATTEMPTS = 10    # wrong tokens per minute from one machine, over its tabs
NEED_TOKEN = ("Refused: {what} is a teacher action. Enter the teacher token (printed in the "
              "terminal where negsim serve started) on the Teacher page first.")


@dataclass
class Server:
    """What every browser shares: the scenarios, the runner and its caps, the token, the
    classroom's games."""

    library: Library
    token: TeacherToken
    runner: Runner
    classroom: Classroom
    attempts: PerClient = field(default_factory=lambda: PerClient(CLIENT_ATTEMPTS))

    @classmethod
    def start(cls, caps: Caps = Caps(), library: Library | None = None,
              workers: int | None = None, classroom: Path | str = "results/classroom"
              ) -> tuple["Server", str]:
        """A server with a new token; returns the token's text, to print once. The games
        under `classroom` (from an earlier run) are taken up again."""
        token, text = TeacherToken.new()
        library = library or Library()
        room = Classroom(Path(classroom), library)
        room.load()
        return cls(library, token, Runner(caps, workers), room), text

    def warm(self, scenarios: int = 2) -> None:
        """Precompute the explorer's tables of the scenario it opens on, start the run
        workers and run the first shipped scenarios unchanged in them, so that a class's
        first world-state select and first Run wait for none of it (meant for a
        background thread)."""
        columns_of(self.library.entries[self.library.default()].scenario).precompute()
        for name in self.library.shipped[:scenarios]:
            self.runner.warm(self.library.entries[name].scenario)


class Session:
    """One browser tab: the scenario it explores, its changes, and whether the teacher
    has unlocked it (never stored beyond the tab: a reload locks it again)."""

    def __init__(self, server: Server, client: str = ""):
        self.server = server
        self.client = client  # the machine's address: wrong guesses count against it
        self.teacher = False
        self.attempts = Attempts(TAB_ATTEMPTS)
        self.join_attempts = Attempts(JOIN_TAB_ATTEMPTS)
        self.held: dict[str, str] = {}  # join code -> this tab's seat token, read from the
        # browser's storage (the server keeps only its hash)
        self.choose(server.library.default())

    @property
    def entry(self) -> Entry:
        """The scenario explored; if the teacher removed it meanwhile, the default one."""
        if self.name not in self.server.library.entries:
            self.choose(self.server.library.default())
        return self.server.library.entries[self.name]

    def choose(self, name: str) -> None:
        """Explore scenario `name` from its unchanged state."""
        self.server.library.entries[name]  # an unknown name fails here, not later
        self.name = name
        self._explorer: Explorer | None = None

    @property
    def explorer(self) -> Explorer:
        """The tab's explorer, made when a page first needs it: most tabs of a class are
        seat pages that never explore (and every object a tab keeps is one more for the
        server's garbage collector to walk while the games wait)."""
        if self._explorer is None:
            entry = self.entry
            self._explorer = Explorer(entry.scenario, entry.name)
            precompute_later(entry.scenario)
        return self._explorer

    def unlock(self, text: str) -> tuple[bool, str]:
        """Check a typed token; (unlocked?, what to tell the person)."""
        if self.attempts.blocked() or self.server.attempts.blocked(self.client):
            return False, "Too many wrong tokens: wait a minute, then try again."
        if self.server.token.matches(text):
            self.teacher = True
            return True, "Teacher actions are unlocked in this tab (until it is reloaded)."
        self.attempts.fail()
        self.server.attempts.fail(self.client)
        return False, ("That is not the teacher token. It was printed in the terminal where "
                       "negsim serve started.")

    def lock(self) -> None:
        self.teacher = False

    def require_teacher(self, what: str) -> None:
        if not self.teacher:
            raise Refused(NEED_TOKEN.format(what=what))

    def upload(self, filename: str, data: bytes) -> Entry:
        """Teacher only: add a scenario for every browser (checked like any file)."""
        self.require_teacher("uploading a scenario")
        return self.server.library.upload(filename, data)

    def remove(self, name: str) -> None:
        """Teacher only: take an uploaded scenario off the list."""
        self.require_teacher("removing a scenario")
        self.server.library.remove(name)
        if self.name == name:
            self.choose(self.server.library.default())
