"""The feasibility heatmap: venue x mediation, each cell naming who blocks it."""
from __future__ import annotations

import matplotlib.patches
from matplotlib.figure import Figure

from ...model.feasibility import FeasibilityTable
from ...model.labels import state_words
from ...model.scenario import Scenario
from .. import analysis
from .style import BLOCKER_PALETTE, POSSIBLE, SEVERAL, subplots, wrap


def heatmap_figure(table: FeasibilityTable, scenario: Scenario, agenda: str | None = None,
                   delegation: str | None = None) -> Figure:
    """Venue x mediation for one agenda and delegation; each cell says who blocks it."""
    if agenda is None or delegation is None:
        best = analysis.most_permissive(table)
        agenda, delegation = agenda or best[0], delegation or best[1]
    grid = analysis.heatmap_grid(table, scenario, agenda, delegation)
    space = scenario.space
    # The same colour for the same blocker in every figure: one per actor, grey for several.
    order = list(scenario.actors)
    colour = {(a,): BLOCKER_PALETTE[order.index(a) % len(BLOCKER_PALETTE)] for a in order}
    fig, ax = subplots(figsize=(1.45 * len(grid.columns) + 2.6, 0.72 * len(grid.rows) + 2))
    for i in range(len(grid.rows)):
        for j in range(len(grid.columns)):
            who = grid.blockers[i][j]
            fill = POSSIBLE if not who else colour.get(tuple(who), SEVERAL)
            ax.add_patch(matplotlib.patches.Rectangle((j, i), 1, 1, facecolor=fill,
                                                      edgecolor="white", lw=2))
            text = "possible" if not who else "blocked by\n" + "\n".join(
                scenario.actors[a].name for a in who)
            ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=8,
                    fontweight="bold" if not who else "normal")
    ax.set_xlim(0, len(grid.columns))
    ax.set_ylim(len(grid.rows), 0)
    ax.set_xticks([j + 0.5 for j in range(len(grid.columns))],
                  [wrap(space.value_label("mediation", m), 16) for m in grid.columns],
                  fontsize=9)
    ax.set_yticks([i + 0.5 for i in range(len(grid.rows))],
                  [space.value_label("venue", v) for v in grid.rows])
    ax.set_xlabel("Mediation")
    ax.set_ylabel("Venue")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    date = f"{table.date.day} {table.date:%B %Y}"
    fig.suptitle(f"{scenario.spec.title}: who blocks each format on {date}", fontsize=12)
    ax.set_title(wrap(f"agenda: {space.value_label('agenda', agenda)}; delegation: "
                      f"{space.value_label('delegation', delegation)}; world: "
                      f"{state_words(scenario.variables, table.state or scenario.state)}",
                      110), fontsize=9)
    return fig
