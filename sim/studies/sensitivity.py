"""Global sensitivity analysis: which assumption drives P(meeting) and how soon it comes?

SALib builds the design (Morris trajectories or Sobol/Saltelli samples) and computes the
indices with their confidence intervals; we only run the model at each design point, with
the same seeds at every point (common random numbers), and keep a ledger so that a killed
run can be resumed. SALib is optional: `pip install 'negsim[sensitivity]'`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from ..files.errors import InputError, install_hint
from ..files.loading import load_scenario
from ..model import limits
from ..model.labels import param_label
from ..model.scenario import Scenario
from . import experiment
from .ledger import Ledger
from .sensitivity_reading import METHOD_WORDS, index_warnings

METHODS = ("morris", "sobol")


@dataclass(frozen=True)
class Range:
    """PATH=LO:HI: a parameter and the interval it is varied over."""

    path: str
    lo: float
    hi: float


def parse_range(text: str) -> Range:
    path, sep, spec = text.partition("=")
    parts = spec.split(":")
    try:
        if not sep or len(parts) != 2 or not path.strip():
            raise ValueError
        lo, hi = float(parts[0]), float(parts[1])
        if not (lo < hi and math.isfinite(lo) and math.isfinite(hi)):
            raise ValueError
    except ValueError:
        raise InputError.one(f"'--params {text}' should be PATH=LO:HI with numbers LO < HI, "
                             f"e.g. stepanakert.reservation=0.3:0.8.", "command line")
    return Range(path.strip(), lo, hi)


def _salib():
    try:
        from SALib.analyze import morris as morris_analyze, sobol as sobol_analyze
        from SALib.sample import morris as morris_sample, sobol as sobol_sample
    except ImportError:
        raise InputError.one(f"sensitivity analysis needs SALib: "
                             f"{install_hint('sensitivity')}.", "command line")
    return morris_sample, morris_analyze, sobol_sample, sobol_analyze


@dataclass
class Sensitivity:
    scenario: str
    method: str
    ranges: list[Range]
    samples: int
    replications: int
    seed: int
    indices: list[dict] = field(default_factory=list)
    points: int = 0
    results_dir: str | None = None
    warnings: list[str] = field(default_factory=list)  # indices too uncertain to read

    def to_json(self) -> dict:
        return {"method": self.method, "what_it_means": METHOD_WORDS[self.method],
                "indices": self.indices, "warnings": self.warnings,
                "results_dir": self.results_dir}


def default_samples(method: str) -> int:
    return 10 if method == "morris" else 64


def design_size(method: str, samples: int, parameters: int) -> int:
    """Points of a design (Morris: K trajectories of k+1; Saltelli without second order:
    N(k+2)), refused above limits.MAX_POINTS before SALib builds it."""
    size = samples * (parameters + (1 if method == "morris" else 2))
    if size > limits.MAX_POINTS:
        raise InputError.one(f"this design has {size:,} points ({samples:,} samples of "
                             f"{parameters} parameters); a sensitivity run may have at most "
                             f"{limits.MAX_POINTS:,} (each point is a whole experiment): "
                             f"use fewer --samples.", "command line")
    return size


def design(ranges: Sequence[Range], method: str, samples: int, seed: int):
    """The SALib problem and the design matrix (one row per model run)."""
    morris_sample, _, sobol_sample, _ = _salib()
    problem = {"num_vars": len(ranges), "names": [r.path for r in ranges],
               "bounds": [[r.lo, r.hi] for r in ranges]}
    if method == "morris":
        return problem, morris_sample.sample(problem, samples, num_levels=4, seed=seed)
    return problem, sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)


def analyse(problem: dict, x, y_p: list[float], y_days: list[float], method: str,
            seed: int) -> list[dict]:
    """Indices of P(meeting) and of the median days, ranked by their effect on P."""
    import numpy as np
    _, morris_analyze, _, sobol_analyze = _salib()
    yp, yd = np.asarray(y_p, dtype=float), np.asarray(y_days, dtype=float)
    if method == "morris":
        on_p = morris_analyze.analyze(problem, x, yp, conf_level=0.95, num_levels=4, seed=seed)
        on_d = morris_analyze.analyze(problem, x, yd, conf_level=0.95, num_levels=4, seed=seed)
        rows = [{"param": name, "mu_star": float(on_p["mu_star"][i]),
                 "conf": float(on_p["mu_star_conf"][i]), "mu": float(on_p["mu"][i]),
                 "sigma": float(on_p["sigma"][i]),
                 "days_mu_star": float(on_d["mu_star"][i]),
                 "days_conf": float(on_d["mu_star_conf"][i])}
                for i, name in enumerate(problem["names"])]
        key = "mu_star"
    else:
        on_p = sobol_analyze.analyze(problem, yp, calc_second_order=False, seed=seed)
        on_d = sobol_analyze.analyze(problem, yd, calc_second_order=False, seed=seed)
        rows = [{"param": name, "S1": float(on_p["S1"][i]), "conf": float(on_p["S1_conf"][i]),
                 "ST": float(on_p["ST"][i]), "ST_conf": float(on_p["ST_conf"][i]),
                 "days_S1": float(on_d["S1"][i]), "days_conf": float(on_d["S1_conf"][i])}
                for i, name in enumerate(problem["names"])]
        key = "S1"
    clean = [{k: (0.0 if v != v else v) if isinstance(v, float) else v for k, v in r.items()}
             for r in rows]  # a constant output gives NaN indices: no effect at all
    return sorted(clean, key=lambda r: -r[key])


def sensitivity(path: str | Path, ranges: Sequence[Range], method: str = "morris",
                samples: int | None = None, n: int | None = None, seed: int | None = None,
                workers: int | None = None, dask: str | None = None, sets: Sequence[str] = (),
                folder: Path | None = None, resume: bool = False,
                progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """Run the design; with `folder`, keep a ledger there (and skip its points on resume)."""
    if method not in METHODS:
        raise InputError.one(f"--method should be one of {', '.join(METHODS)}.", "command line")
    if not ranges:
        raise InputError.one("give at least one --params PATH=LO:HI.", "command line")
    if len({r.path for r in ranges}) < len(ranges):
        raise InputError.one("--params names the same parameter twice.", "command line")
    base = load_scenario(path, [*sets, *(f"{r.path}={r.lo}" for r in ranges)])
    load_scenario(path, [*sets, *(f"{r.path}={r.hi}" for r in ranges)])
    n = base.spec.replications if n is None else n
    seed = base.spec.seed if seed is None else seed
    samples = samples or default_samples(method)
    design_size(method, samples, len(ranges))
    problem, x = design(ranges, method, samples, seed)
    ledger = None
    if folder is not None:
        ledger = Ledger(folder, {"scenario": str(path), "sets": list(sets), "method": method,
                                 "ranges": [[r.path, r.lo, r.hi] for r in ranges],
                                 "samples": samples, "replications": n, "seed": seed}, resume)
    todo = [i for i in range(len(x)) if not (ledger and i in ledger.done)]
    outcome = {i: ledger.done[i] for i in range(len(x)) if ledger and i in ledger.done}
    if progress is not None and outcome:
        progress(len(outcome), len(x))

    def load(i: int) -> Scenario:
        return load_scenario(path, [*sets, *(f"{r.path}={float(v)!r}"
                                             for r, v in zip(ranges, x[i]))])

    def record(j: int, result: experiment.Experiment) -> None:
        s = result.summary
        lo, hi = s.p_meeting_ci
        outcome[todo[j]] = {"p_meeting": s.p_meeting, "median_days": s.median_days}
        if ledger:
            ledger.add(todo[j], s.p_meeting, lo, hi, s.median_days, n)
        if progress is not None:
            progress(len(outcome), len(x))

    try:
        experiment.run_points([partial(load, i) for i in todo], n, seed, workers, dask,
                              done=record)
    finally:
        if ledger:
            ledger.close()
    horizon = base.spec.horizon_days
    y_p = [outcome[i]["p_meeting"] for i in range(len(x))]
    # No meeting at all counts as one day past the horizon (a censored time).
    y_days = [horizon + 1 if outcome[i]["median_days"] is None else outcome[i]["median_days"]
              for i in range(len(x))]
    indices = analyse(problem, x, y_p, y_days, method, seed)
    written = load_scenario(path, sets)
    for i in indices:  # each parameter in words, as the params files name it
        i["label"] = param_label(written, i["param"])
    return Sensitivity(base.name, method, list(ranges), samples, n, seed, indices, len(x),
                       warnings=index_warnings(indices, method, samples))
