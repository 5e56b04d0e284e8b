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

from ..files.errors import InputError, install_hint
from ..model import limits
from ..model.scenario import Scenario
from .chunks import Cargo, Chunk, Kept, Partial, Planner, run_chunk

TIMEOUT = 2.0          # seconds to reach the scheduler, unless NEGSIM_DASK_TIMEOUT says
REFRESH = 2.0          # seconds between looks at how many worker threads there are
TARGET = 0.6           # seconds of work per chunk: a Dask task costs ~10x a local one
WORKERS_WAIT = 3600.0  # seconds to wait for a first worker (a batch queue can be slow)
ADDRESS = re.compile(r"^(?:(tcp|tls|ws|wss|ucx)://)?(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})$")
WHERE = "command line (--dask, or NEGSIM_DASK)"

_clients: dict[str, Any] = {}
_kept = Kept()  # on each worker: scenario content key -> Compiled


MAX_TIMEOUT = 3600.0


def timeout() -> float:
    text = os.environ.get("NEGSIM_DASK_TIMEOUT", "")
    try:
        value = float(text) if text else TIMEOUT
        if not 0 < value <= MAX_TIMEOUT:
            raise ValueError
    except ValueError:
        raise InputError.one(f"NEGSIM_DASK_TIMEOUT should be a number of seconds above 0 and "
                             f"at most {MAX_TIMEOUT:g} (an hour: a scheduler that has not "
                             f"answered by then is not coming); got '{limits.shown(text)}'.",
                             "environment")
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
        raise InputError.one(f"--dask needs Dask: {install_hint('dask')}.", WHERE)
    try:
        _clients[address] = Client(address, timeout=f"{wait}s", set_as_default=False)
    except Exception as exc:  # refused, timed out, a stranger on the port: all unreachable
        raise InputError.one(f"cannot reach the Dask scheduler at {address} within {wait:g} "
                             f"s ({type(exc).__name__}: {exc}). Start one with `dask "
                             f"scheduler` and workers with `dask worker ADDRESS`, set "
                             f"NEGSIM_DASK_TIMEOUT to wait longer, or drop --dask.", WHERE)
    return _clients[address]


def run_chunk_on_worker(scenario: Scenario, key: str, chunk: Chunk) -> Partial:
    cold = key not in _kept
    partial = run_chunk(_kept.get(key, lambda: scenario), chunk)
    partial.cold = cold
    return partial


def dask_partials(address: str, cargo: Cargo, planner: Planner,
                  retries: int = 3) -> Iterator[Partial]:
    """Yield each chunk's partial as it completes, with two chunks in flight per worker
    thread (a slot), each slot kept on its point (see `Planner`); the slots are recounted
    as workers join or leave (e.g. on a batch system). A chunk prefers its slot's worker
    but may run on any, so a lost worker's chunks run elsewhere."""
    from distributed import as_completed
    c = client(address)
    planner.target = TARGET
    slots: list[tuple[str, int]] = []
    looked = -REFRESH
    owner: dict[str, tuple[str, int]] = {}   # task key -> slot
    in_flight: dict[tuple[str, int], int] = {}
    running = as_completed(loop=c.loop, with_results=True)

    def recount() -> None:
        nonlocal looked, slots
        if time.monotonic() - looked < REFRESH:
            return
        if not owner and not c.nthreads():
            c.wait_for_workers(1, timeout=WORKERS_WAIT)
        looked = time.monotonic()
        slots = [(w, i) for w, k in sorted(c.nthreads().items()) for i in range(k)]
        planner.workers = max(1, len(slots))

    def submit(slot: tuple[str, int]) -> bool:
        chunk = planner.next(slot)
        if chunk is None:
            return False
        k = chunk.point
        if k not in cargo.remote:
            cargo.remote[k] = c.scatter(cargo.scenario(k), broadcast=True, hash=False,
                                        timeout=WORKERS_WAIT)
        future = c.submit(run_chunk_on_worker, cargo.remote[k], cargo.key(k), chunk,
                          workers=[slot[0]], allow_other_workers=True, retries=retries,
                          pure=False)
        owner[future.key] = slot
        in_flight[slot] = in_flight.get(slot, 0) + 1
        running.add(future)
        return True

    try:
        while True:
            try:
                recount()
                for slot in slots:
                    while in_flight.get(slot, 0) < 2 and submit(slot):
                        pass
            except TimeoutError:
                raise InputError.one(f"no Dask worker joined the scheduler at {address} "
                                     f"within {WORKERS_WAIT:g} s: start some with `dask "
                                     f"worker {address}`.", WHERE)
            if not owner:
                if planner.left <= 0:
                    return
                looked = -REFRESH  # work left and no slot took it: look for workers again
                continue
            future, partial = next(running)
            if future.status != "finished":  # cancelled: the scheduler restarted or went
                raise InputError.one(f"the Dask scheduler at {address} dropped a task "
                                     f"({future.status}: {partial}); run again when the "
                                     f"cluster is up (a sweep or sensitivity run can "
                                     f"--resume).", WHERE)
            slot = owner.pop(future.key)
            in_flight[slot] -= 1
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
