"""The record: what the sources report over a window of time, held against the model when
it runs by itself.

Why: a backtest of scripted proposals only asks whether each actor answers a reported
proposal as it did. The classroom puts the model in empty seats, where it proposes, answers
and reacts on its own; so the same scenario is also run free (its proposers on, its
scripted proposals off) over many seeds, and each reported count (meetings held, offers
made, answers given, a state reached) is set beside the model's distribution of it. The
record lies inside the model when it falls within the model's central 90%: the model could
have produced what happened, and says how typical that was.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from ..engine import Compiled, replicate
from ..model import conditions
from ..model.scenario import RecordItem, RecordSpec, Scenario

CENTRAL = 0.90  # the share of the model's distribution the record must fall in


def free_run(scenario: Scenario) -> Scenario:
    """The scenario with its actors proposing by themselves and no scripted proposal."""
    return dataclasses.replace(scenario, spec=scenario.spec.model_copy(update={
        "actor_proposals": True, "proposals": [], "stop_at_first_meeting": False}))


def _days(spec: RecordSpec, item: RecordItem, start: dt.date) -> tuple[int, int]:
    """The item's window as day numbers from the scenario's start: [first, last)."""
    first = item.first_day or spec.first_day
    last = item.last_day or spec.last_day
    return (first - start).days, (last - start).days + 1


def observe(scenario: Scenario, trace: list[dict[str, Any]]) -> dict[str, int]:
    """Each record item's count in one free run, read from its trace (a pure function: the
    trace holds every proposal, answer, meeting and change of the world, with its day)."""
    spec = scenario.spec.record
    space = scenario.space
    state = dict(scenario.state)
    timeline: list[tuple[float, dict]] = [(0.0, dict(state))]  # the state after each change
    proposals: dict[int, dict] = {}
    entries: list[tuple[float, str, dict, dict, dict]] = []  # (day, kind, entry, format, state)
    for e in trace:
        kind = e["type"]
        if kind == "event":
            state = {**state, **e["set"]}
            timeline.append((e["day"], dict(state)))
        elif kind == "proposal":
            proposals[e["id"]] = e
            entries.append((e["day"], "proposal", e, e["format"], state))
        elif kind == "answer":
            entries.append((e["day"], "answer", e, proposals[e["id"]]["format"], state))
        elif kind == "meeting_held":
            entries.append((e["day"], "meeting", e, e["format"], state))
    out = {}
    for item in spec.items:
        first, last = _days(spec, item, scenario.start)
        if item.count == "state":
            standing = [_last_before(timeline, first)] + [s for day, s in timeline
                                                          if first <= day < last]
            out[item.id] = int(any(conditions.holds(item.state, s.get) for s in standing))
            continue
        n = 0
        for day, kind, e, fmt, now in entries:
            if not first <= day < last or not _counts(item, kind, e, scenario):
                continue
            if item.format is None or conditions.holds(item.format, space.lookup(fmt, now)):
                n += 1
        out[item.id] = n
    return out


def _last_before(timeline: list[tuple[float, dict]], day: int) -> dict:
    """The state standing when day `day` begins."""
    found = timeline[0][1]
    for when, s in timeline:
        if when > day:
            break
        found = s
    return found


def _counts(item: RecordItem, kind: str, e: dict, scenario: Scenario) -> bool:
    """Whether one trace entry is of the kind the item counts."""
    if item.count == "meetings":
        return kind == "meeting"
    if item.count == "proposals":
        return kind == "proposal" and item.proposer in (None, e["proposer"])
    # acceptances: an answer that accepts, or a party's own proposal (a free-running
    # proposer only puts forward a format it accepts)
    if kind == "answer":
        return e["accept"] and item.by in (None, e["actor"])
    return (kind == "proposal" and item.by in (None, e["proposer"])
            and e["proposer"] in scenario.parties(e["format"]))


@dataclass(frozen=True)
class ItemResult:
    """One record item against the model: what the sources report, the model's counts over
    the seeds, and whether the record lies in the model's central 90%."""

    id: str
    says: str
    low: int
    high: float                 # inf: "at least `low`"
    counts: dict[int, int]      # value -> number of seeds

    @property
    def seeds(self) -> int:
        return sum(self.counts.values())

    def quantile(self, q: float) -> int:
        """The smallest value at which the model's distribution reaches `q`."""
        total, seen = self.seeds, 0
        for value in sorted(self.counts):
            seen += self.counts[value]
            if seen >= q * total - 1e-9:
                return value
        return max(self.counts)

    @property
    def central(self) -> tuple[int, int]:
        tail = (1 - CENTRAL) / 2
        return self.quantile(tail), self.quantile(1 - tail)

    @property
    def share(self) -> float:
        """The share of seeds whose count is what the sources report."""
        return sum(n for v, n in self.counts.items() if self.low <= v <= self.high) / self.seeds

    @property
    def inside(self) -> bool:
        lo, hi = self.central
        return self.low <= hi and self.high >= lo

    @property
    def reported(self) -> str:
        if self.high == self.low:
            return str(self.low)
        if self.high == float("inf"):
            return f"at least {self.low}"
        return f"{self.low} to {int(self.high)}"

    def to_json(self) -> dict:
        lo, hi = self.central
        return {"id": self.id, "says": self.says, "record": self.reported,
                "model": {"median": self.quantile(0.5), "central_90": [lo, hi],
                          "counts": {str(v): n for v, n in sorted(self.counts.items())}},
                "share_as_reported": round(self.share, 4), "inside": self.inside}


