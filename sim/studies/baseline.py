"""The baseline a what-if is measured against, and the paired difference from it.

A run made with `--set` is measured against the same file without them; a scenario that
`extends:` another is measured against that other (its nearest base). Both run with the
same seed, so replication i of each drew the same random numbers for every purpose they
share (common random numbers), and the difference is measured on pairs (`paired.py`).
"""
from __future__ import annotations

from functools import partial
from typing import Callable

from ..files.loading import load_scenario
from ..model.scenario import Scenario
from . import experiment
from .paired import paired_difference


def baseline_of(scenario: Scenario) -> tuple[str, Callable[[], Scenario]] | None:
    """(what the baseline is, in words; how to load it), or None for a scenario that is
    its own baseline (no --set, extends nothing)."""
    if scenario.sets:
        return (f"{scenario.path.name} without {' '.join('--set ' + s for s in scenario.sets)}",
                partial(load_scenario, scenario.path))
    if scenario.bases:
        return scenario.bases[0].name, partial(load_scenario, scenario.bases[0])
    return None


def measure_against_baseline(result: experiment.Experiment, scenario: Scenario,
                             workers: int | None = None, dask: str | None = None) -> bool:
    """Run the baseline with the result's N and seed and set `result.baseline` and
    `result.difference`; False when the scenario has no baseline."""
    found = baseline_of(scenario)
    if found is None:
        return False
    words, load = found
    base_scenario = load()
    base = experiment.run(base_scenario, result.replications, result.seed, workers, dask=dask)
    result.baseline = words
    result.difference = paired_difference(base.days, result.days, result.seed)
    if base_scenario.start == scenario.start:  # the what-if's figure has one calendar
        result.baseline_curve = base.summary, base_scenario.spec.horizon_days
    return True
