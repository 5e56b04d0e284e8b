"""Parameter sweeps: P(meeting) as one or two parameters vary over a grid.

Every point runs the same replications with the same seeds (common random numbers), so a
difference between points comes from the parameter, not from sampling noise.
"""
from __future__ import annotations

import itertools
import math
from array import array
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from ..files.errors import InputError
from ..files.loading import load_scenario
from ..files.paths import settable
from ..model import limits
from ..model.scenario import Scenario
from . import experiment
from .ledger import Ledger
from .paired import Difference, paired_difference
from .summary import Summary


@dataclass(frozen=True)
class Vary:
    """PATH=LO:HI:STEPS -> STEPS evenly spaced values from LO to HI."""

    path: str
    lo: float
    hi: float
    steps: int

    @property
    def values(self) -> list[float]:
        if self.steps == 1:
            return [self.lo]
        return [round(self.lo + (self.hi - self.lo) * k / (self.steps - 1), 10)
                for k in range(self.steps)]


def parse_vary(text: str) -> Vary:
    path, sep, spec = text.partition("=")
    parts = spec.split(":")
    try:
        if not sep or len(parts) != 3 or not path.strip():
            raise ValueError
        lo, hi, steps = float(parts[0]), float(parts[1]), int(parts[2])
        if steps < 1 or not (math.isfinite(lo) and math.isfinite(hi)):
            raise ValueError
    except ValueError:
        raise InputError.one(f"'--vary {limits.shown(text)}' should be PATH=LO:HI:STEPS with "
                             f"numbers and STEPS >= 1, e.g. stepanakert.reservation=0.1:0.9:9.",
                             "command line")
    if steps > limits.MAX_STEPS:
        raise InputError.one(f"'--vary {text}': STEPS must be from 1 to {limits.MAX_STEPS:,} "
                             f"(each step is a whole experiment); got {steps:,}.", "command line")
    return Vary(path.strip(), lo, hi, steps)


def check_grid(varies: Sequence[Vary]) -> int:
    """The number of points of a grid, refused above limits.MAX_POINTS (each point is a
    whole experiment, and every point is loaded and checked before any work starts)."""
    size = math.prod(v.steps for v in varies)
    if size > limits.MAX_POINTS:
        steps = " x ".join(str(v.steps) for v in varies)
        raise InputError.one(f"this grid has {size:,} points ({steps}); a sweep may have at "
                             f"most {limits.MAX_POINTS:,} (each point is a whole experiment): "
                             f"use fewer STEPS.", "command line")
    return size


@dataclass
class Point:
    """One grid point's outcome (its summary and days too, unless it was read back on
    --resume)."""

    values: dict[str, float]
    p_meeting: float
    ci: tuple[float, float]
    median_days: float | None
    replications: int
    summary: Summary | None = None
    days: array | None = None  # first-meeting day per replication (for paired differences)
    difference: Difference | None = None  # against the baseline (None: it is the baseline)

    def to_json(self) -> dict:
        return {"values": self.values, "p_meeting": round(self.p_meeting, 6),
                "p_meeting_ci": [round(self.ci[0], 6), round(self.ci[1], 6)],
                "median_days_to_first_meeting": self.median_days,
                **({} if self.difference is None else
                   {"difference_vs_baseline": self.difference.to_json()})}


@dataclass
class Sweep:
    scenario: str
    seed: int
    replications: int
    varies: list[Vary]
    points: list[Point]
    baseline: Point  # the scenario as written: a grid point, or run beside the grid
    path: Path | None = None  # the scenario file and its --set, to name things in words
    sets: tuple[str, ...] = ()
    results_dir: str | None = None

    def to_json(self) -> dict:
        on_grid = next((k for k, p in enumerate(self.points) if p is self.baseline), None)
        return {"points": [p.to_json() for p in self.points],
                "baseline": {**self.baseline.to_json(), "point": on_grid},
                "results_dir": self.results_dir}

    def to_records(self) -> list[dict]:
        out = []
        for p in self.points:
            data = p.to_json()
            d = p.difference
            out.append({**p.values, "p_meeting": data["p_meeting"],
                        "ci_low": data["p_meeting_ci"][0], "ci_high": data["p_meeting_ci"][1],
                        "median_days_to_first_meeting": data["median_days_to_first_meeting"],
                        "replications": p.replications,
                        "difference_vs_baseline": 0.0 if d is None else
                        round(d.p_meeting.estimate, 6),
                        "difference_ci_low": 0.0 if d is None else round(d.p_meeting.low, 6),
                        "difference_ci_high": 0.0 if d is None else
                        round(d.p_meeting.high, 6)})
        return out


