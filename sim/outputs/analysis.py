"""Analysis: the numbers behind figures and reports, as plain data (no plotting here).

Why separate: tests check a figure's content against these numbers, and the report's
sentences are written from them, so a bar, a line and a sentence can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model.feasibility import FeasibilityTable
from ..model.scenario import Scenario
from ..studies.summary import Summary, format_shares, wilson  # noqa: F401 (re-exported)


@dataclass(frozen=True)
class Ecdf:
    """P(first meeting by day d), d = 0..horizon, with pointwise 95% Wilson intervals."""

    days: list[int]
    p: list[float]
    lo: list[float]
    hi: list[float]


def ecdf(summary: Summary, horizon: int) -> Ecdf:
    days, p, lo, hi = [], [], [], []
    running = 0
    for d in range(horizon + 1):
        running += summary.first_days.get(d, 0)
        a, b = wilson(running, summary.n)
        days.append(d)
        p.append(running / summary.n if summary.n else 0.0)
        lo.append(a)
        hi.append(b)
    return Ecdf(days, p, lo, hi)


def most_permissive(table: FeasibilityTable) -> tuple[str, str]:
    """The (agenda, delegation) with the most possible formats, then the fewest blocks."""
    scores: dict[tuple[str, str], tuple[int, int]] = {}
    for row in table.rows:
        key = (row.format["agenda"], row.format["delegation"])
        possible, blocks = scores.get(key, (0, 0))
        scores[key] = (possible + row.meeting_possible,
                       blocks + sum(len(ids) for ids in row.blocked_by.values()))
    return max(scores, key=lambda k: (scores[k][0], -scores[k][1]))


@dataclass(frozen=True)
class Grid:
    """Venue x mediation cells for one agenda and delegation: who blocks each cell."""

    rows: list[str]      # venues
    columns: list[str]   # mediations
    agenda: str
    delegation: str
    blockers: list[list[list[str]]]  # [venue][mediation] -> actor ids (empty: possible)


def heatmap_grid(table: FeasibilityTable, scenario: Scenario, agenda: str, delegation: str
                 ) -> Grid:
    space = scenario.space
    venues, mediations = space.values["venue"], space.values["mediation"]
    # A cell holds every format with its venue, mediation, agenda and delegation (several,
    # if a teacher added a dimension): possible if any is; otherwise every actor who blocks.
    order = list(scenario.actors)
    cells: dict[tuple[str, str], set[str] | None] = {}
    for r in table.rows:
        if r.format["agenda"] != agenda or r.format["delegation"] != delegation:
            continue
        key = (r.format["venue"], r.format["mediation"])
        if r.meeting_possible or cells.get(key, set()) is None:
            cells[key] = None
        else:
            cells[key] = cells.get(key, set()) | set(r.blocked_by)
    return Grid(venues, mediations, agenda, delegation,
                [[sorted(cells[(v, m)] or (), key=order.index) for m in mediations]
                 for v in venues])
