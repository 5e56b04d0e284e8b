"""The figures every `negsim run` draws into its results folder."""
from __future__ import annotations

from pathlib import Path

from ...model.feasibility import feasibility
from ...model.scenario import Scenario
from ...studies.experiment import Experiment
from .feasibility import heatmap_figure
from .outcomes import ecdf_figure, formats_figure, refusals_figure
from .style import save
from .timeline import timeline_figure


def run_figures(scenario: Scenario, result: Experiment, folder: Path, svg: bool = False
                ) -> list[Path]:
    """The figures of a run: meeting by date, formats, refusals, one timeline, heatmap."""
    s = result.summary
    figures = [
        (ecdf_figure([(scenario.spec.title, s, scenario.spec.horizon_days)],
                     scenario.start, "Probability of a first meeting by each date"),
         "p_meeting_by_day"),
        (formats_figure(s, scenario), "first_meeting_formats"),
        (refusals_figure(s, scenario), "refusals_by_actor"),
        (heatmap_figure(feasibility(scenario), scenario), "feasibility_heatmap"),
    ]
    if result.example is not None:
        figures.append((timeline_figure(result.example, scenario), "timeline"))
    return [p for fig, stem in figures for p in save(fig, folder, stem, svg)]