def sweep(path: str | Path, varies: Sequence[Vary], n: int | None = None,
          seed: int | None = None, workers: int | None = None, sets: Sequence[str] = (),
          progress: Callable[[int, int], None] | None = None, dask: str | None = None,
          folder: Path | None = None, resume: bool = False) -> Sweep:
    """Run every grid point of `varies` (at most two) on the scenario at `path`."""
    if not 1 <= len(varies) <= 2:
        raise InputError.one("give one or two --vary PATH=LO:HI:STEPS.", "command line")
    if len({v.path for v in varies}) < len(varies):
        raise InputError.one("the two --vary name the same parameter.", "command line")
    check_grid(varies)
    grid = list(itertools.product(*(v.values for v in varies)))
    # Check every grid point before any work is done (a value may be wrong for its field).
    for combo in grid:
        load_scenario(path, [*sets, *(f"{v.path}={x}" for v, x in zip(varies, combo))])
    base = load_scenario(path, sets)
    own = {v.path: own_value(base, v.path) for v in varies}
    # The baseline is the scenario as written: a grid point when its values are on the
    # grid, else one point more, run beside the grid (index len(grid)).
    at = next((k for k, combo in enumerate(grid)
               if all(own[v.path] == x for v, x in zip(varies, combo))), len(grid))
    n = base.spec.replications if n is None else n
    seed = base.spec.seed if seed is None else seed
    ledger = None
    if folder is not None:
        ledger = Ledger(folder, {"scenario": str(path), "sets": list(sets), "replications": n,
                                 "seed": seed, "vary": [[v.path, v.lo, v.hi, v.steps]
                                                        for v in varies]}, resume)
    total = len(grid) + (at == len(grid))
    todo = [k for k in range(total) if not (ledger and k in ledger.done)]
    finished = total - len(todo)
    if progress is not None and finished:
        progress(finished, total)

    def overrides(k: int) -> list[str]:
        if k == len(grid):
            return list(sets)
        return [*sets, *(f"{v.path}={x}" for v, x in zip(varies, grid[k]))]

    def record(j: int, result: experiment.Experiment) -> None:
        nonlocal finished
        s = result.summary
        if ledger:
            ledger.add(todo[j], s.p_meeting, *s.p_meeting_ci, s.median_days, s.n,
                       result.days)
        finished += 1
        if progress is not None:
            progress(finished, total)

    try:
        ran = experiment.run_points([partial(load_scenario, path, overrides(k)) for k in todo],
                                    n, seed, workers, dask, done=record)
    finally:
        if ledger:
            ledger.close()
    by_point = dict(zip(todo, ran))

    def point(k: int, values: dict) -> Point:
        if k in by_point:
            s = by_point[k].summary
            return Point(values, s.p_meeting, s.p_meeting_ci, s.median_days, s.n, s,
                         by_point[k].days)
        done = ledger.done[k]  # type: ignore[union-attr]
        return Point(values, done["p_meeting"], (done["ci_low"], done["ci_high"]),
                     done["median_days"], int(done["replications"]), days=done["days"])

    points = [point(k, {v.path: x for v, x in zip(varies, combo)})
              for k, combo in enumerate(grid)]
    baseline = points[at] if at < len(grid) else point(at, own)
    for p in points:
        if p is not baseline and p.days is not None and baseline.days is not None:
            p.difference = paired_difference(baseline.days, p.days, seed)
    return Sweep(base.name, seed, n, list(varies), points, baseline, Path(path), tuple(sets))


def own_value(scenario: Scenario, path: str) -> float | None:
    """The value the scenario itself gives `path` (None when it is drawn from a
    distribution, or not a number)."""
    values = dict(settable(scenario))
    value = values.get(path)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
