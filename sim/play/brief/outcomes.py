"""The numbers the teaching note quotes: what the model usually does (a modest run with a
fixed seed), which formats were open and who blocked the rest (the exact table), and what
the record of 2023 says (the scenario's `history:`).

Why computed here, each time: a teacher's edited case must print its own numbers, never
those of the shipped case; and the note says how many replications and which seed, so a
reader can run the same.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ...files.errors import InputError
from ...files.loading import load_scenario
from ...model.decision import RULE_KINDS
from ...model.feasibility import FeasibilityTable, feasibility
from ...model.scenario import Scenario
from ...studies import experiment
from ...studies.summary import Summary, format_shares

REPLICATIONS = 500  # enough for P(meeting) within a few points; the note takes a second


@dataclass(frozen=True)
class Usual:
    """One run of the model, summarised."""

    n: int
    seed: int
    summary: Summary

    def median_date(self, start: dt.date) -> dt.date | None:
        """The date of the median first meeting (None when no replication met)."""
        days = self.summary.median_days
        return None if days is None else start + dt.timedelta(days=int(days))


def usually(scenario: Scenario, n: int = REPLICATIONS, seed: int | None = None) -> Usual:
    """Run the model `n` times in this process (no pool: a second's work)."""
    seed = scenario.spec.seed if seed is None else seed
    result = experiment.run(scenario, n, seed, workers=1)
    return Usual(n, seed, result.summary)


def top_formats(scenario: Scenario, usual: Usual, top: int = 3) -> list[tuple[str, float]]:
    return [(scenario.space.label(f), share) for f, share in format_shares(usual.summary, top)
            if f is not None]


def top_refusals(scenario: Scenario, usual: Usual, top: int = 3
                 ) -> list[tuple[str, str, float]]:
    """(actor, reason id, refusals per replication), most frequent first."""
    s = usual.summary
    ranked = sorted(s.refusals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(actor, reason, count / s.n) for (actor, reason), count in ranked]


@dataclass(frozen=True)
class Open:
    """The exact table on the start date, read for class."""

    table: FeasibilityTable
    groups: list[tuple[str, int]]            # 'venue · mediation' -> formats open
    blockers: list[tuple[str, str, int]] = field(default_factory=list)  # actor, rule, formats


def open_formats(scenario: Scenario) -> Open:
    table = feasibility(scenario)
    space = scenario.space
    groups: Counter = Counter()
    for row in table.possible:
        key = " · ".join(space.value_label(d, row.format[d]) for d in space.dimensions[:2])
        groups[key] += 1
    blocks: Counter = Counter()
    for row in table.rows:
        for actor, verdict in row.verdicts.items():
            for reason in verdict.reasons:
                if reason.kind in RULE_KINDS:
                    blocks[(actor, reason.id)] += 1
    ranked = sorted(blocks.items(), key=lambda kv: (-kv[1], kv[0]))
    return Open(table, sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])),
                [(a, r, k) for (a, r), k in ranked])


def record_case(scenario: Scenario) -> Scenario | None:
    """The scenario that carries the record: this one if it scripts reported proposals or
    a record, else the one its `history:` names (None when there is none, or it does not
    load: the note then says the case carries no record)."""
    if any(p.expected for p in scenario.spec.proposals) or scenario.spec.record:
        return scenario
    if not scenario.spec.history:
        return None
    try:
        return load_scenario(scenario.path.parent / scenario.spec.history)
    except (InputError, OSError):
        return None


def reported(item) -> str:
    """A record item's reported value: '2', 'at least 2', 'from 1 to 3'."""
    if item.equals is not None:
        return str(item.equals)
    if item.at_most is None:
        return f"at least {item.at_least}"
    if item.at_least is None:
        return f"at most {item.at_most}"
    return f"from {item.at_least} to {item.at_most}"
