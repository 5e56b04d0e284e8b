"""What would have to change: drop one rule at a time and measure what opens up.

For each enabled red line and precondition, the scenario is rerun without that rule alone
(`ACTOR.red_lines.ID.enabled=false`): how many formats become possible in the starting
state, and how P(meeting) moves over the same replications (same seed).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..files.loading import load_scenario
from ..model.decision import broken_rules
from ..model.feasibility import feasibility
from ..model.scenario import Scenario
from . import experiment


@dataclass(frozen=True)
class Change:
    actor: str
    rule: str
    kind: str            # "red_lines" or "preconditions"
    says: str
    binding_at_start: bool  # does it block some format in the starting state?
    formats_opened: int
    p_meeting: float
    p_delta: float


def rules(scenario: Scenario) -> list[tuple[str, str, str]]:
    """(actor, group, rule id) of every enabled red line and precondition."""
    return [(a, group, r.id) for a, actor in scenario.actors.items()
            for group in ("red_lines", "preconditions")
            for r in getattr(actor, group) if r.enabled]


def what_would_have_to_change(scenario: Scenario, n: int, seed: int,
                              workers: int | None = None, sets: Sequence[str] = (),
                              dask: str | None = None, baseline: float | None = None
                              ) -> tuple[float, list[Change]]:
    """Baseline P(meeting) (run unless given) and one `Change` per rule, most helpful
    first."""
    if baseline is None:
        baseline = experiment.run(scenario, n, seed, workers, dask=dask).summary.p_meeting
    possible = len(feasibility(scenario).possible)
    state = scenario.state
    out = []
    for actor, group, rule_id in rules(scenario):
        variant = load_scenario(scenario.path, [*sets, f"{actor}.{group}.{rule_id}.enabled=false"])
        opened = len(feasibility(variant).possible) - possible
        binding = any(r.id == rule_id for f in scenario.space.formats()
                      for r in broken_rules(scenario.actors[actor], f, state, scenario.space))
        p = experiment.run(variant, n, seed, workers, dask=dask).summary.p_meeting
        rule = scenario.actors[actor].rule(rule_id)
        out.append(Change(actor, rule_id, group, " ".join(rule.says.split()), binding, opened,
                          p, p - baseline))
    out.sort(key=lambda c: (-c.p_delta, -c.formats_opened, c.actor, c.rule))
    return baseline, out
