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
    possible = len(feasibility(scenario).possible)
    state = scenario.state
    found = rules(scenario)
    variants = [load_scenario(scenario.path, [*sets, f"{actor}.{group}.{rule_id}.enabled=false"])
                for actor, group, rule_id in found]
    # The baseline and every variant as one stream of chunks (same seed: paired runs).
    first = [scenario] if baseline is None else []
    runs = experiment.run_points(first + variants, n, seed, workers, dask)
    if baseline is None:
        baseline = runs.pop(0).summary.p_meeting
    out = []
    for (actor, group, rule_id), variant, result in zip(found, variants, runs):
        opened = len(feasibility(variant).possible) - possible
        binding = any(r.id == rule_id for f in scenario.space.formats()
                      for r in broken_rules(scenario.actors[actor], f, state, scenario.space))
        rule = scenario.actors[actor].rule(rule_id)
        out.append(Change(actor, rule_id, group, " ".join(rule.says.split()), binding, opened,
                          result.summary.p_meeting, result.summary.p_meeting - baseline))
    out.sort(key=lambda c: (-c.p_delta, -c.formats_opened, c.actor, c.rule))
    return baseline, out
