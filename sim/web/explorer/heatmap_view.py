"""The feasibility heatmap of the explorer: venue x mediation for one agenda and
delegation, each cell saying who blocks it, in the figures' colours. Drawn once per
scenario; after a change `paint` updates only the cells whose text changed."""
from __future__ import annotations

from typing import Protocol

from nicegui import ui

from ..common.chrome import BLOCKER_PALETTE, POSSIBLE, SEVERAL, note
from ..common.figure_text import heatmap_rows, table_disclosure
from .explorer import Explorer


class Exploring(Protocol):
    """Whoever holds the explorer a tab shows (a tab's session): it may change scenario,
    so the view asks it each time rather than keeping one."""

    explorer: Explorer


class HeatmapView:
    """One tab's heatmap; the agenda and delegation it shows are the tab's choice."""

    def __init__(self, session: Exploring, agenda: str, delegation: str):
        self.session, self.agenda, self.delegation = session, agenda, delegation
        self.version = 0  # counts redraws (the benchmark waits for the next one)
        ex = self.session.explorer
        space = ex.base.space
        self.cells: dict[tuple[str, str], ui.label] = {}
        with ui.card().classes("w-full").mark("heatmap") \
                .props("data-testid=heatmap data-version=0") as self.heat_card:
            ui.label(f"Who blocks each format on {ex.base.start} (venue x mediation)") \
                .classes("text-lg font-bold")
            with ui.row().classes("gap-3"):
                for dim, value in (("agenda", self.agenda), ("delegation", self.delegation)):
                    def pick(e, dim=dim) -> None:
                        setattr(self, dim, e.value)
                        self.paint()
                    ui.select({v: space.value_label(dim, v) for v in space.values[dim]},
                              value=value, label=dim, on_change=pick) \
                        .classes("min-w-[16rem]").mark(f"pick-{dim}")
            venues, mediations = space.values["venue"], space.values["mediation"]
            with ui.grid(columns=len(mediations) + 1).classes("w-full gap-1"):
                ui.label("")
                for m in mediations:
                    ui.label(space.value_label("mediation", m)).classes(
                        "text-xs font-bold text-center")
                for venue in venues:
                    ui.label(space.value_label("venue", venue)).classes(
                        "text-sm font-bold self-center")
                    for m in mediations:
                        self.cells[(venue, m)] = ui.label("") \
                            .classes("text-xs text-center p-2 rounded") \
                            .mark(f"cell-{venue}-{m}").props(f"data-testid=cell-{venue}-{m}")
            with ui.row().classes("gap-2 items-center"):
                note("Colours:")
                for name, actor in ex.base.actors.items():
                    ui.label(actor.name).classes("text-xs px-2 rounded").style(
                        f"background:{self.colour([name])}")
                ui.label("several").classes("text-xs px-2 rounded").style(
                    f"background:{SEVERAL}")
                ui.label("possible").classes("text-xs px-2 rounded").style(
                    f"background:{POSSIBLE}")
            # the same cells for a screen reader: venue by mediation, with their headers
            self.table = table_disclosure(
                [("venue", "Venue"), *((f"c{j}", space.value_label("mediation", m))
                                       for j, m in enumerate(mediations))], [], "heatmap-table")
        self.paint()

    def colour(self, who: list[str]) -> str:
        """The same colour for the same blocker as in the figures; grey for several."""
        order = list(self.session.explorer.base.actors)
        if not who:
            return POSSIBLE
        return BLOCKER_PALETTE[order.index(who[0]) % len(BLOCKER_PALETTE)] \
            if len(who) == 1 else SEVERAL

    def paint(self) -> None:
        ex = self.session.explorer
        grid, actors = ex.grid(self.agenda, self.delegation), ex.base.actors
        changed = False
        for i, venue in enumerate(grid.rows):
            for j, m in enumerate(grid.columns):
                who = grid.blockers[i][j]
                text = "possible" if not who else "blocked by " + ", ".join(
                    actors[a].name for a in who)
                cell = self.cells[(venue, m)]
                if cell.text != text:
                    cell.set_text(text)
                    cell.style(replace=f"background:{self.colour(who)}")
                    changed = True
        if changed:
            self.tabulate(grid)
        self.version += 1
        self.heat_card.props(f"data-version={self.version}")

    def tabulate(self, grid) -> None:
        """The table under "Show as a table": the cells' texts, row by row."""
        space = self.session.explorer.base.space
        self.table.rows = heatmap_rows(
            [space.value_label("venue", v) for v in grid.rows], list(grid.columns),
            {(space.value_label("venue", v), m): self.cells[(v, m)].text
             for v in grid.rows for m in grid.columns})
        self.table.update()
