"""The explorer's quick preview: the changes applied to copies of the loaded models, and
the feasibility table recomputed only for the actors whose verdicts can have changed.

Why: after a click the page must redraw in well under 200 ms. Reading the YAML files
again takes about 100 ms and the whole table about 60-80 ms; a switch changes one actor,
so only that actor's verdicts are evaluated again, and a world-state select finds the
columns of unchanged actors precomputed (`columns.py`). Tests check that the result
equals the loader's scenario and `model.feasibility`'s table for any set of changes.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Mapping

from pydantic import TypeAdapter

from ...model.actors import Actor
from ...model.conditions import Scalar
from ...model.feasibility import FeasibilityTable, Row
from ...model.quantities import Fixed, Quantity, Triangular, Uniform, central
from ...model.scenario import Scenario
from .columns import Column, columns_of, influencers, reads

RULE_KINDS = ("red_lines", "preconditions", "assumptions", "lapses")
QUANTITY = TypeAdapter(Quantity)


def shifted(q: Quantity, centre: float) -> Any:
    """The reservation `q` moved so that its centre is `centre`, keeping its shape (a
    distribution stays one: the uncertainty the Monte Carlo samples is kept), clipped to
    [0, 1]. Returned as file data, the value an override writes."""
    def clip(x: float) -> float:
        return round(min(1.0, max(0.0, x)), 4)
    if isinstance(q, (int, float, Fixed)):
        return clip(centre)
    delta = centre - central(q)
    if isinstance(q, Uniform):
        return {"dist": "uniform", "low": clip(q.low + delta), "high": clip(q.high + delta)}
    assert isinstance(q, Triangular)
    return {"dist": "triangular", "low": clip(q.low + delta), "mode": clip(q.mode + delta),
            "high": clip(q.high + delta)}


def preview(base: Scenario, rules: Mapping[tuple[str, str, str], bool],
            reservations: Mapping[str, float], weights: Mapping[tuple[str, str], float],
            state: Mapping[str, Scalar]) -> Scenario:
    """`base` with the changes applied to copies of its models (no file is read); an
    actor nothing touches stays the same object."""
    actors: dict[str, Actor] = dict(base.actors)
    touched = {a for a, _, _ in rules} | set(reservations) | {a for a, _ in weights}
    for name in touched:
        actor = actors[name]
        update: dict[str, Any] = {}
        for kind in RULE_KINDS:
            items = getattr(actor, kind)
            if any((name, kind, r.id) in rules for r in items):
                update[kind] = [r.model_copy(update={"enabled": rules[(name, kind, r.id)]})
                                if (name, kind, r.id) in rules else r for r in items]
        if name in reservations:
            update["reservation"] = QUANTITY.validate_python(
                shifted(actor.reservation, reservations[name]))
        if any(a == name for a, _ in weights):
            update["preferences"] = [
                p.model_copy(update={"weight": weights[(name, p.id or p.dimension)]})
                if (name, p.id or p.dimension) in weights else p for p in actor.preferences]
        actors[name] = actor.model_copy(update=update)
    spec = base.spec
    if state:
        spec = spec.model_copy(update={"state": {**spec.state, **state}})
    return dataclasses.replace(base, spec=spec, actors=actors)


class Verdicts:
    """A tab's feasibility tables: the columns of actors as in the base from the
    scenario's shared `Columns` (computed once for every tab), those of actors this tab
    changed computed here, each kept by the part of the world state it reads."""

    def __init__(self, base: Scenario):
        self.shared = columns_of(base)
        # actor -> ((the actor, its influencers), the variables it reads, its columns)
        self._kept: dict[str, tuple[tuple, tuple[str, ...], dict[tuple, Column]]] = {}

    def table(self, scenario: Scenario) -> FeasibilityTable:
        """The same table as `model.feasibility.feasibility(scenario)`."""
        state, shared = scenario.state, self.shared
        columns = {name: self._column(scenario, name, state) for name in scenario.actors}
        rows = [Row(fmt, {a: columns[a][i] for a in parties})  # type: ignore[misc]
                for i, (fmt, parties) in enumerate(zip(shared.formats, shared.parties))]
        return FeasibilityTable(scenario.name, scenario.start, rows)

    def _column(self, scenario: Scenario, name: str, state: Mapping[str, Scalar]) -> Column:
        shared = self.shared
        if shared.is_base(scenario, name):
            return shared.column(scenario, name, state)
        who = (scenario.actors[name], influencers(scenario, name))
        kept = self._kept.get(name)
        if kept is None or not _same(kept[0], who):
            kept = self._kept[name] = (who, reads(scenario, name), {})
        key = shared.key(name, state, kept[1])
        found = kept[2].get(key)
        if found is None:
            found = kept[2][key] = shared.compute(scenario, name, state)
        return found


def _same(a: tuple, b: tuple) -> bool:
    """The same actor objects (by identity: models are frozen)."""
    return a[0] is b[0] and len(a[1]) == len(b[1]) and all(x is y for x, y in zip(a[1], b[1]))
