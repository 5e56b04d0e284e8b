"""A game: one replication with person seats, run step by step.

A person may take minutes to decide; simulated time must not run on meanwhile. `Game`
steps the SimPy environment until a seat has a question waiting (or the horizon, or a
pace limit), then hands control back to whoever drives it: the terminal loop of
`negsim play`, or the classroom server between two clicks.
"""
from __future__ import annotations

from typing import Mapping

from ..model.conditions import Scalar
from .compiled import Compiled
from .record import Record
from .seats import Ask, Seat
from .talks import Talks


class Game:
    def __init__(self, compiled: Compiled, seed: int, seats: Mapping[str, Seat],
                 replication: int = 0):
        self.talks = Talks(compiled, replication, seed, trace=True, seats=seats)
        self.talks.start()

    @property
    def record(self) -> Record:
        return self.talks.record

    @property
    def now(self) -> float:
        return self.talks.env.now

    @property
    def over(self) -> bool:
        return self.talks.stop.processed

    @property
    def waiting(self) -> list[Ask]:
        return self.talks.waiting

    def advance(self, until: float | None = None) -> list[Ask]:
        """Run until a seat must decide, the game ends, or simulated day `until`; return the
        questions waiting. A seat that answers at once (a terminal, a script) never stops
        the clock, so for them this runs the whole game."""
        env = self.talks.env
        while not self.over and not self.waiting:
            if until is not None and env.peek() > until:
                break
            env.step()
        if self.over:
            self.talks.finish()
        return self.waiting

    def inject(self, changes: dict[str, Scalar], cause: str) -> None:
        """Change the world now (a teacher's inject), as an event would."""
        self.talks.world.set(changes, cause)
