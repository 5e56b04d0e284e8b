"""Running replications on a Dask cluster (`--dask ADDRESS` or NEGSIM_DASK=ADDRESS).

Chunks of replications go to `dask.distributed` workers, each returning a compact partial
(a summary and columns), taken as they complete; the numbers are identical to the last
digit whichever executor runs them. A chunk is one task: if its worker is lost, Dask
retries it (`retries`), and since a chunk is a pure function of (scenario, replications,
seed) a retry gives the same partial and is merged once. Dask is optional: `pip install 'negsim[dask]'`.
"""
from __future__ import annotations

import hashlib
import pickle
from typing import Any, Iterator

from ..engine import Compiled
from ..files.errors import InputError
from ..model.scenario import Scenario
from .chunks import Chunk, Partial, Planner, run_chunk

_clients: dict[str, Any] = {}
_compiled: dict[str, Compiled] = {}  # on each worker: scenario content hash -> Compiled


def client(address: str):
    """A connected client, reused for every experiment of this process."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError.one("--dask needs Dask: pip install 'negsim[dask]'.", "command line")
    if address not in _clients:
        try:
            _clients[address] = Client(address, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError.one(f"cannot reach the Dask scheduler at {address} ({exc}). Start "
                                 f"one with `dask scheduler` and workers with `dask worker "
                                 f"ADDRESS`, or drop --dask.", "command line (--dask)")
    return _clients[address]


def run_chunk_on_worker(scenario: Scenario, key: str, chunk: Chunk) -> Partial:
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = Compiled(scenario)
    return run_chunk(compiled, chunk)


def dask_partials(address: str, scenario: Scenario, planner: Planner,
                  retries: int = 3) -> Iterator[Partial]:
    """Yield each chunk's partial as it completes, with two chunks per worker thread in
    flight; the scenario is sent to every worker once."""
    from distributed import as_completed
    c = client(address)
    key = hashlib.sha256(pickle.dumps(scenario)).hexdigest()
    shared = c.scatter(scenario, broadcast=True, hash=False)
    planner.workers = max(1, sum(c.nthreads().values()))

    def submit(chunk: Chunk | None):
        return None if chunk is None else c.submit(
            run_chunk_on_worker, shared, key, chunk, retries=retries, pure=False)

    first = [f for f in (submit(planner.next()) for _ in range(2 * planner.workers)) if f]
    running = as_completed(first)
    try:
        for future in running:
            partial = future.result()
            planner.observe(partial)
            nxt = submit(planner.next())
            if nxt is not None:
                running.add(nxt)
            yield partial
    finally:
        for future in running.futures:
            future.cancel()


def close_all() -> None:
    """Close every client this process opened (the CLI calls it when a command ends)."""
    while _clients:
        _, c = _clients.popitem()
        c.close()
