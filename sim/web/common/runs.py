"""Run: the what-if beside the unchanged scenario, on the same seeds, within the caps.

Why the same seeds: replication i of both draws from the same streams (common random
numbers), so the two curves differ by the change and not by noise. Why caps: a classroom
shares one server on a laptop; one student asking for a million replications, or thirty
pressing Run at once, must get a clear message, not stall everyone.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import weakref
from collections import OrderedDict
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable

from ...model.scenario import Scenario
from ...outputs import analysis
from ...studies.chunks import NO_MEETING
from ...studies.experiment import Experiment
from ...studies.paired import Difference
from ...studies.paired import paired_difference as paired_interval
from ...studies.points import run_points
from ...studies.pool import default_workers, worker_pools
from .gate import Gate, RunRefused, Waiting
from .workers import NICE, server_context

__all__ = ["Caps", "Gate", "RunRefused", "Runner", "Waiting", "check_replications",
           "check_seed"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Caps:
    max_replications: int = 5000
    max_runs: int = 2  # runs at the same time, over all browsers
    max_queued: int = 8  # runs waiting their turn beyond those; more are refused


def check_replications(n: object, caps: Caps) -> int:
    """N as a whole number from 1 to the cap, or RunRefused saying what is allowed."""
    try:
        value = int(n)  # type: ignore[call-overload]
        whole = float(n) == value  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        value, whole = 0, False
    if not whole or not 1 <= value <= caps.max_replications:
        raise RunRefused(f"Replications must be a whole number from 1 to "
                         f"{caps.max_replications:,} on this server (got {typed(n)}).")
    return value


def typed(value: object) -> str:
    """What a number field held, as its reader typed it: 'nothing', '-1' (NiceGUI hands
    over -1.0), '12.5'."""
    if value in (None, ""):
        return "nothing"
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def check_seed(seed: object) -> int:
    """The seed as a whole number, 0 or more, or RunRefused."""
    try:
        value = int(seed)  # type: ignore[call-overload]
        whole = float(seed) == value  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        value, whole = -1, False
    if not whole or value < 0:
        raise RunRefused(f"The seed must be a whole number, 0 or more (got {typed(seed)}).")
    return value


@dataclass(frozen=True)
class Comparison:
    """The what-if and the unchanged scenario, N replications each, the same seed."""

    whatif: Experiment
    base: Experiment
    start: dt.date
    horizon: int
    difference: Difference  # the what-if minus the base, paired, with its interval

    def curves(self) -> tuple[list[str], analysis.Ecdf, analysis.Ecdf]:
        """Dates, and P(first meeting by that date) for the what-if and the base."""
        dates = [(self.start + dt.timedelta(days=d)).isoformat()
                 for d in range(self.horizon + 1)]
        return (dates, analysis.ecdf(self.whatif.summary, self.horizon),
                analysis.ecdf(self.base.summary, self.horizon))


@dataclass(frozen=True)
class Paired:
    """Replication by replication: where one side meets and the other does not."""

    n: int
    only_whatif: int  # the what-if meets, the unchanged scenario does not
    only_base: int    # the reverse
    both: int

    @property
    def difference(self) -> float:
        """P(meeting) of the what-if minus the base's, from the same pairs."""
        return (self.only_whatif - self.only_base) / self.n if self.n else 0.0


def paired_difference(whatif: Experiment, base: Experiment) -> Paired:
    """The explorer's count of pairs: the replications that meet on one side only (exact
    counts, which the page shows with their difference). The difference's interval is the
    paired bootstrap of `sim.studies.paired`, computed in `Runner.compare`."""
    if whatif.replications != base.replications or whatif.seed != base.seed:
        raise ValueError("paired runs need the same replications and seed")
    only_w = only_b = both = 0
    for w, b in zip(whatif.days, base.days):
        met_w, met_b = w != NO_MEETING, b != NO_MEETING
        only_w += met_w and not met_b
        only_b += met_b and not met_w
        both += met_w and met_b
    return Paired(len(whatif.days), only_w, only_b, both)


def gently(run: Callable, *args, **kwargs):
    """`run(...)` with a lower priority, so that a class's games stay quick while someone
    runs a what-if on the same laptop: on Linux, in a thread of its own at nice 10 (the
    worker processes take the same priority as they start, `NICE`; elsewhere, `os.nice`
    would slow the whole server, so it runs as it is)."""
    if not sys.platform.startswith("linux"):
        return run(*args, **kwargs)
    box: dict = {}

    def target() -> None:
        try:
            os.nice(10)
            box["value"] = run(*args, **kwargs)
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc
    thread = threading.Thread(target=target, name="negsim-run")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _shut(pools: list) -> None:
    for pool in pools:
        pool.shutdown(wait=False, cancel_futures=True)


