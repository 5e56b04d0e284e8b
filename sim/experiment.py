"""Experiments: N replications of a scenario, over a process pool, aggregated as they stream.

Replication i draws everything from (seed, i), and results are consumed in replication
order, so the numbers (and the CSV rows) are identical whatever the number of workers.
At most a few batches are in flight at once and each record is folded into a `Summary`
and handed to the sink, then dropped: memory does not grow with N.
"""
from __future__ import annotations

import math
import os
import signal
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .engine import Compiled, Record, first_day_index, replicate
from .scenario import Scenario

Sink = Callable[[Record], None]


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95% Wilson score interval for a proportion k/n (sound near 0 and 1, unlike Wald)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def format_key(fmt: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(fmt.items())


@dataclass
class Summary:
    """Running totals over replications; every field is bounded by the model, not by N."""

    n: int = 0
    met: int = 0
    first_days: Counter = field(default_factory=Counter)      # day index -> replications
    first_formats: Counter = field(default_factory=Counter)   # format key -> replications
    refusals: Counter = field(default_factory=Counter)        # (actor, reason) -> refusals
    cancel_reasons: Counter = field(default_factory=Counter)
    cancellations: int = 0
    proposals: int = 0
    meetings_held: int = 0
    events: int = 0
    messages: int = 0

    def add(self, r: Record) -> None:
        self.n += 1
        self.proposals += r.proposals
        self.cancellations += r.cancellations
        self.meetings_held += r.meetings_held
        self.events += r.events
        self.messages += r.messages
        self.refusals.update(r.refusals)
        self.cancel_reasons.update(r.cancel_reasons)
        if r.met:
            self.met += 1
            self.first_days[first_day_index(r)] += 1
            self.first_formats[format_key(r.first_format)] += 1

    @property
    def p_meeting(self) -> float:
        return self.met / self.n if self.n else 0.0

    @property
    def p_meeting_ci(self) -> tuple[float, float]:
        return wilson(self.met, self.n)

    @property
    def median_days(self) -> float | None:
        """Median day of the first meeting, among replications that had one."""
        if not self.met:
            return None
        days = sorted(self.first_days.elements())
        mid = len(days) // 2
        return float(days[mid]) if len(days) % 2 else (days[mid - 1] + days[mid]) / 2

    def refusals_by_actor(self) -> dict[str, dict[str, int]]:
        """{actor: {reason id: refusals}}, sorted by actor and reason."""
        by_actor: dict[str, dict[str, int]] = {}
        for (actor, reason), count in sorted(self.refusals.items()):
            by_actor.setdefault(actor, {})[reason] = count
        return by_actor

    def to_json(self) -> dict:
        lo, hi = self.p_meeting_ci
        return {
            "p_meeting": round(self.p_meeting, 6),
            "p_meeting_ci": [round(lo, 6), round(hi, 6)],
            "median_days_to_first_meeting": self.median_days,
            "first_meeting_formats": [
                {"format": dict(key), "share": round(count / self.n, 6)}
                for key, count in sorted(self.first_formats.items(),
                                         key=lambda kv: (-kv[1], kv[0]))],
            "refusals": self.refusals_by_actor(),
            "cancellations": self.cancellations,
        }


# --- running replications -----------------------------------------------------------------

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
        from .distributed import dask_batches
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


@dataclass
class Experiment:
    """The result of `run`: the scenario, the settings, and the aggregated summary."""

    scenario: str
    seed: int
    replications: int
    summary: Summary
    results_dir: str | None = None
    example: Record | None = None  # replication 0, with its trace

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "seed": self.seed,
                "replications": self.replications, **self.summary.to_json(),
                "results_dir": self.results_dir}

    def to_records(self) -> list[dict]:
        """First-meeting formats as flat records (for tables and dataframes)."""
        return [{**f["format"], "share": f["share"]}
                for f in self.summary.to_json()["first_meeting_formats"]]


def run(scenario: Scenario, n: int | None = None, seed: int | None = None,
        workers: int | None = None, trace_k: int = 0, sink: Sink | None = None,
        progress: Callable[[int, int], None] | None = None,
        dask: str | None = None) -> Experiment:
    """Run an experiment: every record goes to `sink` (e.g. a CSV writer) and the summary."""
    n = scenario.spec.replications if n is None else n
    seed = scenario.spec.seed if seed is None else seed
    summary = Summary()
    example = None
    records = run_replications(scenario, n, seed, workers, trace_k, dask=dask)
    for i, record in enumerate(records, 1):
        summary.add(record)
        if record.replication == 0:
            example = record
        if sink is not None:
            sink(record)
        if 0 < record.replication and record.replication >= trace_k:
            record.trace = None  # written by the sink; not kept in memory
        if progress is not None:
            progress(i, n)
    return Experiment(scenario.name, seed, n, summary, example=example)
