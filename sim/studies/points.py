"""Several scenarios' replications as one stream of chunks: the engine of every study.

Why one stream: a sweep or a sensitivity design run point by point leaves workers idle at
the end of every point and pays the start-up each time; as one stream, the chunks of all
points keep every worker busy until the last (and each worker stays on one point while
it can: see `chunks.Planner`). Partials are merged as they complete (the
merge gives the same numbers in any order) and each point's are handed to the sink in
replication order, so `replications.csv` is the same whatever runs the work. Memory holds,
per point, the summary and two bytes per replication (its first-meeting day, for paired
comparisons between points), never the records.
"""
from __future__ import annotations

import os
from array import array
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from ..engine import Record
from ..files.errors import InputError
from ..model import limits
from .chunks import Cargo, Partial, Planner, Source
from .pool import default_workers, local_partials
from .paired import Difference
from .summary import Summary

Sink = Callable[[Partial], None]


@dataclass
class Experiment:
    """The result of one point: the scenario, the settings, and the aggregated summary."""

    scenario: str
    seed: int
    replications: int
    summary: Summary
    results_dir: str | None = None
    example: Record | None = None  # replication 0, with its trace
    days: array = field(default_factory=lambda: array("h"))  # per replication, -1: none
    baseline: str | None = None  # what a what-if was measured against (`baseline.py`)
    difference: Difference | None = None  # this minus the baseline, paired
    baseline_curve: tuple[Summary, int] | None = None  # its (summary, horizon), when
    # it starts on the same day (the what-if's figure draws it)

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "seed": self.seed,
                "replications": self.replications, **self.summary.to_json(),
                **({} if self.difference is None else
                   {"baseline": self.baseline,
                    "difference_vs_baseline": self.difference.to_json()}),
                "results_dir": self.results_dir}

    def to_records(self) -> list[dict]:
        """First-meeting formats as flat records (for tables and dataframes)."""
        return [{**f["format"], "share": f["share"]}
                for f in self.summary.to_json()["first_meeting_formats"]]


def partials(cargo: Cargo, planner: Planner, workers: int, dask: str | None,
             pools: list | None = None, started: Callable[[], None] | None = None
             ) -> Iterator[Partial]:
    """The partials of every chunk: on the Dask cluster at `dask` (default: the
    NEGSIM_DASK environment variable), else on local processes (`pools` kept open by the
    caller, or new ones). `started()`: called once the work is under way."""
    dask = dask or os.environ.get("NEGSIM_DASK") or None
    if dask:
        from .dask_executor import dask_partials
        if started is not None:
            started()
        return dask_partials(dask, cargo, planner)
    return local_partials(cargo, planner, workers, pools, started)


class _Point:
    """One point being assembled: partials that arrived early wait for their turn."""

    def __init__(self, result: Experiment):
        self.result = result
        self.waiting: dict[int, Partial] = {}
        self.next_start = 0


def check_sizes(n: int, seed: int, workers: int | None) -> None:
    """The command line's ranges (model.limits) for callers of the Python API too: a
    notebook's n=10**15 or workers=5000 is the same mistake."""
    cores = default_workers()
    for name, value, low, high in (("n", n, 0, limits.MAX_REPLICATIONS),
                                   ("seed", seed, 0, limits.MAX_SEED),
                                   ("workers", workers, 1, cores * limits.WORKERS_PER_CORE)):
        if value is not None and not low <= value <= high:
            raise InputError.one(f"{name} must be from {low:,} to {high:,}; got {value}.",
                                 "arguments")


def run_points(scenarios: Sequence[Source], n: int, seed: int, workers: int | None = None,
               dask: str | None = None, progress: Callable[[int, int], None] | None = None,
               trace_k: int = 0, sink: Sink | None = None,
               done: Callable[[int, Experiment], None] | None = None,
               pools: list | None = None, started: Callable[[], None] | None = None
               ) -> list[Experiment]:
    """N replications (seed `seed`) of every scenario, as one stream of chunks; one
    `Experiment` per scenario, in order. A scenario may be given as a loader (called when
    its first chunk goes out, so thousands of points are never all in memory).

    `progress(replications done, total)`; `sink(partial)`: every partial, point by point
    in replication order (e.g. the CSV writer); `done(k, experiment)`: point k is complete
    (as each finishes: each worker works on its own point, so not in their order);
    `pools`: worker pools the caller keeps open between runs (`pool.worker_pools`);
    `started()`: called once every worker process is running, so that the caller may
    start threads of its own (forking beside a running thread is unsafe)."""
    check_sizes(n, seed, None if pools else workers)
    workers = len(pools) if pools else workers or default_workers()
    cargo = Cargo(scenarios)
    planner = Planner(n, seed, workers, trace_k, rows=sink is not None, points=len(cargo))
    open_points: dict[int, _Point] = {}
    results: list[Experiment | None] = [None] * len(cargo)
    finished = 0
    for partial in partials(cargo, planner, workers, dask, pools, started):
        k = partial.point
        if k not in open_points:
            open_points[k] = _Point(Experiment(cargo.scenario(k).name, seed, n, Summary()))
        point = open_points[k]
        point.result.summary.merge(partial.summary)
        point.waiting[partial.start] = partial
        while point.next_start in point.waiting:
            ready = point.waiting.pop(point.next_start)
            point.result.days.extend(ready.days)
            if ready.start == 0 and ready.traced:
                point.result.example = ready.traced[0]
            if sink is not None:
                sink(ready)
            point.next_start = ready.stop
        finished += partial.stop - partial.start
        if point.next_start == n:
            results[k] = open_points.pop(k).result
            cargo.release(k)
            if done is not None:
                done(k, results[k])
        if progress is not None:
            progress(finished, n * len(cargo))
    if n == 0:  # no chunk at all: empty results, as a run of zero replications has
        results = [Experiment(cargo.scenario(k).name, seed, 0, Summary())
                   for k in range(len(cargo))]
    return results  # type: ignore[return-value]
