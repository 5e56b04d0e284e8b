"""The world state of one replication, and what changes it: dated and random events,
reactions to outcomes, and the concessions that time under pressure buys.

Why together: an actor's reservation level now depends on how long each of its concession
conditions has held, so the pressure is accrued exactly when the state changes.
"""
from __future__ import annotations

import random
from collections import Counter
from typing import Any, Callable, Iterator

import simpy

from ..model import conditions
from ..model.conditions import Condition, Scalar
from ..model.decision import influence
from ..model.quantities import Quantity, Fixed, Triangular, Uniform
from ..model.scenario import Event
from .compiled import Compiled
from .record import Record


def sample(q: Quantity, rng: random.Random) -> float:
    """One draw of a number or distribution from the params."""
    if isinstance(q, (int, float)):
        return float(q)
    if isinstance(q, Fixed):
        return q.value
    if isinstance(q, Uniform):
        return rng.uniform(q.low, q.high)
    assert isinstance(q, Triangular)
    return rng.triangular(q.low, q.high, q.mode)


class World:
    """The state, its changes over simulated time, and the actors' reservation levels."""

    def __init__(self, env: simpy.Environment, compiled: Compiled, rng: random.Random,
                 record: Record, log: Callable[..., None]):
        sc = compiled.scenario
        self.env, self.c, self.sc, self.rng = env, compiled, sc, rng
        self.record, self.log = record, log
        self.state = dict(sc.state)
        self.key = compiled.state_key(self.state)
        self.base = {a: sample(actor.reservation, rng) for a, actor in sc.actors.items()}
        self.pressure: Counter = Counter()  # (actor, concession index) -> days it held
        self.last_change = 0.0

    def read(self, key: str) -> Scalar | None:
        return self.state.get(key)

    def holds(self, cond: Condition | None) -> bool:
        return cond is None or conditions.holds(cond, self.read)

    def set(self, changes: dict[str, Scalar], cause: str) -> None:
        """Change the state now (an event, a reaction, a teacher's inject)."""
        new = {**self.state, **changes}
        if new == self.state:
            return
        self._accrue_pressure()
        self.state, self.key = new, self.c.state_key(new)
        self.record.events += 1
        self.log("event", cause=cause, set=dict(changes))

    def _accrue_pressure(self) -> None:
        span = self.env.now - self.last_change
        for a, actor in self.sc.actors.items():
            for i, c in enumerate(actor.concessions):
                if conditions.holds(c.when, self.read):
                    self.pressure[(a, i)] += span
        self.last_change = self.env.now

    def reservation(self, a: str) -> float:
        """The actor's level now: its draw, conceded under pressure, shifted by influence."""
        level = self.base[a]
        if a not in self.c.moving:
            return level
        span = self.env.now - self.last_change
        for i, c in enumerate(self.sc.actors[a].concessions):
            days = self.pressure[(a, i)] + (span if conditions.holds(c.when, self.read) else 0)
            moved = level - c.per_day * days
            level = (max(moved, min(level, c.floor)) if c.per_day > 0
                     else min(moved, max(level, c.ceiling)))
        level += influence(a, self.sc.actors, self.state)
        return min(1.0, max(0.0, level))

    # --- processes: events and reactions ----------------------------------------------------

    def start(self) -> None:
        for event in self.sc.spec.events:
            self.env.process(self.scheduled(event) if event.date else self.random(event))

    def scheduled(self, event: Event) -> Iterator[simpy.Event]:
        day = (event.date - self.sc.start).days
        if 0 <= day < self.sc.spec.horizon_days:
            yield self.env.timeout(day)
            self.set(event.set, event.id)

    def random(self, event: Event) -> Iterator[simpy.Event]:
        while True:
            yield self.env.timeout(self.rng.expovariate(event.hazard_per_day))
            if self.holds(event.active_when):
                self.set(event.set, event.id)
                if event.once:
                    return

    def react(self, outcome: str, by: str | None, fmt: dict[str, str]) -> None:
        """Every actor's reactions to an outcome; each fires with its probability."""
        lookup = self.sc.space.lookup(fmt, self.state)
        for actor in self.sc.actors.values():
            for r in actor.reactions:
                if r.after != outcome or (r.by is not None and r.by != by):
                    continue
                if r.format is not None and not conditions.holds(r.format, lookup):
                    continue
                if self.rng.random() < r.probability:
                    self.env.process(self.later(r.set, sample(r.delay, self.rng),
                                                f"{actor.id}.{r.id}"))

    def later(self, changes: dict[str, Any], delay: float, cause: str
              ) -> Iterator[simpy.Event]:
        yield self.env.timeout(delay)
        self.set(changes, cause)
