"""What the feasibility heatmap shows, as plain data: every label, colour and line of text.

Why apart from the drawing: the drawing (`figures.feasibility.draw_heatmap`) reads nothing
but this picture, so the picture's content is a complete key for the drawn PNG, and the
figure cache (`outputs.figure_cache`) can hand back a heatmap drawn before without
importing matplotlib. Whatever is added to the figure must be added here, or it cannot be
drawn.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.feasibility import FeasibilityTable
from ..model.labels import state_words
from ..model.scenario import Scenario
from . import analysis, figure_cache
from .palette import BLOCKER_PALETTE, POSSIBLE, SEVERAL, wrap


@dataclass(frozen=True)
class Cell:
    fill: str
    text: str
    bold: bool


@dataclass(frozen=True)
class HeatmapPicture:
    """Rows are venues (top first), columns mediations; sizes in inches."""
    size: tuple[float, float]
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    suptitle: str
    title: str


def heatmap_picture(table: FeasibilityTable, scenario: Scenario, agenda: str | None = None,
                    delegation: str | None = None) -> HeatmapPicture:
    """Venue x mediation for one agenda and delegation (by default the most permissive);
    each cell says who blocks it."""
    if agenda is None or delegation is None:
        best = analysis.most_permissive(table)
        agenda, delegation = agenda or best[0], delegation or best[1]
    grid = analysis.heatmap_grid(table, scenario, agenda, delegation)
    space = scenario.space
    # The same colour for the same blocker in every figure: one per actor, grey for several.
    order = list(scenario.actors)
    colour = {(a,): BLOCKER_PALETTE[order.index(a) % len(BLOCKER_PALETTE)] for a in order}
    cells = tuple(tuple(
        Cell(POSSIBLE, "possible", True) if not who else
        Cell(colour.get(tuple(who), SEVERAL),
             "blocked by\n" + "\n".join(scenario.actors[a].name for a in who), False)
        for who in row) for row in grid.blockers)
    date = f"{table.date.day} {table.date:%B %Y}"
    return HeatmapPicture(
        size=(1.45 * len(grid.columns) + 2.6, 0.72 * len(grid.rows) + 2),
        rows=tuple(space.value_label("venue", v) for v in grid.rows),
        columns=tuple(wrap(space.value_label("mediation", m), 16) for m in grid.columns),
        cells=cells,
        suptitle=f"{scenario.spec.title}: who blocks each format on {date}",
        title=wrap(f"agenda: {space.value_label('agenda', agenda)}; delegation: "
                   f"{space.value_label('delegation', delegation)}; world: "
                   f"{state_words(scenario.variables, table.state or scenario.state)}", 110))


FIGURES = Path(__file__).parent / "figures"
DRAWN_BY = (FIGURES / "feasibility.py", FIGURES / "style.py")  # what draws the picture
STEM = "feasibility_heatmap"


def cache_name(picture: HeatmapPicture, path: Path) -> str | None:
    """The figure cache's name for this picture drawn as `path`'s file type."""
    return figure_cache.key(STEM, picture, DRAWN_BY, path.suffix)


def fetch(picture: HeatmapPicture, folder: Path, svg: bool) -> list[Path] | None:
    """The heatmap's files (as `style.save` names them), copied into `folder` from the
    figure cache; None unless every one asked for was there."""
    if figure_cache.folder() is None:
        return None
    paths = [folder / f"{STEM}.png"] + ([folder / f"{STEM}.svg"] if svg else [])
    if all(figure_cache.fetch(cache_name(picture, path), path) for path in paths):
        return paths
    return None


def keep(picture: HeatmapPicture, paths: list[Path]) -> None:
    """Keep the files just drawn from this picture, each under its own type's name."""
    if figure_cache.folder() is not None:
        for path in paths:
            figure_cache.keep(cache_name(picture, path), path)
