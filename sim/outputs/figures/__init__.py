"""Figures for class: plain words, calendar dates, rule sentences instead of rule ids.

Each function takes results and returns a matplotlib Figure (headless: the Agg backend);
`save` writes it. The numbers come from `analysis`, so tests can compare what is drawn
with what was computed.
"""
from .classroom import class_figure
from .compare import compare_figure
from .feasibility import heatmap_figure
from .outcomes import ecdf_figure, formats_figure, refusals_figure
from .run import run_figures
from .studies import sensitivity_figure, sweep_figure
from .style import png_data, save, wrap
from .timeline import timeline_figure

__all__ = ["class_figure", "compare_figure", "heatmap_figure", "ecdf_figure", "formats_figure",
           "refusals_figure", "run_figures", "sensitivity_figure", "sweep_figure", "png_data",
           "save", "wrap", "timeline_figure"]
