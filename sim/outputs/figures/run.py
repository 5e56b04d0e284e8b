"""The figures every `negsim run` draws into its results folder.

Drawing them takes about 2 s on one core (the heatmap and the timeline most), a third of a
10,000-replication run. The heatmap needs no results, and depends on the scenario alone:
it is copied from the figure cache when it was drawn before (`outputs.figure_cache`), and
otherwise drawn while the replications run (`outputs.ahead`). The others are drawn after
the replications, side by side in forked processes, which inherit the loaded matplotlib
and its fonts, so each costs only its own drawing. PNGs are written at zlib's fastest
level: the same pixels, less time.
"""
from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Mapping

from ...model.feasibility import feasibility
from ...model.scenario import Scenario
from ...studies.experiment import Experiment
from ..parallel import side_by_side
from ..heatmap_picture import heatmap_picture
from .feasibility import save_heatmap
from .outcomes import ecdf_figure, formats_figure, refusals_figure
from .style import save
from .timeline import timeline_figure

ORDER = ("p_meeting_by_day", "first_meeting_formats", "refusals_by_actor",
         "feasibility_heatmap", "timeline")  # as a reader takes them
LONGEST_FIRST = ("feasibility_heatmap", "timeline", "refusals_by_actor",
                 "first_meeting_formats", "p_meeting_by_day")  # side by side, they end together


def draw(stem: str, scenario: Scenario, result: Experiment | None, folder: Path, svg: bool
         ) -> list[Path]:
    """Draw and save one figure of a run (the heatmap needs no `result`)."""
    if stem == "feasibility_heatmap":  # kept in the figure cache for the next run
        return save_heatmap(heatmap_picture(feasibility(scenario), scenario), folder, svg)
    elif stem == "p_meeting_by_day":  # a what-if beside its baseline, on the same seeds
        series = [(scenario.spec.title, result.summary, scenario.spec.horizon_days)]
        if result.baseline_curve is not None:
            series.append((f"baseline: {result.baseline}", *result.baseline_curve))
        fig = ecdf_figure(series, scenario.start, "Probability of a first meeting by each date")
    elif stem == "first_meeting_formats":
        fig = formats_figure(result.summary, scenario)
    elif stem == "refusals_by_actor":
        fig = refusals_figure(result.summary, scenario)
    else:
        fig = timeline_figure(result.example, scenario)
    return save(fig, folder, stem, svg)


def _quiet() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


def run_figures(scenario: Scenario, result: Experiment, folder: Path, svg: bool = False,
                workers: int = 1, ahead: Mapping[str, list[Path]] | None = None
                ) -> list[Path]:
    """The figures of a run: meeting by date, formats, refusals, one timeline, heatmap;
    with `workers` > 1 (on Linux, where forking is safe), drawn in that many processes at
    once. `ahead`: the figures already drawn while the replications ran (`outputs.ahead`)."""
    drawn = dict(ahead or {})
    stems = [s for s in LONGEST_FIRST if s not in drawn
             and (s != "timeline" or result.example is not None)]
    if not side_by_side(workers) or len(stems) < 2:
        drawn |= {stem: draw(stem, scenario, result, folder, svg) for stem in stems}
    else:
        with ProcessPoolExecutor(min(workers, len(stems)), initializer=_quiet,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {stem: pool.submit(draw, stem, scenario, result, folder, svg)
                       for stem in stems}
            drawn |= {stem: f.result() for stem, f in futures.items()}
    return [p for stem in ORDER if stem in drawn for p in drawn[stem]]
