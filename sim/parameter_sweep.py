"""Parameter sweeps: P(meeting) as one or two parameters vary over a grid.

Every point runs the same replications with the same seeds (common random numbers), so a
difference between points comes from the parameter, not from sampling noise.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from . import experiment
from .errors import InputError
from .experiment import Summary
from .loading import load_scenario


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
        if steps < 1:
            raise ValueError
    except ValueError:
        raise InputError.one(f"'--vary {text}' should be PATH=LO:HI:STEPS with numbers and "
                             f"STEPS >= 1, e.g. stepanakert.reservation=0.1:0.9:9.",
                             "command line")
    return Vary(path.strip(), lo, hi, steps)


@dataclass
class Point:
    values: dict[str, float]
    summary: Summary

    def to_json(self) -> dict:
        data = self.summary.to_json()
        return {"values": self.values, "p_meeting": data["p_meeting"],
                "p_meeting_ci": data["p_meeting_ci"],
                "median_days_to_first_meeting": data["median_days_to_first_meeting"]}


@dataclass
class Sweep:
    scenario: str
    seed: int
    replications: int
    varies: list[Vary]
    points: list[Point]
    results_dir: str | None = None

    def to_json(self) -> dict:
        return {"points": [p.to_json() for p in self.points], "results_dir": self.results_dir}

    def to_records(self) -> list[dict]:
        out = []
        for p in self.points:
            data = p.to_json()
            out.append({**p.values, "p_meeting": data["p_meeting"],
                        "ci_low": data["p_meeting_ci"][0], "ci_high": data["p_meeting_ci"][1],
                        "median_days_to_first_meeting": data["median_days_to_first_meeting"],
                        "replications": p.summary.n})
        return out


def sweep(path: str | Path, varies: Sequence[Vary], n: int | None = None,
          seed: int | None = None, workers: int | None = None, sets: Sequence[str] = (),
          progress: Callable[[int, int], None] | None = None) -> Sweep:
    """Run every grid point of `varies` (at most two) on the scenario at `path`."""
    if not 1 <= len(varies) <= 2:
        raise InputError.one("give one or two --vary PATH=LO:HI:STEPS.", "command line")
    # Check the base and every path (at its low value) before any work is done.
    base = load_scenario(path, [*sets, *(f"{v.path}={v.lo}" for v in varies)])
    n = base.spec.replications if n is None else n
    seed = base.spec.seed if seed is None else seed
    grid = list(itertools.product(*(v.values for v in varies)))
    points = []
    for k, combo in enumerate(grid):
        values = {v.path: x for v, x in zip(varies, combo)}
        scenario = load_scenario(path, [*sets, *(f"{p}={x}" for p, x in values.items())])
        result = experiment.run(scenario, n, seed, workers)
        points.append(Point(values, result.summary))
        if progress is not None:
            progress(k + 1, len(grid))
    return Sweep(base.name, seed, n, list(varies), points)
