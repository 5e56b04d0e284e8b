"""Backtest: replay the proposals the sources report and compare with what happened.

A scenario's `proposals:` are delivered by the engine on their dates and answered through
the same decision as everything else; each `expected:` says what happened. The outcomes are
kept apart (held; refused by X; agreed, then cancelled by X; no answer; did not take place
for reasons the sources do not give), and a row matches only if the outcome agrees, the
parties that refused (or cancelled) are exactly those the sources name (a party the model
adds is a mismatch: the model then contradicts the record), and, where the sources give
reasons, at least one of them is among the simulated ones; reasons the model adds are
listed, not hidden. A "did not take place" row with no stated reason cannot test the
model: it is reported as consistent (or not), never counted as a match.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..engine import Compiled, replicate
from ..model.decision import rule_sentence
from ..model.scenario import Expected, Scenario

SIMULATED = {"held": "held", "refused": "refused", "cancelled": "cancelled",
             "unanswered": "unanswered", "accepted": "agreed", "outside_horizon": "outside"}


def expected_text(exp: Expected, scenario: Scenario | None = None) -> str:
    """What the sources report, by ids (the backtest table, which lessons quote); with
    `scenario`, by names and in words (a student's debrief)."""
    by = [scenario.actors[a].name if scenario and a in scenario.actors else a for a in exp.by]
    reasons = [_reason(scenario, exp.by, r) for r in exp.reasons] if scenario else exp.reasons
    who = " and ".join(by) or "someone"
    why = f" ({', '.join(reasons)})" if reasons else ""
    return {"held": "held", "not_held": "did not take place (the sources do not say why)",
            "unanswered": "no answer",
            "refused": f"refused by {who}{why}",
            "cancelled": f"agreed, then cancelled by {who}{why}"}[exp.outcome]


def _reason(scenario: Scenario, by: list[str], reason: str) -> str:
    """A reported reason in words: the rule's sentence, from whichever refuser holds it."""
    owner = next((a for a in by if a in scenario.actors and scenario.actors[a].rule(reason)),
                 None)
    return (rule_sentence(scenario.actors, owner, reason).rstrip(".") if owner
            else reason.replace("_", " "))


def simulated_text(fate: dict[str, Any]) -> str:
    who = " and ".join(fate["reasons"])
    return {"held": "held",
            "refused": f"refused by {who}",
            "cancelled": f"agreed, then cancelled by {who}",
            "accepted": "agreed; the meeting falls after the horizon",
            "unanswered": "no answer by the horizon",
            "outside_horizon": "outside the scenario's dates"}[fate["outcome"]]


@dataclass(frozen=True)
class Judgement:
    status: str                        # "match", "mismatch", "consistent", "inconsistent"
    extra: dict[str, list[str]] = field(default_factory=dict)  # reasons the sources lack
    extra_parties: tuple[str, ...] = ()   # refused in the model, not in the sources
    missing_parties: tuple[str, ...] = ()  # refused in the sources, not in the model

    @property
    def match(self) -> bool:
        return self.status == "match"

    @property
    def testable(self) -> bool:
        return self.status in ("match", "mismatch")


def judge(exp: Expected, fate: dict[str, Any]) -> Judgement:
    outcome, reasons = SIMULATED[fate["outcome"]], fate["reasons"]
    if exp.outcome == "not_held":
        return Judgement("consistent" if outcome not in ("held", "outside") else "inconsistent")
    if outcome != exp.outcome:
        return Judgement("mismatch")
    if exp.outcome not in ("refused", "cancelled"):
        return Judgement("match")
    named = exp.by or list(reasons)
    given = {r for a in named for r in reasons.get(a, [])}
    extra = {a: [r for r in ids if r not in exp.reasons] for a, ids in reasons.items()}
    extra = {a: ids for a, ids in extra.items() if ids}
    added = tuple(a for a in reasons if exp.by and a not in exp.by)
    missing = tuple(a for a in exp.by if a not in reasons)
    ok = not added and not missing and (not exp.reasons or bool(set(exp.reasons) & given))
    return Judgement("match" if ok else "mismatch", extra, added, missing)


@dataclass(frozen=True)
class Row:
    id: str
    date: str
    date_estimated: bool
    proposer: str
    format: dict[str, str]
    note: str
    expected: str
    simulated: str
    reasons: dict[str, list[str]]
    judgement: Judgement

    @property
    def match(self) -> bool:
        return self.judgement.match

    def to_json(self) -> dict:
        return {"id": self.id, "date": self.date, "proposer": self.proposer,
                "format": self.format,
                "expected": self.expected, "simulated": self.simulated,
                "reasons": self.reasons, "match": self.match,
                "status": self.judgement.status, "extra_reasons": self.judgement.extra,
                "extra_refusers": list(self.judgement.extra_parties),
                "missing_refusers": list(self.judgement.missing_parties),
                "date_estimated": self.date_estimated}


@dataclass(frozen=True)
class Backtest:
    scenario: str
    seed: int
    rows: list[Row]

    @property
    def testable(self) -> list[Row]:
        return [r for r in self.rows if r.judgement.testable]

    @property
    def matched(self) -> int:
        return sum(r.match for r in self.rows)

    @property
    def passed(self) -> bool:
        """Every testable row matches and no untestable row contradicts the sources."""
        return all(r.match for r in self.testable) and not any(
            r.judgement.status == "inconsistent" for r in self.rows)

    def to_json(self) -> dict:
        return {"rows": [r.to_json() for r in self.rows], "matched": self.matched,
                "total": len(self.rows), "testable": len(self.testable),
                "passed": self.passed}

    def to_records(self) -> list[dict]:
        return [{**r.to_json(), "format": "/".join(r.format.values())} for r in self.rows]


def row_id(prop) -> str:
    """A scripted proposal's name in tables and the ablation: its id, else its date."""
    return prop.id or prop.date.isoformat()


def for_backtest(scenario: Scenario) -> Scenario:
    """Every reported proposal must get its answer, even after a first meeting."""
    return dataclasses.replace(scenario, spec=scenario.spec.model_copy(
        update={"stop_at_first_meeting": False}))


def backtest(scenario: Scenario, seed: int | None = None, replication: int = 0,
             compiled: Compiled | None = None) -> Backtest:
    """One replication of the scripted proposals (seed: the scenario's unless given); a
    row for every proposal with an `expected:` outcome."""
    seed = scenario.spec.seed if seed is None else seed
    if compiled is None:
        scenario = for_backtest(scenario)
        compiled = Compiled(scenario)
    record = replicate(compiled, replication, seed)
    rows = []
    for k, prop in enumerate(compiled.scenario.spec.proposals):
        if prop.expected is None:
            continue
        fate = record.scripted[k]
        rows.append(Row(row_id(prop), prop.date.isoformat(), prop.date_estimated, prop.proposer,
                        dict(prop.format), " ".join(prop.note.split()),
                        expected_text(prop.expected), simulated_text(fate), fate["reasons"],
                        judge(prop.expected, fate)))
    return Backtest(compiled.scenario.name, seed, rows)


def backtest_text(scenario: Scenario, result: Backtest) -> str:
    lines = [f"{scenario.spec.title}: backtest of {len(result.rows)} reported proposals "
             f"(seed {result.seed})", ""]
    marks = {"match": "match   ", "mismatch": "MISMATCH", "consistent": "(untested)",
             "inconsistent": "CONTRADICTS"}
    for r in result.rows:
        when = r.date + (" (date estimated)" if r.date_estimated else "")
        lines += [f"{marks[r.judgement.status]}  {when}  proposed by "
                  f"{scenario.actors[r.proposer].name}: {scenario.space.label(r.format)}",
                  f"          {r.note}",
                  f"          happened:  {r.expected}",
                  f"          simulated: {r.simulated}"]
        for actor, ids in r.reasons.items():
            lines.append(f"                     {scenario.actors[actor].name}: {', '.join(ids)}")
        for actor in r.judgement.extra_parties:
            lines.append(f"          refused also by {scenario.actors[actor].name}, whom "
                         f"the sources do not name: the model contradicts them")
        for actor in r.judgement.missing_parties:
            lines.append(f"          not refused by {scenario.actors[actor].name}, as the "
                         f"sources report")
        for actor, ids in r.judgement.extra.items():
            lines.append(f"          reasons the sources do not give: "
                         f"{scenario.actors[actor].name}: {', '.join(ids)}")
        lines.append("")
    untested = len(result.rows) - len(result.testable)
    lines.append(f"{result.matched} of {len(result.testable)} testable rows match"
                 + (f"; {untested} row(s) cannot test the model (the sources give no reason)"
                    if untested else "") + ".")
    return "\n".join(lines)
