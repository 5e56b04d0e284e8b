"""The feasibility heatmap: venue x mediation, each cell naming who blocks it.

What it shows is worked out in `outputs.heatmap_picture`; this draws only that picture.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.patches
from matplotlib.figure import Figure

from ...model.feasibility import FeasibilityTable
from ...model.scenario import Scenario
from ..heatmap_picture import STEM, HeatmapPicture, heatmap_picture, keep
from .style import save, subplots


def heatmap_figure(table: FeasibilityTable, scenario: Scenario, agenda: str | None = None,
                   delegation: str | None = None) -> Figure:
    """Venue x mediation for one agenda and delegation; each cell says who blocks it."""
    return draw_heatmap(heatmap_picture(table, scenario, agenda, delegation))


def save_heatmap(picture: HeatmapPicture, folder: Path, svg: bool) -> list[Path]:
    """Draw and save the heatmap into `folder`, and keep it in the figure cache."""
    paths = save(draw_heatmap(picture), folder, STEM, svg)
    keep(picture, paths)
    return paths


def draw_heatmap(picture: HeatmapPicture) -> Figure:
    fig, ax = subplots(figsize=picture.size)
    for i, row in enumerate(picture.cells):
        for j, cell in enumerate(row):
            ax.add_patch(matplotlib.patches.Rectangle((j, i), 1, 1, facecolor=cell.fill,
                                                      edgecolor="white", lw=2))
            ax.text(j + 0.5, i + 0.5, cell.text, ha="center", va="center", fontsize=8,
                    fontweight="bold" if cell.bold else "normal")
    ax.set_xlim(0, len(picture.columns))
    ax.set_ylim(len(picture.rows), 0)
    ax.set_xticks([j + 0.5 for j in range(len(picture.columns))], list(picture.columns),
                  fontsize=9)
    ax.set_yticks([i + 0.5 for i in range(len(picture.rows))], list(picture.rows))
    ax.set_xlabel("Mediation")
    ax.set_ylabel("Venue")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    fig.suptitle(picture.suptitle, fontsize=12)
    ax.set_title(picture.title, fontsize=9)
    return fig
