"""Running replications on a Dask cluster (`--dask ADDRESS` or NEGSIM_DASK=ADDRESS).

Chunks of replications go to `dask.distributed` workers, each returning a compact partial
(a summary and columns), gathered in the background and taken as they complete; the
numbers are identical to the last digit whichever executor runs them. Each point's
scenario is scattered to every worker once (and released when the point is done); a worker
compiles it once. A chunk is one task: if its worker is lost, Dask runs it again elsewhere,
and since a chunk is a pure function of (scenario, replications, seed) the rerun gives the
same partial, merged once. Dask is optional: `pip install 'negsim[dask]'`.
"""
from __future__ import annotations

import os
import re
import time
from typing import Any, Iterator

from ..files.errors import InputError
from ..model.scenario import Scenario
from .chunks import Cargo, Chunk, Kept, Partial, Planner, run_chunk

TIMEOUT = 2.0          # seconds to reach the scheduler, unless NEGSIM_DASK_TIMEOUT says
REFRESH = 2.0          # seconds between looks at how many worker threads there are
WORKERS_WAIT = 3600.0  # seconds to wait for a first worker (a batch queue can be slow)
ADDRESS = re.compile(r"^(?:(tcp|tls|ws|wss|ucx)://)?(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})$")
WHERE = "command line (--dask, or NEGSIM_DASK)"

_clients: dict[str, Any] = {}
_kept = Kept()  # on each worker: scenario content key -> Compiled


def timeout() -> float:
    text = os.environ.get("NEGSIM_DASK_TIMEOUT", "")
    try:
        value = float(text) if text else TIMEOUT
        if not value > 0:
            raise ValueError
    except ValueError:
        raise InputError.one(f"NEGSIM_DASK_TIMEOUT should be a number of seconds above 0, "
                             f"got '{text}'.", "environment")
    return value


def check_address(address: str) -> None:
    """A scheduler address is [PROTOCOL://]HOST:PORT; anything else is a typo to report
    at once, not a connection to wait for."""
    if not ADDRESS.match(address.strip()):
        raise InputError.one(f"'{address}' is not a Dask scheduler address: expected "
                             f"tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786 (the address "
                             f"`dask scheduler` prints).", WHERE)


def client(address: str):
    """A connected client, reused for every experiment of this process; a scheduler that
    does not answer within NEGSIM_DASK_TIMEOUT seconds (default 2) is an error, not a hang."""
    address = address.strip()
    if address in _clients:
        return _clients[address]
    check_address(address)
    wait = timeout()
    try:
        from distributed import Client
    except ImportError:
        raise InputError.one("--dask needs Dask: pip install 'negsim[dask]'.", WHERE)
    try:
        _clients[address] = Client(address, timeout=f"{wait}s", set_as_default=False)
    except Exception as exc:  # refused, timed out, a stranger on the port: all unreachable
        raise InputError.one(f"cannot reach the Dask scheduler at {address} within {wait:g} "
                             f"s ({type(exc).__name__}: {exc}). Start one with `dask "
                             f"scheduler` and workers with `dask worker ADDRESS`, set "
                             f"NEGSIM_DASK_TIMEOUT to wait longer, or drop --dask.", WHERE)
    return _clients[address]


def run_chunk_on_worker(scenario: Scenario, key: str, chunk: Chunk) -> Partial:
    return run_chunk(_kept.get(key, lambda: scenario), chunk)


def dask_partials(address: str, cargo: Cargo, planner: Planner,
                  retries: int = 3) -> Iterator[Partial]:
    """Yield each chunk's partial as it completes, with two chunks per worker thread in
    flight (recounted as workers join or leave, e.g. on a batch system)."""
    from distributed import as_completed
    c = client(address)
    looked = 0.0

    def threads() -> int:
        nonlocal looked
        if time.monotonic() - looked > REFRESH:
            looked = time.monotonic()
            planner.workers = max(1, sum(c.nthreads().values()))
        return planner.workers

    def submit(chunk: Chunk):
        k = chunk.point
        if k not in cargo.remote:
            try:
                cargo.remote[k] = c.scatter(cargo.scenario(k), broadcast=True, hash=False,
                                            timeout=WORKERS_WAIT)
            except TimeoutError:
                raise InputError.one(f"no Dask worker joined the scheduler at {address} "
                                     f"within {WORKERS_WAIT:g} s: start some with `dask "
                                     f"worker {address}`.", WHERE)
        return c.submit(run_chunk_on_worker, cargo.remote[k], cargo.key(k), chunk,
                        retries=retries, pure=False)

    running = as_completed(loop=c.loop, with_results=True)
    in_flight = 0
    try:
        while True:
            while in_flight < 2 * threads() and (chunk := planner.next()) is not None:
                running.add(submit(chunk))
                in_flight += 1
            if not in_flight:
                return
            _, partial = next(running)
            in_flight -= 1
            planner.observe(partial)
            yield partial
    finally:
        for future in list(running.futures):
            future.cancel()


def close_all() -> None:
    """Close every client this process opened (the CLI calls it when a command ends)."""
    while _clients:
        _, c = _clients.popitem()
        c.close()
