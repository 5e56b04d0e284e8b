"""The executors: replications on local worker processes, or on a Dask cluster.

Replication i draws everything from (seed, i), and results are consumed in replication
order, so the numbers (and the CSV rows) are identical whatever the number of workers.
At most a few batches are in flight at once.
"""
from __future__ import annotations

import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from ..engine import Compiled, Record, replicate
from ..model.scenario import Scenario


_compiled: Compiled | None = None


def _init_worker(scenario: Scenario, in_pool: bool = False) -> None:
    global _compiled
    if in_pool:
        # Ctrl-C reaches the whole process group; only the main process should react
        # (stop, clean up, one message), not every worker with its own traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _compiled = Compiled(scenario)


def _run_batch(start: int, stop: int, seed: int, trace_k: int) -> list[Record]:
    """Replications start..stop-1; the first `trace_k` keep their trace, and replication 0
    always does (a figure shows it)."""
    assert _compiled is not None
    return [replicate(_compiled, i, seed, trace=i < max(trace_k, 1)) for i in range(start, stop)]


def batches(n: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n, size):
        yield start, min(n, start + size)


def default_workers() -> int:
    return os.cpu_count() or 1


def run_replications(scenario: Scenario, n: int, seed: int, workers: int | None = None,
                     trace_k: int = 0, batch_size: int | None = None,
                     dask: str | None = None) -> Iterator[Record]:
    """Yield the records of replications 0..n-1, in order: on `workers` local processes, or
    on the Dask cluster at `dask` (default: the NEGSIM_DASK environment variable)."""
    workers = workers or default_workers()
    dask = dask or os.environ.get("NEGSIM_DASK") or None
    size = batch_size or max(1, min(100, n // (workers * 4) or 1))
    if dask:
        from .dask_executor import dask_batches
        for records in dask_batches(dask, scenario, batches(n, size), seed, trace_k):
            yield from records
        return
    if workers == 1:
        _init_worker(scenario)
        for start, stop in batches(n, size):
            yield from _run_batch(start, stop, seed, trace_k)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(scenario, True))
    try:
        pending: deque = deque()
        todo = batches(n, size)
        for start, stop in todo:
            pending.append(pool.submit(_run_batch, start, stop, seed, trace_k))
            if len(pending) >= workers * 2:
                break
        while pending:
            records = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(_run_batch, *nxt, seed, trace_k))
            yield from records
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
