"""Which people of a game have their seat page open, and since when a seat has had none.

Why a plain object with the clock given: whether a seat is orphaned (every member's page
closed, the laptop shut, the tab lost) decides when the model stands in for it, so it is
tested without a browser and without sleeping. The seat page reports its client's connect
and disconnect (and its own closing, when the tab moves to another page); this object only
counts.
"""
from __future__ import annotations

from typing import Callable, Hashable, Iterable


class Presence:
    def __init__(self, clock: Callable[[], float]):
        self.clock = clock
        self.pages: dict[str, set[Hashable]] = {}  # member -> the pages of theirs now open
        self.left: dict[str, float] = {}           # member -> when they were last seen

    def arrived(self, member: str) -> None:
        """A person joined (their page opens next), or the server took the game up again
        after a restart: seen now, so the grace period runs from here."""
        self.left[member] = self.clock()

    def page(self, member: str, key: Hashable, open_: bool) -> None:
        """One page of a member opened (connected) or closed (disconnected, or left for
        another page). Reported twice, it counts once: connect and disconnect events may
        come in either order on a reconnect, so the caller reports what it sees."""
        pages = self.pages.setdefault(member, set())
        had = bool(pages)
        if open_:
            pages.add(key)
        else:
            pages.discard(key)
        if had and not pages:
            self.left[member] = self.clock()

    def here(self, member: str) -> bool:
        return bool(self.pages.get(member))

    def away(self, members: Iterable[str]) -> float | None:
        """Seconds since the last of these members was seen; None while a page of one of
        them is open."""
        members = list(members)
        if any(self.here(m) for m in members):
            return None
        now = self.clock()
        return now - max((self.left.get(m, now) for m in members), default=now)

    def forget(self, member: str) -> None:
        self.pages.pop(member, None)
        self.left.pop(member, None)
