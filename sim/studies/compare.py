"""Scenario comparison: the same replications (same seed) of several scenarios, side by side."""
from __future__ import annotations

import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..files.errors import InputWarning, Problem
from ..files.loading import load_scenario
from ..model.decision import rule_sentence
from ..model.scenario import Scenario
from . import experiment
from .paired import Difference, paired_difference
from .summary import format_shares


@dataclass
class Compared:
    scenario: Scenario
    result: experiment.Experiment
    difference: Difference | None = None  # against the first scenario (None: it is first)

    def row(self, top: int = 3) -> dict:
        s, sc = self.result.summary, self.scenario
        lo, hi = s.p_meeting_ci
        formats = [(sc.space.label(f) if f else "other formats", share)
                   for f, share in format_shares(s, top)[:top]]
        reasons = sorted(s.refusals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return {"scenario": sc.name, "title": sc.spec.title, "p_meeting": s.p_meeting,
                "p_meeting_ci": [lo, hi], "median_days_to_first_meeting": s.median_days,
                "top_formats": [{"format": f, "share": share} for f, share in formats],
                "top_refusals": [{"actor": a, "reason": r, "count": c,
                                  "says": rule_sentence(sc.actors, a, r)} for (a, r), c in reasons],
                **({} if self.difference is None else
                   {"difference_vs_baseline": self.difference.to_json()})}


def compare(paths: Sequence[str | Path], n: int | None = None, seed: int | None = None,
            workers: int | None = None, dask: str | None = None) -> list[Compared]:
    """Run each scenario with the same N and seed (the first scenario's, unless given)."""
    scenarios = [load_scenario(p) for p in paths]
    first = scenarios[0]
    for sc in scenarios[1:]:
        if sc.start != first.start:
            warnings.warn(InputWarning(Problem(str(sc.path), (
                f"it starts on {sc.start}, {first.name} on {first.start}: the days and "
                f"curves compared count from each one's own start."))))
        if sc.spec.horizon_days != first.spec.horizon_days:
            warnings.warn(InputWarning(Problem(str(sc.path), (
                f"its horizon is {sc.spec.horizon_days} days, {first.name}'s "
                f"{first.spec.horizon_days}: P(meeting by the horizon) is not like for like. "
                f"Read the curves by day, or give both the same horizon_days."))))
    n = scenarios[0].spec.replications if n is None else n
    seed = scenarios[0].spec.seed if seed is None else seed
    results = experiment.run_points(scenarios, n, seed, workers, dask)  # one stream
    # Same seeds, same replication numbers: replication i of each scenario drew the same
    # random numbers for every purpose they share, so the differences are paired.
    base = results[0]
    return [Compared(sc, result, None if k == 0 else paired_difference(base.days,
                                                                        result.days, seed))
            for k, (sc, result) in enumerate(zip(scenarios, results))]


def wrap(text: str) -> list[str]:
    return textwrap.wrap(text, 88, initial_indent="  ", subsequent_indent="    ")


def compare_text(items: Sequence[Compared]) -> str:
    rows = [c.row() for c in items]
    first = rows[0]
    lines = [f"{len(rows)} scenario{'s' * (len(rows) != 1)}, "
             f"{items[0].result.replications} replications each, "
             f"seed {items[0].result.seed} for all", ""]
    for item, r in zip(items, rows):
        lo, hi = r["p_meeting_ci"]
        median = r["median_days_to_first_meeting"]
        lines += [f"{r['title']} ({r['scenario']})" + ("   [baseline]" if r is first else ""),
                  f"  P(meeting by the horizon): {r['p_meeting']:.3f} ({lo:.3f} to {hi:.3f})"]
        if item.difference is not None:
            lines += wrap(f"against {first['scenario']}, on the same random numbers: "
                          f"{item.difference.words}")
        lines += ["  median days to the first meeting: "
                  + ("none" if median is None else f"{median:g}"),
                  "  top formats of first meetings:"]
        lines += [f"    {f['share'] * 100:5.1f}%  {f['format']}" for f in r["top_formats"]] or ["    none"]
        lines.append("  top refusal reasons:")
        actors = item.scenario.actors
        lines += [f"    {x['count']:6d}  {actors[x['actor']].name}: {x['says']}"
                  for x in r["top_refusals"]] or ["    none"]
        lines.append("")
    return "\n".join(lines).rstrip()
