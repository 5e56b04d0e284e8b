"""Running replications on a Dask cluster (`--dask ADDRESS` or NEGSIM_DASK=ADDRESS).

The same batches as the local pool go to `dask.distributed` workers; results come back in
replication order, so the numbers are identical to the last digit whichever executor runs
them. A batch is one task: if its worker is lost, Dask retries it (`retries`), and since a
batch is a pure function of (scenario, replications, seed) a retry gives the same records
and is consumed once. Dask is optional: `pip install 'negsim[dask]'`.
"""
from __future__ import annotations

import hashlib
import pickle
from collections import deque
from typing import Any, Iterable, Iterator

from ..engine import Compiled, Record, replicate
from ..files.errors import InputError
from ..model.scenario import Scenario

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


def run_batch_on_worker(scenario: Scenario, key: str, start: int, stop: int, seed: int,
                        trace_k: int) -> list[Record]:
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = Compiled(scenario)
    return [replicate(compiled, i, seed, trace=i < max(trace_k, 1)) for i in range(start, stop)]


def dask_batches(address: str, scenario: Scenario, batches: Iterable[tuple[int, int]],
                 seed: int, trace_k: int, retries: int = 3) -> Iterator[list[Record]]:
    """Yield each batch's records, in order, with a bounded number of batches in flight."""
    c = client(address)
    key = hashlib.sha256(pickle.dumps(scenario)).hexdigest()
    shared = c.scatter(scenario, broadcast=True, hash=False)
    in_flight = max(2, 2 * sum(c.nthreads().values()))
    todo = iter(batches)
    pending: deque = deque()

    def submit(batch: tuple[int, int]) -> None:
        pending.append(c.submit(run_batch_on_worker, shared, key, *batch, seed, trace_k,
                                retries=retries, pure=False))

    for batch in todo:
        submit(batch)
        if len(pending) >= in_flight:
            break
    try:
        while pending:
            records = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                submit(nxt)
            yield records
    finally:
        for future in pending:
            future.cancel()


def close_all() -> None:
    """Close every client this process opened (the CLI calls it when a command ends)."""
    while _clients:
        _, c = _clients.popitem()
        c.close()
