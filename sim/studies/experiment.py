"""Experiments: N replications of a scenario, aggregated as they stream in.

Each record is folded into a `Summary` and handed to the sink (e.g. the CSV writer), then
dropped: memory does not grow with N.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..engine import Record
from ..model.scenario import Scenario
from .pool import run_replications
from .summary import Summary

Sink = Callable[[Record], None]


@dataclass
class Experiment:
    """The result of `run`: the scenario, the settings, and the aggregated summary."""

    scenario: str
    seed: int
    replications: int
    summary: Summary
    results_dir: str | None = None
    example: Record | None = None  # replication 0, with its trace

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "seed": self.seed,
                "replications": self.replications, **self.summary.to_json(),
                "results_dir": self.results_dir}

    def to_records(self) -> list[dict]:
        """First-meeting formats as flat records (for tables and dataframes)."""
        return [{**f["format"], "share": f["share"]}
                for f in self.summary.to_json()["first_meeting_formats"]]


def run(scenario: Scenario, n: int | None = None, seed: int | None = None,
        workers: int | None = None, trace_k: int = 0, sink: Sink | None = None,
        progress: Callable[[int, int], None] | None = None,
        dask: str | None = None) -> Experiment:
    """Run an experiment: every record goes to `sink` (e.g. a CSV writer) and the summary."""
    n = scenario.spec.replications if n is None else n
    seed = scenario.spec.seed if seed is None else seed
    summary = Summary()
    example = None
    records = run_replications(scenario, n, seed, workers, trace_k, dask=dask)
    for i, record in enumerate(records, 1):
        summary.add(record)
        if record.replication == 0:
            example = record
        if sink is not None:
            sink(record)
        if 0 < record.replication and record.replication >= trace_k:
            record.trace = None  # written by the sink; not kept in memory
        if progress is not None:
            progress(i, n)
    return Experiment(scenario.name, seed, n, summary, example=example)
