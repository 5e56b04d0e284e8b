"""A chunk of replications, run where a worker is, and the compact partial it returns.

Why partials: a worker (a local process or a Dask worker on another machine) folds its
replications into a `Summary` and compact columns, so what travels back is small and the
client merges it in any order with the same result. Replication i depends only on
(scenario, seed, i), so the numbers do not depend on how the work is cut or who runs it.
"""
from __future__ import annotations

import time
from array import array
from dataclasses import dataclass, field

from ..engine import Compiled, Record, first_day_index, replicate
from .rows import row
from .summary import Summary

NO_MEETING = -1
MIN_CHUNK = 10


@dataclass(frozen=True)
class Chunk:
    """Replications start..stop-1 with `seed`; the first `trace_k` keep their trace (and
    replication 0 always does: a figure shows it); `rows`: make the CSV rows."""

    start: int
    stop: int
    seed: int
    trace_k: int = 0
    rows: bool = False


@dataclass
class Partial:
    start: int
    stop: int
    summary: Summary
    days: array                      # first-meeting day per replication, NO_MEETING if none
    rows: list[tuple] = field(default_factory=list)
    traced: list[Record] = field(default_factory=list)
    seconds: float = 0.0             # the worker's time, to size the next chunks


def run_chunk(compiled: Compiled, chunk: Chunk) -> Partial:
    began = time.perf_counter()
    summary, days, rows, traced = Summary(), array("h"), [], []
    for i in range(chunk.start, chunk.stop):
        keep = i == 0 or i < chunk.trace_k
        r = replicate(compiled, i, chunk.seed, trace=keep)
        summary.add(r)
        day = first_day_index(r)
        days.append(NO_MEETING if day is None else day)
        if chunk.rows:
            rows.append(row(r, compiled.scenario))
        if keep:
            traced.append(r)
    return Partial(chunk.start, chunk.stop, summary, days, rows, traced,
                   time.perf_counter() - began)


class Planner:
    """Cuts N replications into chunks sized by time: a first small chunk measures the
    rate, then each chunk aims at `target` seconds of work, shrinking at the end so that
    every worker finishes at about the same time."""

    def __init__(self, n: int, seed: int, workers: int, trace_k: int = 0, rows: bool = False,
                 target: float = 0.3, first: int = 20):
        self.n, self.seed, self.workers = n, seed, max(1, workers)
        self.trace_k, self.rows, self.target = trace_k, rows, target
        self.next_start = 0
        self.size = first
        self.rate: float | None = None

    def observe(self, partial: Partial) -> None:
        if partial.seconds > 0:
            rate = (partial.stop - partial.start) / partial.seconds
            self.rate = rate if self.rate is None else 0.5 * (self.rate + rate)

    def next(self) -> Chunk | None:
        left = self.n - self.next_start
        if left <= 0:
            return None
        size = self.size if self.rate is None else int(self.rate * self.target)
        share = -(-left // (2 * self.workers))  # ceil: leave work for every worker
        size = min(left, max(MIN_CHUNK, min(size, share)))
        chunk = Chunk(self.next_start, self.next_start + size, self.seed, self.trace_k,
                      self.rows)
        self.next_start += size
        return chunk
