"""The local executor: chunks of replications on worker processes, partials back.

Partials come back as they complete (not in submission order), so one slow chunk does not
stall the others; the client merges them, which gives the same numbers in any order.
Ctrl-C stops the workers quietly and leaves the main process to clean up.
"""
from __future__ import annotations

import os
import signal
import weakref
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Iterator

from ..engine import Compiled
from ..model.scenario import Scenario
from .chunks import Chunk, Partial, Planner, run_chunk

_worker: Compiled | None = None
_local: dict[int, tuple[weakref.ref, Compiled]] = {}


def compiled_for(scenario: Scenario) -> Compiled:
    """The scenario's `Compiled`, kept while the scenario lives: a second run in the same
    process (a click in the browser explorer) starts with warm memo tables."""
    found = _local.get(id(scenario))
    if found is not None and found[0]() is scenario:
        return found[1]
    compiled = Compiled(scenario)
    _local[id(scenario)] = (weakref.ref(scenario, lambda _, k=id(scenario), d=_local:
                                        d.pop(k, None)), compiled)
    return compiled


def _init_worker(scenario: Scenario) -> None:
    global _worker
    # Ctrl-C reaches the whole process group; only the main process should react
    # (stop, clean up, one message), not every worker with its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = Compiled(scenario)


def _run(chunk: Chunk) -> Partial:
    assert _worker is not None
    return run_chunk(_worker, chunk)


def default_workers() -> int:
    return os.cpu_count() or 1


def local_partials(scenario: Scenario, planner: Planner, workers: int) -> Iterator[Partial]:
    """Run every chunk the planner gives, on `workers` processes (1: in this process)."""
    if workers == 1:
        compiled = compiled_for(scenario)
        while (chunk := planner.next()) is not None:
            partial = run_chunk(compiled, chunk)
            planner.observe(partial)
            yield partial
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(scenario,))
    try:
        pending = set()

        def submit() -> None:
            chunk = planner.next()
            if chunk is not None:
                pending.add(pool.submit(_run, chunk))

        for _ in range(2 * workers):
            submit()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                pending.discard(future)
                partial = future.result()
                planner.observe(partial)
                submit()
                yield partial
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
