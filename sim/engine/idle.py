"""When a model proposer with nothing to propose will have nothing to propose again.

Most of a replication's turns are passes: the peacekeepers wake every few days and find no
format worth proposing. A pass is certain to repeat, drawing no random number, while
nothing it chooses from changes: the world state (and with it every reservation level that
stands still), a precondition it knows of being forgotten after `forget_after_days`, and
its own level. Learning from a refusal does not end it: what a proposer learns only rules
formats out (and keeps a precondition fresh longer), so a pass stays a pass. `Idle` keeps
that certificate, so a later turn passes at once, and tells a proposer it may sleep
(`proposer.py`).
"""
from __future__ import annotations

from .knowledge import Knowledge
from .proposer import Lapse
from .world import World

Certificate = tuple[int, Lapse]  # (world version, what lapses)


class Idle:
    """Certificates of idleness, by actor."""

    def __init__(self, world: World, knowledge: Knowledge, can_be_party: set[str],
                 moving: set[str]):
        self.world, self.knowledge = world, knowledge
        self.can_be_party, self.moving = can_be_party, moving
        self.certificates: dict[str, Certificate] = {}

    def holds(self, a: str, now: float) -> bool:
        """Whether `a` is certain to pass now, as it did when the certificate was given."""
        c = self.certificates.get(a)
        return (c is not None and c[0] == self.world.version
                and (c[1] is None or now - c[1][0] < c[1][1]))

    def note(self, a: str, drew: bool, now: float) -> None:
        """`a` passed. When it drew no random number on the way (no format was worth its
        level, or none was left) and its level stands still, the pass is certain to repeat
        until something it chooses from changes."""
        if not drew and (a not in self.can_be_party or a not in self.moving
                         or a in self.world.level):
            self.certificates[a] = (self.world.version, self.knowledge.lapse(a, now))

    def may_sleep(self, a: str, now: float) -> tuple[bool, Lapse]:
        """Whether `a`, having just passed, may sleep, and when its idleness lapses."""
        if not self.holds(a, now):
            return False, None
        return True, self.certificates[a][1]
