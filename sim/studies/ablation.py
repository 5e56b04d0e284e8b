"""Ablation: which rules does the record test? Remove each rule, assumption, lapse, reaction,
demand and dated event in turn, run the backtest and the record again, and list the rows
and record items that stop matching without it.

Why: a backtest that matches whatever is removed tests nothing. A rule the record needs
(removing it breaks a row) is *tested by the record*; a rule whose removal breaks nothing is
*not tested by any row*: the model carries it because an actor said it, but 2023 gives no
evidence for or against it. Both lists are printed, and pages mark the untested rules.
"""
from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterator

from ..model.decision import rule_kind
from ..model.scenario import Scenario
from .backtest import row_id
from .record import check_record
from .robustness import TARGET, row_shares

KINDS = ("red_line", "precondition", "assumption", "lapse", "reaction", "demand", "event")


@dataclass(frozen=True)
class Part:
    """One thing that can be removed: its id (`actor.id`, or `event:id`), kind and words."""

    id: str
    kind: str
    says: str


def parts(scenario: Scenario) -> list[Part]:
    """Every enabled rule, lapse, reaction and demand of every actor, and every dated event
    of the scenario, in file order."""
    out = []
    for a, actor in scenario.actors.items():
        out += [Part(f"{a}.{r.id}", rule_kind(r), r.says) for r in actor.rules if r.enabled]
        out += [Part(f"{a}.{lp.id}", "lapse", lp.says) for lp in actor.lapses if lp.enabled]
        out += [Part(f"{a}.{r.id}", "reaction", r.says or r.id) for r in actor.reactions
                if r.probability > 0]
        out += [Part(f"{a}.{p.id}", "demand", p.assumption or p.id)
                for p in actor.preferences if p.when is not None and p.id and p.weight > 0]
    out += [Part(f"event:{e.id}", "event", e.says) for e in scenario.spec.events if e.date]
    return out


def without(scenario: Scenario, part: Part) -> Scenario:
    """The scenario with one part removed (a rule or lapse switched off, a reaction's
    probability or a demand's weight set to 0, an event deleted): in memory, no files."""
    if part.kind == "event":
        events = [e for e in scenario.spec.events if f"event:{e.id}" != part.id]
        return dataclasses.replace(scenario, spec=scenario.spec.model_copy(
            update={"events": events}))
    a, _, item = part.id.partition(".")
    actor = scenario.actors[a]
    change = {"lapse": ("lapses", {"enabled": False}),
              "reaction": ("reactions", {"probability": 0.0}),
              "demand": ("preferences", {"weight": 0.0})}
    group, update = change.get(part.kind, (None, {"enabled": False}))
    groups = [group] if group else ["red_lines", "preconditions", "assumptions"]
    new = {g: [x.model_copy(update=update) if getattr(x, "id", None) == item else x
               for x in getattr(actor, g)] for g in groups}
    return dataclasses.replace(scenario, actors={**scenario.actors,
                                                 a: actor.model_copy(update=new)})


@dataclass(frozen=True)
class Ablation:
    """For each part, the rows and record items that stop matching without it."""

    scenario: str
    seeds: int
    record_seeds: int
    parts: list[Part]
    fails: dict[str, list[str]]          # part id -> rows / "record:item" ids
    baseline_failing: list[str]          # rows or items that fail with every part in place

    @property
    def tested(self) -> list[Part]:
        return [p for p in self.parts if self.fails[p.id]]

    @property
    def untested(self) -> list[Part]:
        return [p for p in self.parts if not self.fails[p.id]]

    def to_json(self) -> dict:
        return {"ablation": {p.id: self.fails[p.id] for p in self.parts},
                "kinds": {p.id: p.kind for p in self.parts},
                "tested": [p.id for p in self.tested],
                "untested": [p.id for p in self.untested],
                "seeds": self.seeds, "record_seeds": self.record_seeds,
                "failing_with_everything": self.baseline_failing}


def holding(scenario: Scenario, seeds: int, record_seeds: int) -> set[str]:
    """The rows (in >= 90% of seeds) and record items (inside the model's central 90%)
    that hold for this scenario."""
    ids = [row_id(p) for p in scenario.spec.proposals if p.expected is not None]
    shares = row_shares(scenario, seeds) if ids else []
    held = {i for i, s in zip(ids, shares) if s.share >= TARGET}
    if scenario.spec.record is not None:
        check = check_record(scenario, record_seeds)
        held |= {f"record:{i.id}" for i in check.items if i.inside}
    return held


def everything(scenario: Scenario) -> set[str]:
    ids = {row_id(p) for p in scenario.spec.proposals if p.expected is not None}
    record = scenario.spec.record
    return ids | ({f"record:{i.id}" for i in record.items} if record else set())


def ablate(scenario: Scenario, seeds: int = 200, record_seeds: int | None = None,
           workers: int = 1, progress: Callable[[int, int], None] | None = None
           ) -> Ablation:
    """Remove each part in turn; a row or record item 'fails without' a part when it holds
    with every part in place and not without that one."""
    record_seeds = record_seeds or (scenario.spec.record.seeds if scenario.spec.record
                                    else 0)
    found = parts(scenario)
    variants = [scenario] + [without(scenario, part) for part in found]
    held = list(_each(variants, seeds, record_seeds, workers, progress))
    base = held[0]
    fails = {part.id: sorted(base - kept, key=_order(scenario))
             for part, kept in zip(found, held[1:])}
    failing = sorted(everything(scenario) - base, key=_order(scenario))
    return Ablation(scenario.name, seeds, record_seeds, found, fails, failing)


def _holding(job: tuple[Scenario, int, int]) -> set[str]:
    return holding(*job)


def _each(variants: list[Scenario], seeds: int, record_seeds: int, workers: int,
          progress: Callable[[int, int], None] | None) -> Iterator[set[str]]:
    """`holding` for each variant, in order; on `workers` processes when more than one
    (each variant is a few seconds of work, so one variant is one task)."""
    jobs = [(v, seeds, record_seeds) for v in variants]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_holding, jobs)
            for n, held in enumerate(results):
                if progress is not None:
                    progress(n + 1, len(jobs))
                yield held
        return
    for n, job in enumerate(jobs):
        yield _holding(job)
        if progress is not None:
            progress(n + 1, len(jobs))


def _order(scenario: Scenario) -> Callable[[str], int]:
    """Rows in file order, then record items."""
    names = [row_id(p) for p in scenario.spec.proposals if p.expected is not None]
    if scenario.spec.record:
        names += [f"record:{i.id}" for i in scenario.spec.record.items]
    return lambda name: names.index(name) if name in names else len(names)


def untested_rules(ablation: Ablation) -> Iterator[Part]:
    """The red lines, preconditions and assumed rules no row or record item tests."""
    return (p for p in ablation.untested if p.kind in ("red_line", "precondition",
                                                       "assumption"))
