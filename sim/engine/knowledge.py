"""What each proposer knows, and so what it proposes.

Public rules are known to everyone from the start; private ones are learned from refusals.
A red line learned from a refusal is known for good. A precondition (a rule about the
world: "no talks in Baku while the road is blocked") is known for `forget_after_days`: the
world, or the other side's reading of it, may move, so the proposer tries again after that
(Baku repeated its refused offer of talks in Baku within the month). A format refused for
its value (not for a rule) is not proposed again for `forget_after_days` in the same world
state. The choice itself is `choose_format`, the proposer's strategy in the model's
decision module.
"""
from __future__ import annotations

from ..model.actors import Proposer
from ..model.decision import Verdict, choose_format
from .compiled import Compiled
from .randomness import Stream

FORGET_DEFAULT = Proposer.model_fields["forget_after_days"].default


class Knowledge:
    """Rules each proposer knows of (as frozensets of (actor, rule id)) and its memory of
    formats refused for their value."""

    def __init__(self, compiled: Compiled):
        self.c = compiled
        # Filled as proposers learn (one replication learns little): a proposer absent from
        # `known` knows the public rules only; `known` values are replaced, never mutated.
        self.known: dict[str, frozenset] = {}
        # Preconditions learned from a refusal, with the day: (actor, rule id) -> day.
        self.provisional: dict[str, dict[tuple[str, str], float]] = {}
        self.refused_value: dict[str, dict[int, tuple[int, float]]] = {}

    def lapse(self, a: str, now: float) -> tuple[float, float] | None:
        """(the day of the first precondition `a` knows of now, after how many days it is
        forgotten); None when it knows none."""
        recent = self.provisional.get(a)
        if not recent:
            return None
        forget = self.c.forget.get(a, FORGET_DEFAULT)
        fresh = [day for day in recent.values() if now - day < forget]
        return (min(fresh), forget) if fresh else None

    def learn(self, learner: str, verdict: Verdict, f: int, key: int, now: float) -> None:
        """What a refusal of format `f` teaches the proposer that made it."""
        learned = {(verdict.actor, r.id) for r in verdict.reasons if r.kind != "utility"}
        known = self.known.get(learner, self.c.public)
        lasting = {k for k in learned if k not in self.c.about_the_world} - known
        if lasting:
            self.known[learner] = known | lasting
        for k in learned - lasting - known:
            self.provisional.setdefault(learner, {})[k] = now
        if not verdict.hard:
            self.refused_value.setdefault(learner, {})[f] = (key, now)

    def knows(self, a: str, now: float) -> frozenset:
        """The rules `a` knows of now: public, learned for good, and preconditions learned
        less than `forget_after_days` ago."""
        known = self.known.get(a, self.c.public)
        recent = self.provisional.get(a)
        if not recent:
            return known
        forget = self.c.forget.get(a, FORGET_DEFAULT)
        fresh = {k for k, day in recent.items() if now - day < forget}
        return known | fresh if fresh else known

    def choose(self, a: str, key: int, state: dict, level: float | None, now: float,
               stream: Stream) -> int | None:
        """`a`'s best format among those not known to fail: not blocked by a rule it knows,
        nor recently refused for its value in this state. `level` is its own reservation
        (None when it is not a party to any format and so need not accept)."""
        ranked = self.c.unblocked(a, key, state, self.knows(a, now))
        memory = self.refused_value.get(a)
        if not memory:
            return choose_format(ranked, level, _always, stream.below)
        forget = self.c.forget.get(a, FORGET_DEFAULT)

        def eligible(f: int) -> bool:
            seen = memory.get(f)
            return not (seen and seen[0] == key and now - seen[1] < forget)
        return choose_format(ranked, level, eligible, stream.below)


def _always(f: int) -> bool:
    return True
