"""What a seat may and may not concede, derived from its params alone.

Why derived, not written: a brief that says "you may not give up X" must say only what the
actor's rules carry, so the teacher's edited rule changes it. "May not concede" is what
the seat's red lines and preconditions rule out (a value no format can have without
breaking the rule, in the world of the start date); "may concede" is every dimension none
of its rules names, and the values no rule of its rules out. Pure: no I/O, no randomness.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ...model.conditions import Scalar, leaves
from ...model.decision import breaks, utility
from ...model.quantities import central
from ...model.scenario import Scenario

CONDITION_FIELDS = ("forbid", "require", "when")  # the conditions that read the format


def named_dimensions(scenario: Scenario, rule) -> set[str]:
    """The dimensions a rule reads (`venue.control` reads the venue); world-state keys
    are not dimensions."""
    dims = set()
    for name in CONDITION_FIELDS:
        cond = getattr(rule, name, None)
        if cond is None:
            continue
        for test in leaves(cond):
            dim = test.key.split(".", 1)[0]
            if dim in scenario.space.dimensions:
                dims.add(dim)
    return dims


@dataclass(frozen=True)
class RuledOut:
    """One rule's reach in a world state: the values it rules out entirely, and how many
    formats it refuses."""

    rule: object
    values: dict[str, list[str]]  # dimension -> values no format may take
    refused: int                  # formats it refuses in this state
    total: int


def ruled_out(scenario: Scenario, rule, state: Mapping[str, Scalar]) -> RuledOut:
    """Which values the rule alone rules out in `state`: every format with that value
    breaks it."""
    space = scenario.space
    formats = list(space.formats())
    broken = [f for f in formats if breaks(rule, space.lookup(f, state))]
    values: dict[str, list[str]] = {}
    for dim in space.dimensions:
        for value in space.values[dim]:
            having = sum(1 for f in formats if f[dim] == value)
            if having and having == sum(1 for f in broken if f[dim] == value):
                values.setdefault(dim, []).append(value)
    return RuledOut(rule, values, len(broken), len(formats))


def own_rules(scenario: Scenario, actor: str) -> list:
    """The seat's enabled rules that decide alone: red lines, preconditions, and the
    model's assumed rules."""
    return [r for r in scenario.actors[actor].rules if r.enabled]


def free_dimensions(scenario: Scenario, actor: str) -> list[str]:
    """Dimensions none of the seat's rules names: each of their values is the seat's to
    give up, as its valuation allows."""
    named = set().union(*(named_dimensions(scenario, r) for r in own_rules(scenario, actor)))
    return [d for d in scenario.space.dimensions if d not in named]


def open_values(scenario: Scenario, actor: str, state: Mapping[str, Scalar]
                ) -> dict[str, list[str]]:
    """In the dimensions the seat's rules do name, the values no rule of its rules out in
    `state` (some combinations may still be refused)."""
    free = set(free_dimensions(scenario, actor))
    out: dict[str, list[str]] = {}
    reach = [ruled_out(scenario, r, state) for r in own_rules(scenario, actor)]
    for dim in scenario.space.dimensions:
        if dim in free:
            continue
        closed = {v for r in reach for v in r.values.get(dim, [])}
        out[dim] = [v for v in scenario.space.values[dim] if v not in closed]
    return out


def ranked(scenario: Scenario, actor: str, dimension: str) -> list[tuple[str, float]]:
    """The values of a dimension by the seat's scores (its first, unconditional preference
    on it), best first; empty when it values none of them."""
    pref = next((p for p in scenario.actors[actor].preferences
                 if p.dimension == dimension and p.when is None), None)
    if pref is None:
        return []
    scored = [(v, pref.scores.get(v, pref.default if pref.default is not None else 0.0))
              for v in scenario.space.values[dimension]]
    return sorted(scored, key=lambda kv: -kv[1])


@dataclass(frozen=True)
class Worth:
    """The reservation level beside what the formats are worth to the seat."""

    level: float            # the central reservation level
    best: float | None      # the best worth of a format no rule refuses (None: none left)
    allowed: int            # formats no rule of the seat refuses in the state
    reaching: int           # of those, the formats worth at least the level
    total: int


def worth(scenario: Scenario, actor: str, state: Mapping[str, Scalar]) -> Worth:
    spec = scenario.actors[actor]
    rules = own_rules(scenario, actor)
    space = scenario.space
    values = [utility(spec, f, state) for f in space.formats()
              if not any(breaks(r, space.lookup(f, state)) for r in rules)]
    level = central(spec.reservation)
    return Worth(level, max(values) if values else None, len(values),
                 sum(1 for v in values if v >= level), len(space))
