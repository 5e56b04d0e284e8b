"""Backtest: replay the proposals the sources report and compare with what happened.

A scenario's `proposals:` are delivered by the engine on their dates and answered through
the same `evaluate` as everything else; each `expected:` says what happened (held; refused,
by whom and for which stated rule; or did not take place). A row matches when the simulated
fate agrees, including the stated reasons where the sources give them.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..engine import Compiled, replicate
from ..model.scenario import Expected, Scenario


def expected_text(exp: Expected) -> str:
    if exp.outcome == "held":
        return "held"
    if exp.outcome == "not_held":
        return "did not take place"
    who = " and ".join(exp.by) or "someone"
    return f"refused by {who}" + (f" ({', '.join(exp.reasons)})" if exp.reasons else "")


def simulated_text(fate: dict[str, Any]) -> str:
    outcome, reasons = fate["outcome"], fate["reasons"]
    who = " and ".join(reasons)
    return {"held": "held",
            "refused": f"refused by {who}",
            "cancelled": f"agreed, then cancelled on the day by {who}",
            "accepted": "agreed; the meeting falls after the horizon",
            "unanswered": "no answer by the horizon",
            "outside_horizon": "outside the scenario's dates"}[outcome]


def matches(exp: Expected, fate: dict[str, Any]) -> bool:
    """Held must be held; refused must be refused (or cancelled) by everyone named, for every
    stated reason; did-not-take-place is anything but held."""
    outcome, reasons = fate["outcome"], fate["reasons"]
    if exp.outcome == "held":
        return outcome == "held"
    if exp.outcome == "not_held":
        return outcome not in ("held", "outside_horizon")
    if outcome not in ("refused", "cancelled"):
        return False
    if not set(exp.by) <= set(reasons):
        return False
    given = {r for a in (exp.by or reasons) for r in reasons.get(a, [])}
    return set(exp.reasons) <= given


@dataclass(frozen=True)
class Row:
    date: str
    proposer: str
    format: dict[str, str]
    note: str
    expected: str
    simulated: str
    reasons: dict[str, list[str]]
    match: bool

    def to_json(self) -> dict:
        return {"date": self.date, "proposer": self.proposer, "format": self.format,
                "expected": self.expected, "simulated": self.simulated,
                "reasons": self.reasons, "match": self.match}


@dataclass(frozen=True)
class Backtest:
    scenario: str
    seed: int
    rows: list[Row]

    @property
    def matched(self) -> int:
        return sum(r.match for r in self.rows)

    def to_json(self) -> dict:
        return {"rows": [r.to_json() for r in self.rows], "matched": self.matched,
                "total": len(self.rows)}

    def to_records(self) -> list[dict]:
        return [{**r.to_json(), "format": "/".join(r.format.values())} for r in self.rows]


def backtest(scenario: Scenario, seed: int | None = None) -> Backtest:
    """One replication (seed: the scenario's unless given) of the scripted proposals; a row
    for every proposal with an `expected:` outcome."""
    seed = scenario.spec.seed if seed is None else seed
    # Every reported proposal must get its answer, even after a first meeting.
    scenario = dataclasses.replace(scenario, spec=scenario.spec.model_copy(
        update={"stop_at_first_meeting": False}))
    record = replicate(Compiled(scenario), 0, seed)
    rows = []
    for k, prop in enumerate(scenario.spec.proposals):
        if prop.expected is None:
            continue
        fate = record.scripted[k]
        rows.append(Row(prop.date.isoformat(), prop.proposer, dict(prop.format),
                        " ".join(prop.note.split()), expected_text(prop.expected),
                        simulated_text(fate), fate["reasons"], matches(prop.expected, fate)))
    return Backtest(scenario.name, seed, rows)


def backtest_text(scenario: Scenario, result: Backtest) -> str:
    lines = [f"{scenario.spec.title}: backtest of {len(result.rows)} reported proposals "
             f"(seed {result.seed})", ""]
    for r in result.rows:
        mark = "match   " if r.match else "MISMATCH"
        lines += [f"{mark}  {r.date}  proposed by {scenario.actors[r.proposer].name}: "
                  f"{scenario.space.label(r.format)}",
                  f"          {r.note}",
                  f"          happened:  {r.expected}",
                  f"          simulated: {r.simulated}"]
        for actor, ids in r.reasons.items():
            lines.append(f"                     {scenario.actors[actor].name}: {', '.join(ids)}")
        lines.append("")
    lines.append(f"{result.matched} of {len(result.rows)} rows match.")
    return "\n".join(lines)
