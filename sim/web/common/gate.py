"""How many what-if runs go at once, and the short queue of those that wait their turn.

Why its own module: the rule is plain Python (threads only), tested without a server;
`runs.Runner` holds one gate for every browser.
"""
from __future__ import annotations

import threading
from collections import deque
from typing import Callable


class RunRefused(Exception):
    """A run the caps do not allow; the message says why and what to do."""


Waiting = Callable[[int], None]  # told the runs ahead of this one, each time it changes


class Gate:
    """At most `limit` runs at once; beyond them up to `queue` runs wait their turn, first
    come first served, each told how many are ahead of it (the page says "2 ahead of
    you"); beyond the queue a run is refused at once. Why a short queue and not a refusal:
    a teacher who asks "what if the road reopens?" while two students run theirs waits a
    few seconds and is told why; a queue of thirty would keep the last one waiting too
    long, so that one is told to try again."""

    def __init__(self, limit: int, queue: int = 0):
        self.limit, self.queue = limit, queue
        self.running = 0
        self._waiting: deque[object] = deque()
        self._turn = threading.Condition()

    def enter(self, waiting: Waiting | None = None) -> None:
        """Blocking (call it from a thread): returns when this run may start."""
        with self._turn:
            if self.running < self.limit and not self._waiting:
                self.running += 1
                return
            if len(self._waiting) >= self.queue:
                raise RunRefused(f"The server is busy: {self.running} runs are going (at most "
                                 f"{self.limit} at a time) and {len(self._waiting)} wait. Try "
                                 f"again in a few seconds.")
            ticket = object()
            self._waiting.append(ticket)
            told = None
            try:
                while True:
                    ahead = self._waiting.index(ticket)
                    if ahead == 0 and self.running < self.limit:
                        self._waiting.popleft()
                        self.running += 1
                        self._turn.notify_all()
                        return
                    if waiting is not None and ahead != told:
                        told = ahead
                        waiting(ahead)
                    self._turn.wait(1.0)
            except BaseException:
                if ticket in self._waiting:
                    self._waiting.remove(ticket)
                self._turn.notify_all()
                raise

    def try_enter(self) -> bool:
        """Start now if a run may start now (never queued): the warm-up's way."""
        with self._turn:
            if self.running < self.limit and not self._waiting:
                self.running += 1
                return True
            return False

    def leave(self) -> None:
        with self._turn:
            self.running -= 1
            self._turn.notify_all()

    @property
    def queued(self) -> int:
        return len(self._waiting)


def run_status(n: int, ahead: int | None, at_once: int) -> str:
    """A run's status line: running, or waiting its turn with how many runs ahead of it."""
    if ahead is None:
        return f"Running {n:,} replications of each..."
    place = "next in line" if ahead == 0 else f"{ahead} ahead of you"
    return (f"Queued: {place} (the server runs {at_once} at a time); "
            f"{n:,} replications of each then.")


def show_progress(bar, status, progress: dict, n: int, at_once: int) -> None:
    """A run's progress bar, and its status line (written only when it changes)."""
    bar.set_value(progress["done"] / progress["total"])
    text = run_status(n, progress["ahead"], at_once)
    if status.text != text:
        status.set_text(text)