@dataclass(frozen=True)
class RecordCheck:
    scenario: str
    seed: int
    seeds: int
    first_day: str
    last_day: str
    items: list[ItemResult]
    all_as_reported: float      # the share of seeds in which every count is as reported

    @property
    def passed(self) -> bool:
        return all(i.inside for i in self.items)

    def item(self, item_id: str) -> ItemResult:
        return next(i for i in self.items if i.id == item_id)

    def to_json(self) -> dict:
        return {"first_day": self.first_day, "last_day": self.last_day, "seeds": self.seeds,
                "seed": self.seed, "items": [i.to_json() for i in self.items],
                "all_as_reported": round(self.all_as_reported, 4), "inside": self.passed}


def observations(scenario: Scenario, seeds: int, seed: int | None = None,
                 compiled: Compiled | None = None) -> Iterable[dict[str, int]]:
    """Each free run's counts, replications 0..seeds-1 of the seed."""
    seed = scenario.spec.seed if seed is None else seed
    compiled = compiled or Compiled(free_run(scenario))
    for i in range(seeds):
        yield observe(compiled.scenario, replicate(compiled, i, seed, trace=True).trace)


def check_record(scenario: Scenario, seeds: int | None = None, seed: int | None = None,
                 compiled: Compiled | None = None) -> RecordCheck:
    """The scenario's `record:` against `seeds` free runs (default: the record's own)."""
    spec = scenario.spec.record
    if spec is None:
        raise ValueError(f"scenario {scenario.name} has no record:")
    seeds = seeds or spec.seeds
    seed = scenario.spec.seed if seed is None else seed
    counts = {item.id: Counter() for item in spec.items}
    bounds = {item.id: item.bounds for item in spec.items}
    all_ok = 0
    for seen in observations(scenario, seeds, seed, compiled):
        ok = True
        for name, value in seen.items():
            counts[name][value] += 1
            lo, hi = bounds[name]
            ok = ok and lo <= value <= hi
        all_ok += ok
    items = [ItemResult(item.id, " ".join(item.says.split()), *item.bounds,
                        dict(counts[item.id])) for item in spec.items]
    return RecordCheck(scenario.name, seed, seeds, spec.first_day.isoformat(),
                       spec.last_day.isoformat(), items, all_ok / seeds)
