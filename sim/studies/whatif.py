"""What would have to change: one change at a time, measured against the scenario as it is.

Two kinds of change: drop one rule (a red line, a precondition, or one of the model's
assumptions), or set one world-state variable to another of its values. Each variant runs
with the baseline as one stream, on the same random numbers, so its difference is paired:
P(meeting) and median days with their 95% intervals (`paired.py`), how many formats open
or close in the starting state, and where first meetings happen. When the baseline always
meets, the same table says what would prevent a meeting, bring it sooner, or move it to
another format.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Sequence

from ..files.loading import load_scenario
from ..model import conditions
from ..model.feasibility import FeasibilityTable, feasibility
from ..model.labels import state_words
from ..model.scenario import Scenario
from . import experiment
from .paired import Difference, paired_difference
from .summary import Summary, format_shares

RULE_GROUPS = ("red_lines", "preconditions", "assumptions")


@dataclass(frozen=True)
class Change:
    kind: str             # "drop_rule" or "set_state"
    actor: str | None     # drop_rule: whose rule
    key: str              # the rule id, or the state variable
    override: str         # the --set that makes it
    says: str             # in words: the rule's sentence, or "Lachin road: open"
    binding_at_start: bool  # a dropped rule makes its actor refuse some format on day one
    formats_opened: int   # possible formats, variant minus baseline (negative: closed)
    p_meeting: float
    difference: Difference
    top_format: tuple[str, float] | None  # the variant's most frequent first meeting
    moved: float          # share of replications whose first meeting is in a format the
                          # baseline's first meetings never took

    @property
    def delta(self) -> float:
        return self.difference.p_meeting.estimate

    @property
    def days_delta(self) -> float | None:
        m = self.difference.median_days
        return None if m is None else m.estimate


def rules(scenario: Scenario) -> list[tuple[str, str, str]]:
    """(actor, group, rule id) of every enabled rule: stated or assumed."""
    return [(a, group, r.id) for a, actor in scenario.actors.items()
            for group in RULE_GROUPS for r in getattr(actor, group) if r.enabled]


def state_changes(scenario: Scenario) -> list[tuple[str, object]]:
    """(variable, value) for every value a variable can take other than its start."""
    start = scenario.state
    return [(name, value) for name, var in scenario.variables.items() for value in var.values
            if not conditions.same(value, start[name])]


def top(summary: Summary, scenario: Scenario) -> tuple[str, float] | None:
    shares = [(f, s) for f, s in format_shares(summary, 1) if f is not None]
    return None if not shares else (scenario.space.label(shares[0][0]), shares[0][1])


def opened_by_dropping(table: FeasibilityTable, actor: str, rule: str) -> int:
    """Formats that become possible on day one without this rule: those it alone blocks
    (no other rule, nobody's reservation). Read off the table, no second one needed."""
    return sum(1 for row in table.rows if row.blocked_by == {actor: [rule]})


def show(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def what_would_have_to_change(scenario: Scenario, n: int, seed: int,
                              workers: int | None = None, sets: Sequence[str] = (),
                              dask: str | None = None, base: experiment.Experiment | None = None
                              ) -> tuple[experiment.Experiment, list[Change]]:
    """The baseline run (run here unless given, on the same seed) and one `Change` per
    rule dropped and per state value set, most helpful to a meeting first."""
    found_rules = rules(scenario)
    found_states = state_changes(scenario)
    overrides = ([f"{a}.{g}.{r}.enabled=false" for a, g, r in found_rules]
                 + [f"state.{v}={show(x)}" for v, x in found_states])
    loaders = [partial(load_scenario, scenario.path, [*sets, o]) for o in overrides]
    runs = experiment.run_points(([] if base else [scenario]) + loaders, n, seed, workers,
                                 dask)
    base = base or runs.pop(0)
    table = feasibility(scenario)
    used = set(base.summary.first_formats)
    out = []
    for k, (override, result) in enumerate(zip(overrides, runs)):
        difference = paired_difference(base.days, result.days, seed)
        firsts = result.summary.first_formats
        moved = sum(v for f, v in firsts.items() if f is not None and f not in used) / max(
            1, result.summary.n)
        outcome = (result.summary.p_meeting, difference, top(result.summary, scenario), moved)
        if k < len(found_rules):
            a, group, rid = found_rules[k]
            rule = scenario.actors[a].rule(rid)
            binding = any(rid in row.blocked_by.get(a, ()) for row in table.rows)
            out.append(Change("drop_rule", a, rid, override, " ".join(rule.says.split()),
                              binding, opened_by_dropping(table, a, rid), *outcome))
        else:
            var, value = found_states[k - len(found_rules)]
            moved_to = feasibility(scenario, {**scenario.state, var: value})
            out.append(Change("set_state", None, var, override,
                              state_words(scenario.variables, {var: value}), False,
                              len(moved_to.possible) - len(table.possible), *outcome))
    out.sort(key=lambda c: (-c.delta, c.days_delta if c.days_delta is not None else 1e9,
                            -c.formats_opened, c.override))
    return base, out
