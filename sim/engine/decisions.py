"""The model's decisions in one replication, through the one decision function, and the
proposers' idleness that follows from them.

A mixin of `Talks` (it uses the replication's clock, world, knowledge and streams), kept
in its own module so that each stays short.
"""
from __future__ import annotations

from ..model.decision import Verdict, accepts, verdict
from .proposer import Lapse


class Decisions:
    """The decision half of `Talks`: verdicts, refusals, a proposer's choice, its sleep."""

    def verdict(self, a: str, f: int) -> Verdict:
        """`a`'s verdict on format `f` now, with every reason."""
        w = self.world
        return verdict(self.sc.actors[a], self.c.hard(a, w.key, w.state, f),
                       self.c.utilities(a, w.key, w.state)[f], w.reservation(a))

    def refusal(self, a: str, f: int) -> Verdict | None:
        """None when `a` accepts `f` now (the common case, decided without building a
        verdict), else its verdict with every reason."""
        w = self.world
        broken, value = self.c.acceptable(a, w.key, w.state)[f]
        level = w.reservation(a) if a in self.c.moving else w.base[a]
        if accepts(broken, value, level):
            return None
        return verdict(self.sc.actors[a], broken, value, level)

    def choose(self, a: str) -> int | None:
        w = self.world
        level = w.reservation(a) if a in self.c.can_be_party else None
        return self.knowledge.choose(a, w.key, w.state, level, self.env.now,
                                     self.streams["choice", a])

    # --- idleness (idle.py, proposer.py) ------------------------------------------------

    def may_sleep(self, a: str) -> tuple[bool, Lapse]:
        return self.idle.may_sleep(a, self.env.now)

    def rouse(self) -> None:
        """The world has changed: every sleeping proposer looks again at its next turn."""
        for p in self.sleepers.values():
            p.rouse()
