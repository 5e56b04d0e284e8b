"""The local executor: chunks of replications on worker processes, partials back.

Partials come back as they complete (not in submission order), so one slow chunk does not
stall the others; the client merges them, which gives the same numbers in any order.
A chunk travels with its scenario's content key and pickled bytes (a few tens of KB, once
pickled by the client); a worker unpickles and compiles a scenario only the first time it
meets it. Ctrl-C stops the workers quietly and leaves the main process to clean up.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
import time
import weakref
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.context import BaseContext
from typing import Callable, Iterator

from ..engine import Compiled
from ..model.scenario import Scenario
from .chunks import Cargo, Chunk, Kept, Partial, Planner, run_chunk

_kept = Kept()  # in each worker process
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


def _init_worker(nice: int = 0) -> None:
    """Set up a worker process, however it was started (forked from `negsim run`, or from
    `negsim serve`'s fork server, whose parent is not the server itself).

    Ctrl-C reaches the whole process group; only the main process should react (stop,
    clean up, one message), not every worker with its own traceback. (SIGTERM is left as
    the process got it: a server's workers come from a fresh fork server, where it stops
    them; a worker forked from a running server kept the server's handler, which only asks
    the server's loop to stop, and so ignored it.) `nice`: the priority the caller wants
    its workers at, whichever thread started them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nice and hasattr(os, "nice"):
        os.nice(max(0, nice - os.nice(0)))
    threading.Thread(target=_end_with, args=(os.getppid(),), daemon=True).start()


def _end_with(parent: int) -> None:
    """End this worker when the process that started it is gone. A parent killed outright
    (a crash, kill -9 of `negsim serve`, whose workers stay between runs) cannot shut its
    pool down, and a worker waiting for its next chunk would otherwise wait, orphaned, for
    ever. Two signs, either enough: the pipe that multiprocessing keeps from the starting
    process closes (it is the server even when a fork server forked the worker), or the
    parent process changes."""
    from multiprocessing import connection, parent_process
    sentinel = getattr(parent_process(), "sentinel", None)
    while os.getppid() == parent:
        if sentinel is None:
            time.sleep(1.0)
        elif connection.wait([sentinel], timeout=1.0):
            break
    os._exit(0)


def _run(key: str, blob: bytes, chunk: Chunk) -> Partial:
    cold = key not in _kept
    partial = run_chunk(_kept.get(key, lambda: pickle.loads(blob)), chunk)
    partial.cold = cold
    return partial


def default_workers() -> int:
    return os.cpu_count() or 1


def worker_pools(workers: int, context: BaseContext | None = None,
                 nice: int = 0) -> list[ProcessPoolExecutor]:
    """One one-process pool per worker (its process starts with its first chunk). The
    default `context` forks (`negsim run`: quick, and it holds nothing a worker must not
    inherit); a server passes one that does not copy its listening socket."""
    return [ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_init_worker,
                                initargs=(nice,))
            for _ in range(workers)]


def local_partials(cargo: Cargo, planner: Planner, workers: int,
                   pools: list[ProcessPoolExecutor] | None = None,
                   started: Callable[[], None] | None = None) -> Iterator[Partial]:
    """Run every chunk the planner gives, on `workers` processes (1: in this process), or
    on the given `pools` (one process each; `workers` is then not used).

    Each process is its own one-worker pool, so that the planner can give a process the
    next chunk of the point it is already warm for. Given `pools` (from `worker_pools`)
    are kept open after the run: their processes keep their compiled scenarios warm for
    the next one (the browser explorer's clicks). `started()` is called once every process
    has been forked (a pool forks its process with its first chunk)."""
    if workers == 1 and pools is None:
        if started is not None:
            started()
        while (chunk := planner.next()) is not None:
            partial = run_chunk(compiled_for(cargo.scenario(chunk.point)), chunk)
            planner.observe(partial)
            yield partial
        return
    own = pools is None
    pools = worker_pools(workers) if pools is None else pools
    pending: dict[Future, int] = {}
    try:
        def submit(slot: int) -> None:
            chunk = planner.next(slot)
            if chunk is not None:
                k = chunk.point
                pending[pools[slot].submit(_run, cargo.key(k), cargo.blob(k), chunk)] = slot

        for _ in range(2):
            for slot in range(len(pools)):
                submit(slot)
        if started is not None:
            started()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                slot = pending.pop(future)
                partial = future.result()
                planner.observe(partial)
                submit(slot)
                yield partial
    finally:
        if own:
            for pool in pools:
                pool.shutdown(wait=False, cancel_futures=True)
            for pool in pools:
                pool.shutdown(wait=True)
        else:  # kept open: only this run's chunks not yet started are dropped
            for future in pending:
                future.cancel()
