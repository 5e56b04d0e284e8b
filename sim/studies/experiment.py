"""Experiments: N replications of a scenario, merged as their partial results come in.

Workers fold their replications into partial summaries; the client merges them as they
complete (the merge gives the same numbers in any order) and hands them to the sink in
replication order, so `replications.csv` is the same whatever runs the work. Memory holds
the summary and two bytes per replication (its first-meeting day, for paired comparisons),
never the records.
"""
from __future__ import annotations

import os
from array import array
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..engine import Record
from ..model.scenario import Scenario
from .chunks import Partial, Planner
from .pool import default_workers, local_partials
from .summary import Summary

Sink = Callable[[Partial], None]


@dataclass
class Experiment:
    """The result of `run`: the scenario, the settings, and the aggregated summary."""

    scenario: str
    seed: int
    replications: int
    summary: Summary
    results_dir: str | None = None
    example: Record | None = None  # replication 0, with its trace
    days: array = field(default_factory=lambda: array("h"))  # per replication, -1: none

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "seed": self.seed,
                "replications": self.replications, **self.summary.to_json(),
                "results_dir": self.results_dir}

    def to_records(self) -> list[dict]:
        """First-meeting formats as flat records (for tables and dataframes)."""
        return [{**f["format"], "share": f["share"]}
                for f in self.summary.to_json()["first_meeting_formats"]]


def partials(scenario: Scenario, planner: Planner, workers: int,
             dask: str | None) -> Iterator[Partial]:
    """The partials of every chunk: on the Dask cluster at `dask` (default: the
    NEGSIM_DASK environment variable), else on local processes."""
    dask = dask or os.environ.get("NEGSIM_DASK") or None
    if dask:
        from .dask_executor import dask_partials
        return dask_partials(dask, scenario, planner)
    return local_partials(scenario, planner, workers)


def run(scenario: Scenario, n: int | None = None, seed: int | None = None,
        workers: int | None = None, trace_k: int = 0, sink: Sink | None = None,
        progress: Callable[[int, int], None] | None = None,
        dask: str | None = None) -> Experiment:
    """Run an experiment; every partial goes to `sink` (e.g. the CSV writer), in order."""
    n = scenario.spec.replications if n is None else n
    seed = scenario.spec.seed if seed is None else seed
    workers = workers or default_workers()
    result = Experiment(scenario.name, seed, n, Summary())
    waiting: dict[int, Partial] = {}  # arrived early, waiting for their turn
    next_start = done = 0
    planner = Planner(n, seed, workers, trace_k, rows=sink is not None)
    for partial in partials(scenario, planner, workers, dask):
        result.summary.merge(partial.summary)
        waiting[partial.start] = partial
        while next_start in waiting:
            ready = waiting.pop(next_start)
            result.days.extend(ready.days)
            if ready.start == 0 and ready.traced:
                result.example = ready.traced[0]
            if sink is not None:
                sink(ready)
            next_start = ready.stop
        done += partial.stop - partial.start
        if progress is not None:
            progress(done, n)
    return result