class Runner:
    """Runs comparisons for every browser: checks the caps, keeps the last few baseline
    runs (the unchanged scenario does not change between a student's clicks), and keeps
    its worker processes between runs, so a scenario they have run stays compiled and
    warm in them (a first what-if then warms up only for what changed); `warm` runs a
    scenario unchanged ahead of the first click."""

    def __init__(self, caps: Caps, workers: int | None = None, keep: int = 8):
        self.caps = caps
        self.gate = Gate(caps.max_runs, caps.max_queued)
        self.workers = workers
        self.keep = keep
        self._bases: OrderedDict[tuple, Experiment] = OrderedDict()
        self._lock = threading.Lock()
        self._pools: list | None = None
        self._closer: weakref.finalize | None = None
        self.closed = False  # the server has stopped: no more runs start

    def pools(self) -> list:
        """The worker pools, made on first use (their processes start with their first
        chunk, inside `gently`, so they keep its lower priority)."""
        with self._lock:
            if self.closed:  # a warm-up or Run that raced the server's stop starts no workers
                raise RunRefused("The server is stopping.")
            if self._pools is None:
                self._pools = worker_pools(self.workers or default_workers(),
                                           server_context(), NICE)
                self._closer = weakref.finalize(self, _shut, self._pools)
            return self._pools

    def _run(self, scenarios: list[Scenario], count: int, seed: int,
             progress: Callable[[int, int], None] | None = None) -> list[Experiment]:
        """`run_points` on the kept workers. A worker process that died (killed, out of
        memory) breaks its pool for good: the pools are then dropped, the next run starts
        fresh ones, and this run is refused with a message instead of hanging the page."""
        pools = self.pools()
        try:
            return gently(run_points, scenarios, count, seed, progress=progress, pools=pools)
        except BrokenProcessPool:
            with self._lock:
                if self._pools is pools:  # not already replaced by another run
                    self._pools = None
                    if self._closer is not None:
                        self._closer()
            raise RunRefused("A worker process of the server stopped during the run. "
                             "Press Run again: new workers start.") from None

    def warm(self, scenario: Scenario) -> None:
        """Run `scenario` unchanged as the page first offers it (its own N, within the cap,
        and its seed) and keep that run: the worker processes start and compile it, and
        a class's first what-if on it runs only the what-if. It counts as a run against the
        cap; when students are already running, or the server stops, it gives way."""
        count = min(scenario.spec.replications, self.caps.max_replications)
        key = (scenario.digest, count, scenario.spec.seed)
        with self._lock:
            if key in self._bases or self.closed:
                return
        if not self.gate.try_enter():
            return  # busy: the students' own runs start and warm the workers
        try:
            base, = self._run([scenario], count, scenario.spec.seed)
        except RunRefused:
            return  # a worker died: the next run starts fresh ones
        except Exception:
            if self.closed:
                return  # the server stopped during the warm-up: nothing to keep
            raise
        finally:
            self.gate.leave()
        self._keep(key, base)

    def _keep(self, key: tuple, base: Experiment) -> None:
        with self._lock:
            self._bases[key] = base
            while len(self._bases) > self.keep:
                self._bases.popitem(last=False)

    def close(self) -> None:
        self.closed = True
        if self._closer is not None:
            self._closer()

    def compare(self, base: Scenario, whatif: Scenario, n: object, seed: int,
                progress: Progress | None = None, waiting: Waiting | None = None
                ) -> Comparison:
        """Blocking (call it from a thread): the what-if, and the base unless kept; when
        the server runs its most, after the runs queued before it (`waiting(ahead)`)."""
        count = check_replications(n, self.caps)
        self.gate.enter(waiting)
        try:
            key = (base.digest, count, seed)
            with self._lock:
                kept = self._bases.get(key)
            total = count if kept is not None else 2 * count
            if progress:
                progress(0, total)  # started: no longer queued

            def step(done: int, _: int) -> None:
                if progress:
                    progress(done, total)
            if kept is not None:
                w, = self._run([whatif], count, seed, step)
            else:  # both as one stream: each worker warms up for one scenario, not both
                w, kept = self._run([whatif, base], count, seed, step)
                self._keep(key, kept)
        finally:
            self.gate.leave()
        # the paired bootstrap takes a fifth of a second: here, off the server's event loop
        return Comparison(w, kept, base.start, base.spec.horizon_days,
                          paired_interval(kept.days, w.days, seed))

