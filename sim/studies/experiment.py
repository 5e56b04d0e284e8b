"""Experiments: N replications of one scenario, merged as their partial results come in.

One scenario is the simplest stream of points (`points.run_points`): its partials are
merged as they complete and handed to the sink in replication order, so
`replications.csv` is the same whatever runs the work.
"""
from __future__ import annotations

from typing import Callable

from ..model.scenario import Scenario
from .points import Experiment, Sink, partials, run_points

__all__ = ["Experiment", "Sink", "partials", "run", "run_points"]


def run(scenario: Scenario, n: int | None = None, seed: int | None = None,
        workers: int | None = None, trace_k: int = 0, sink: Sink | None = None,
        progress: Callable[[int, int], None] | None = None,
        dask: str | None = None, started: Callable[[], None] | None = None) -> Experiment:
    """Run an experiment; every partial goes to `sink` (e.g. the CSV writer), in order.
    `started()`: called once the worker processes run (see `run_points`)."""
    n = scenario.spec.replications if n is None else n
    seed = scenario.spec.seed if seed is None else seed
    result, = run_points([scenario], n, seed, workers, dask, progress, trace_k, sink,
                         started=started)
    return result
