"""Every actor's verdicts on every format, for each world state it can see: computed once
per scenario and shared by every browser tab.

Why: a world-state select used to evaluate every actor on every format again (about 80
ms of the server's one thread, p95 410 ms in a page while games ran). An actor's verdicts
depend on the world only through the variables its own rules, lapses and preferences and
the influence on it read: Baku reads four of the ten variables, Moscow none. So its
column for a state is its column for that state's values of those few variables, and
every such column is computed once (`precompute`: 75 columns for the shipped scenarios,
against 6,912 world states).

Why shared and interned: a tab used to keep its own list of formats and of their parties
(a thousand objects), and a column holds a thousand verdicts, most of them equal; the
server's garbage collector walks every object the server holds, and each walk stops the
event loop. One `Columns` per scenario, with equal verdicts kept once, keeps that small.
"""
from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from typing import Mapping

from ...model import conditions
from ...model.actors import Actor
from ...model.conditions import Scalar
from ...model.decision import RULE_CONDITIONS, Verdict, evaluate
from ...model.scenario import Scenario
from ...model.space import Format

Column = tuple["Verdict | None", ...]
KEEP = 16  # scenarios kept (the library's dozen, an upload or two)


def influencers(scenario: Scenario, name: str) -> tuple[Actor, ...]:
    """The actors whose `influence:` moves `name`'s reservation level."""
    return tuple(other for other in scenario.actors.values()
                 if any(i.target == name for i in other.influence))


def reads(scenario: Scenario, name: str) -> tuple[str, ...]:
    """The world-state variables `name`'s verdicts can depend on, sorted: those its rules
    (switched off or not), lapses and conditional preferences test, and those of the
    influence others have on it. A superset is safe (a column computed a few times more);
    a missing variable would not be, and a test compares every world state."""
    actor = scenario.actors[name]
    found: list[conditions.Condition] = []
    for rule in actor.rules:
        found += [c for f in RULE_CONDITIONS if (c := rule.__dict__.get(f)) is not None]
    found += [lapse.when for lapse in actor.lapses if lapse.when is not None]
    found += [p.when for p in actor.preferences if p.when is not None]
    found += [i.when for other in influencers(scenario, name) for i in other.influence
              if i.target == name and i.when is not None]
    keys = {t.key for c in found for t in conditions.leaves(c)}
    return tuple(sorted(keys & set(scenario.variables)))


class Columns:
    """The format space of one scenario, and its actors' columns by what they read."""

    def __init__(self, scenario: Scenario):
        self.base = scenario
        self.formats: tuple[Format, ...] = tuple(scenario.space.formats())
        self.parties: tuple[tuple[str, ...], ...] = tuple(tuple(scenario.parties(f))
                                                          for f in self.formats)
        self.reads = {name: reads(scenario, name) for name in scenario.actors}
        self._columns: dict[tuple[str, tuple], Column] = {}
        self._verdicts: dict[Verdict, Verdict] = {}  # each distinct verdict once
        self._lock = threading.Lock()
        self.started = self.precomputed = False

    def key(self, name: str, state: Mapping[str, Scalar], read: tuple[str, ...] | None = None
            ) -> tuple:
        """The part of `state` that `name`'s verdicts depend on."""
        return tuple(state.get(v) for v in (self.reads[name] if read is None else read))

    def is_base(self, scenario: Scenario, name: str) -> bool:
        """Whether `name` and those who influence it are as in the base (a tab's preview
        keeps an actor it did not touch as the same object)."""
        mine, base = scenario.actors, self.base.actors
        if mine.keys() != base.keys():
            return False
        ours = {a.id for a in influencers(scenario, name)} | {
            a.id for a in influencers(self.base, name)}
        return all(mine[a] is base[a] or mine[a] == base[a] for a in (name, *ours))

    def column(self, scenario: Scenario, name: str, state: Mapping[str, Scalar]) -> Column:
        """`name`'s verdict on each format in `state` (None where it is not a party), for
        an actor as in the base (`is_base`): kept for every tab."""
        key = (name, self.key(name, state))
        found = self._columns.get(key)
        if found is None:
            found = self.compute(scenario, name, state)
            with self._lock:
                found = self._columns.setdefault(key, found)
        return found

    def compute(self, scenario: Scenario, name: str, state: Mapping[str, Scalar]) -> Column:
        """Evaluated afresh (for an actor a tab changed too), equal verdicts shared."""
        actor, space, actors = scenario.actors[name], scenario.space, scenario.actors
        out = []
        for fmt, parties in zip(self.formats, self.parties):
            if name not in parties:
                out.append(None)
                continue
            v = evaluate(actor, fmt, state, space, actors=actors)
            with self._lock:
                out.append(self._verdicts.setdefault(v, v))
        return tuple(out)

    def states(self, name: str) -> list[dict[str, Scalar]]:
        """A world state for each combination of the values `name` reads."""
        names = self.reads[name]
        values = [self.base.variables[v].values for v in names]
        return [{**self.base.state, **dict(zip(names, combo))}
                for combo in itertools.product(*values)]

    def precompute(self) -> None:
        """Every column of every actor the base holds: the whole explorer, once (a second
        call, from another thread, returns at once)."""
        with self._lock:
            if self.started:
                return
            self.started = True
        for name in self.base.actors:  # the start's world first: every tab opens on it
            self.column(self.base, name, self.base.state)
        for name in self.base.actors:
            for state in self.states(name):
                self.column(self.base, name, state)
        self.precomputed = True

    def __len__(self) -> int:
        return len(self._columns)

    @property
    def distinct_verdicts(self) -> int:
        return len(self._verdicts)


_shared: OrderedDict[str, Columns] = OrderedDict()
_shared_lock = threading.Lock()


def columns_of(scenario: Scenario) -> Columns:
    """The one `Columns` of this scenario (by its content's digest) for every tab."""
    key = scenario.digest or f"id:{id(scenario)}"
    with _shared_lock:
        found = _shared.get(key)
        if found is None:  # (the same digest: the same content, loaded again or not)
            found = _shared[key] = Columns(scenario)
        _shared.move_to_end(key)
        while len(_shared) > KEEP:
            _shared.popitem(last=False)
    return found


def precompute_later(scenario: Scenario) -> None:
    """Precompute the scenario's columns on a background thread, once; until then each
    column is computed when first asked for."""
    found = columns_of(scenario)
    if found.started:
        return
    threading.Thread(target=found.precompute, name="negsim-columns", daemon=True).start()
