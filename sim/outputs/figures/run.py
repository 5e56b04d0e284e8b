"""The figures every `negsim run` draws into its results folder.

Drawing them takes about 2 s on one core (the heatmap and the timeline most), a third of a
10,000-replication run; with more than one worker they are drawn side by side in forked
processes, which inherit the loaded matplotlib, so each costs only its own drawing.
"""
from __future__ import annotations

import multiprocessing
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ...model.feasibility import feasibility
from ...model.scenario import Scenario
from ...studies.experiment import Experiment
from .feasibility import heatmap_figure
from .outcomes import ecdf_figure, formats_figure, refusals_figure
from .style import save
from .timeline import timeline_figure

ORDER = ("p_meeting_by_day", "first_meeting_formats", "refusals_by_actor",
         "feasibility_heatmap", "timeline")  # as a reader takes them
LONGEST_FIRST = ("feasibility_heatmap", "timeline", "refusals_by_actor",
                 "first_meeting_formats", "p_meeting_by_day")  # side by side, they end together


def draw(stem: str, scenario: Scenario, result: Experiment, folder: Path, svg: bool
         ) -> list[Path]:
    """Draw and save one figure of a run."""
    s = result.summary
    if stem == "p_meeting_by_day":
        fig = ecdf_figure([(scenario.spec.title, s, scenario.spec.horizon_days)],
                          scenario.start, "Probability of a first meeting by each date")
    elif stem == "first_meeting_formats":
        fig = formats_figure(s, scenario)
    elif stem == "refusals_by_actor":
        fig = refusals_figure(s, scenario)
    elif stem == "feasibility_heatmap":
        fig = heatmap_figure(feasibility(scenario), scenario)
    else:
        fig = timeline_figure(result.example, scenario)
    return save(fig, folder, stem, svg)


def _quiet() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


def run_figures(scenario: Scenario, result: Experiment, folder: Path, svg: bool = False,
                workers: int = 1) -> list[Path]:
    """The figures of a run: meeting by date, formats, refusals, one timeline, heatmap;
    with `workers` > 1 (on Linux, where forking is safe), drawn in that many processes at once."""
    stems = [s for s in LONGEST_FIRST if s != "timeline" or result.example is not None]
    if workers <= 1 or not sys.platform.startswith("linux"):  # fork is safe on Linux
        drawn = {stem: draw(stem, scenario, result, folder, svg) for stem in stems}
    else:
        with ProcessPoolExecutor(min(workers, len(stems)), initializer=_quiet,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {stem: pool.submit(draw, stem, scenario, result, folder, svg)
                       for stem in stems}
            drawn = {stem: f.result() for stem, f in futures.items()}
    return [p for stem in ORDER if stem in drawn for p in drawn[stem]]
