"""A chunk of replications, run where a worker is, and the compact partial it returns.

Why partials: a worker (a local process or a Dask worker on another machine) folds its
replications into a `Summary` and compact columns, so what travels back is small and the
client merges it in any order with the same result. Replication i of a point depends only
on (scenario, seed, i), so the numbers do not depend on how the work is cut or who runs it.

Several points (the grid of a sweep, the design of a sensitivity run) go as one stream of
chunks: a chunk names its point, and a worker keeps one `Compiled` per scenario it meets.
"""
from __future__ import annotations

import hashlib
import pickle
import time
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Sequence, Union

from ..engine import Compiled, Record, first_day_index, replicate
from ..model.scenario import Scenario
from .rows import draw_columns, row
from .summary import Summary

NO_MEETING = -1
MIN_CHUNK = 10
KEPT = 8  # Compiled scenarios a worker keeps: a stream has only a few points in flight


@dataclass(frozen=True)
class Chunk:
    """Replications start..stop-1 of `point` with `seed`; the first `trace_k` keep their
    trace (and replication 0 always does: a figure shows it); `rows`: make the CSV rows."""

    start: int
    stop: int
    seed: int
    trace_k: int = 0
    rows: bool = False
    point: int = 0


@dataclass
class Partial:
    start: int
    stop: int
    summary: Summary
    days: array                      # first-meeting day per replication, NO_MEETING if none
    rows: list[tuple] = field(default_factory=list)
    traced: list[Record] = field(default_factory=list)
    seconds: float = 0.0             # the worker's time, to size the next chunks
    point: int = 0
    cold: bool = False               # the worker compiled the scenario for this chunk


def run_chunk(compiled: Compiled, chunk: Chunk) -> Partial:
    began = time.perf_counter()
    summary, days, rows, traced = Summary(), array("h"), [], []
    names = draw_columns(compiled.scenario)
    for i in range(chunk.start, chunk.stop):
        keep = i == 0 or i < chunk.trace_k
        r = replicate(compiled, i, chunk.seed, trace=keep)
        summary.add(r)
        day = first_day_index(r)
        days.append(NO_MEETING if day is None else day)
        if chunk.rows:
            rows.append(row(r, compiled.scenario, names))
        if keep:
            traced.append(r)
    return Partial(chunk.start, chunk.stop, summary, days, rows, traced,
                   time.perf_counter() - began, chunk.point)


class Kept:
    """A worker's `Compiled` scenarios by content key, the most recently used kept: the
    scenario is compiled once per worker, and a long stream of points does not pile up."""

    def __init__(self, size: int = KEPT):
        self.size = size
        self.found: OrderedDict[str, Compiled] = OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self.found

    def get(self, key: str, scenario: Callable[[], Scenario]) -> Compiled:
        compiled = self.found.get(key)
        if compiled is None:
            compiled = self.found[key] = Compiled(scenario())
            while len(self.found) > self.size:
                self.found.popitem(last=False)
        self.found.move_to_end(key)
        return compiled


Source = Union[Scenario, Callable[[], Scenario]]


class Cargo:
    """The scenarios of a stream of points, each loaded (if given as a loader) and pickled
    only when its first chunk goes out, and dropped once the point is done, so a Sobol
    design of thousands of points never sits in memory. `remote` is where an executor
    keeps what it shipped for a point (a Dask future)."""

    def __init__(self, sources: Sequence[Source]):
        self.sources = list(sources)
        self.loaded: dict[int, tuple[Scenario, str, bytes]] = {}
        self.remote: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self.sources)

    def _load(self, point: int) -> tuple[Scenario, str, bytes]:
        found = self.loaded.get(point)
        if found is None:
            source = self.sources[point]
            scenario = source if isinstance(source, Scenario) else source()
            blob = pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL)
            found = self.loaded[point] = (scenario, hashlib.sha256(blob).hexdigest(), blob)
        return found

    def scenario(self, point: int) -> Scenario:
        return self._load(point)[0]

    def key(self, point: int) -> str:
        return self._load(point)[1]

    def blob(self, point: int) -> bytes:
        return self._load(point)[2]

    def release(self, point: int) -> None:
        self.loaded.pop(point, None)
        self.remote.pop(point, None)
        self.sources[point] = None  # type: ignore[call-overload]


class Planner:
    """Cuts N replications of each of `points` scenarios into chunks sized by time: a first
    small chunk measures the rate, then each chunk aims at `target` seconds of work,
    shrinking at the end so that every worker finishes at about the same time.

    Why slots: a worker's first replications of a scenario are slow (its `Compiled` fills
    its memo tables), so each slot (a worker process, or a thread of a Dask worker) stays
    on its own point until that point is handed out, then starts a fresh one; only when
    none is left does it help with the point that has most left. A chunk never spans two
    points."""

    def __init__(self, n: int, seed: int, workers: int, trace_k: int = 0, rows: bool = False,
                 target: float = 0.3, first: int = 20, points: int = 1, stay: bool = True):
        self.n, self.seed, self.workers, self.stay = n, seed, max(1, workers), stay
        self.trace_k, self.rows, self.target = trace_k, rows, target
        self.points = points if n > 0 else 0
        self.fresh = 0                     # the next point no slot has started
        self.started: dict[int, int] = {}  # point -> next start, while some are left
        self.mine: dict[Hashable, int] = {}  # slot -> the point it works on
        self.left = n * self.points
        self.size = first
        self.rate: float | None = None

    def observe(self, partial: Partial) -> None:
        if partial.seconds > 0:
            rate = (partial.stop - partial.start) / partial.seconds
            self.rate = rate if self.rate is None else 0.5 * (self.rate + rate)

    def _pick(self) -> int | None:
        if self.fresh < self.points:
            self.started[self.fresh] = 0
            self.fresh += 1
            return self.fresh - 1
        if self.started:  # help the point with the most left (the first, on a tie)
            return min(self.started, key=lambda p: (self.started[p], p))
        return None

    def next(self, slot: Hashable = 0) -> Chunk | None:
        """The next chunk for `slot` (stay=False: every slot as one, point after point)."""
        point = self.mine.get(slot if self.stay else 0)
        if point is None or point not in self.started:
            point = self._pick()
            if point is None:
                return None
            self.mine[slot if self.stay else 0] = point
        start = self.started[point]
        size = self.size if self.rate is None else int(self.rate * self.target)
        share = -(-self.left // (2 * self.workers))  # ceil: leave work for every worker
        size = min(self.n - start, max(MIN_CHUNK, min(size, share)))
        self.left -= size
        if start + size < self.n:
            self.started[point] = start + size
        else:
            del self.started[point]
        return Chunk(start, start + size, self.seed, self.trace_k, self.rows, point)
