"""The world state of one replication, and what changes it: dated and random events,
reactions to outcomes, and the concessions that time in a world state buys.

Why together: an actor's reservation level now depends on how long each of its concession
conditions has held, so the pressure is accrued exactly when the state changes.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterator

import simpy

from ..model.conditions import Condition, Scalar
from ..model.actors import Reaction
from ..model.scenario import Event
from .compiled import Compiled
from .randomness import Streams
from .record import Record


class World:
    """The state, its changes over simulated time, and the actors' reservation levels."""

    def __init__(self, env: simpy.Environment, compiled: Compiled, streams: Streams,
                 record: Record, log: Callable[..., None] | None):
        sc = compiled.scenario
        self.env, self.c, self.sc, self.streams = env, compiled, sc, streams
        self.record, self.log = record, log
        self.state = dict(compiled.start_state)
        self.key = compiled.start_key
        self.base = dict(compiled.fixed)  # each actor's reservation level, as drawn
        names = compiled.draw_names
        for a, draw in compiled.drawn.items():
            self.base[a] = record.draws[names[a]] = draw(streams["reservation", a])
        self.pressure: Counter = Counter()  # (actor, concession index) -> days it held
        self.last_change = 0.0
        self.level: dict[str, float] = {}  # reservation levels that stand until the next change
        self.version = 0  # how many times the state has changed
        # Called when a reaction cancels an actor's agreed meetings: (actor, reasons).
        self.on_cancel: Callable[[str, list[str]], None] | None = None
        self.on_change: Callable[[], None] | None = None  # after every change of the state

    def holds(self, cond: Condition | None) -> bool:
        return cond is None or self.c.holds(cond, self.key, self.state)

    def set(self, changes: dict[str, Scalar], cause: str,
            to: list[str] | None = None) -> None:
        """Change the state now (an event, a reaction, a teacher's inject); the reactions
        whose `when` this change makes true are set off. `to`: the actors told of it (a
        teacher's inject to one seat); None: public."""
        new = {**self.state, **changes}
        if new == self.state:
            return
        self._accrue_pressure()
        old, old_key = self.state, self.key
        self.state, self.key = new, self.c.state_key(new)
        self.level.clear()
        self.version += 1
        self.record.events += 1
        if self.log is not None:
            self.log("event", cause=cause, set=dict(changes), **({} if to is None else
                                                                {"to": list(to)}))
        holds = self.c.holds
        for a, r in self.c.reactions.get("changed", ()):
            if holds(r.when, self.key, new) and not holds(r.when, old_key, old):
                self.fire(a, r, cause)
        if self.on_change is not None:
            self.on_change()

    def _accrue_pressure(self) -> None:
        span = self.env.now - self.last_change
        for a in self.c.moving:
            active, _ = self.c.moves(a, self.key, self.state)
            for i, holds in enumerate(active):
                if holds:
                    self.pressure[(a, i)] += span
        self.last_change = self.env.now

    def reservation(self, a: str) -> float:
        """The actor's level now: its draw, conceded under pressure, shifted by influence.
        While none of its concessions holds, the level stands still until the next change of
        the world, and is kept (asked for at every answer, it is then computed once)."""
        level = self.level.get(a)
        if level is not None:
            return level
        level = self.base[a]
        if a not in self.c.moving:
            return level
        active, shift = self.c.moves(a, self.key, self.state)
        if not any(active):
            level = self.level[a] = self._level(a, level, active, shift)
            return level
        return self._level(a, level, active, shift)

    def unchanged_for(self, actors: list[str], version: int) -> bool:
        """Whether every verdict of these actors given since `version` of the state still
        stands: the state has not changed since, and no concession moves their levels."""
        return version == self.version and all(
            a in self.level or a not in self.c.moving for a in actors)

    def _level(self, a: str, level: float, active: tuple[bool, ...], shift: float) -> float:
        span = self.env.now - self.last_change
        for i, c in enumerate(self.sc.actors[a].concessions):
            days = self.pressure[(a, i)] + (span if active[i] else 0)
            moved = level - c.per_day * days
            level = (max(moved, min(level, c.floor)) if c.per_day > 0
                     else min(moved, max(level, c.ceiling)))
        return min(1.0, max(0.0, level + shift))

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
        """Candidate times at the event's rate; it fires at the first while its condition
        holds (the times themselves depend on nothing else: common random numbers)."""
        stream = self.streams["event", event.id]
        while True:
            yield self.env.timeout(stream.expovariate(event.hazard_per_day))
            if self.holds(event.active_when):
                self.record.event_days.setdefault(event.id, self.env.now)
                self.set(event.set, event.id)
                if event.once:
                    return

    def react(self, outcome: str, by: str | None, f: int, proposer: str | None = None) -> None:
        """Every actor's reactions to an outcome on format `f` (proposed by `proposer`);
        each fires with its probability."""
        for a, r in self.c.reactions.get(outcome, ()):
            if (r.by is not None and r.by != by) or (r.proposed_by is not None
                                                     and r.proposed_by != proposer):
                continue
            if r.format is not None and not self.c.format_holds(r.format, f, self.key,
                                                                self.state):
                continue
            self.fire(a, r, None)

    def fire(self, a: str, r: Reaction, trigger: str | None) -> None:
        """With the reaction's probability, `delay` days from now: its changes to the world,
        and the cancellation of the actor's agreed meetings (a callback: no process)."""
        stream = self.streams["reaction", f"{a}.{r.id}"]
        if stream.random() >= r.probability:
            return
        delay = self.c.reaction_delay[(a, r.id)](stream)
        cause = f"{a}.{r.id}"

        def act(_) -> None:
            if r.set:
                self.set(r.set, cause)
            if r.cancel and self.on_cancel is not None:
                self.on_cancel(a, [r.id] + ([f"event:{trigger}"] if trigger else []))
        self.env.timeout(delay).callbacks.append(act)
