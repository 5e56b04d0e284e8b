"""How `negsim serve` starts worker processes, and its one spare worker for pages.

Why not fork them from the server, as `negsim run` does: a process forked from a running
server keeps a copy of its listening socket and its SIGTERM handler. After a crash (kill
-9, the out-of-memory killer, a closed laptop lid) such workers kept the port taken, so
`negsim serve` could not start again, and ignored a plain `kill`. A fork server is a clean
process, started once, that imports the simulator once and then forks each worker: as
quick as a fork after its first start, with nothing of the server's inherited. Each worker
ends when the server is gone (`sim.studies.pool._end_with`).
"""
from __future__ import annotations

import asyncio
import multiprocessing
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Callable

from ...studies.pool import worker_pools

NICE = 10 if sys.platform.startswith("linux") else 0  # a class's games stay quick
PRELOAD = ["sim.studies.pool", "sim.play.classview"]  # what the fork server imports once


def server_context() -> BaseContext:
    """How the server starts its worker processes: from a fork server (a clean process
    started once, which imports the simulator once, then forks each worker), or by spawn
    where there is none. Never forked from the server itself: a forked worker kept a copy
    of the listening socket, so after a crash (kill -9, the out-of-memory killer) the port
    stayed taken and `negsim serve` could not start again."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


class Spare:
    """One worker process for a page's own heavy computation (the class view's model runs),
    started like the runner's; NiceGUI's `run.cpu_bound` forks its workers from the
    server, with the listening socket and the server's SIGTERM handler."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    async def call(self, fn: Callable, *args):
        """`fn(*args)` in the worker, awaited; a worker that died is replaced next time."""
        with self._lock:
            if self._pool is None:
                self._pool, = worker_pools(1, server_context(), NICE)
            pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(fn, *args))
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            raise

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


spare = Spare()  # the server's one, shut down with it (`sim.web.app`)
