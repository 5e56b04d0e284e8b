"""The numbers behind each figure of the pages, as words and as a table on demand.

Why: a picture (the class view's PNG, the Run's chart on a canvas, the heatmap's colours)
says nothing to a screen reader, and a reader who cannot tell its colours apart cannot
read it either. Each figure gets a short text alternative that carries its numbers, and a
"Show as a table" disclosure with all of them. The rows are made here, from plain data
(tested without a browser); `table_disclosure` draws them.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from nicegui import ui

SHOW = "Show as a table"


def curve_rows(dates: Sequence[str], whatif: Sequence[float], base: Sequence[float]
               ) -> list[dict[str, str]]:
    """P(first meeting by date) of both runs on the first date and on each date where
    either changes (the curves are steps: the dates between repeat the row above)."""
    rows, last = [], None
    for date, w, b in zip(dates, whatif, base):
        now = (round(w, 3), round(b, 3))
        if now != last:
            rows.append({"date": date, "whatif": f"{w:.3f}", "base": f"{b:.3f}"})
            last = now
    return rows


def curve_words(dates: Sequence[str], whatif: Sequence[float], base: Sequence[float]) -> str:
    """The chart in one sentence: where both curves end."""
    if not dates:
        return "P(first meeting by date): no dates."
    return (f"Chart of P(first meeting by date) from {dates[0]} to {dates[-1]}: the what-if "
            f"reaches {whatif[-1]:.3f}, the unchanged scenario {base[-1]:.3f}.")


def class_rows(model: Counter, played: Sequence[tuple[str, int]]) -> list[dict[str, str]]:
    """Per number of meetings held: the share of the model's replications, and the class's
    games that held that many."""
    n = sum(model.values()) or 1
    top = max([*model, *(m for _, m in played), 0])
    return [{"held": str(k), "model": f"{model.get(k, 0) / n:.0%} ({model.get(k, 0)})",
             "games": ", ".join(code for code, m in played if m == k) or "none"}
            for k in range(top + 1)]


def class_words(title: str, model: Counter, played: Sequence[tuple[str, int]]) -> str:
    """The class figure's alt text: its title, then its numbers."""
    n = sum(model.values())
    shares = "; ".join(f"{k} {'meeting' if k == 1 else 'meetings'} in {model[k] / (n or 1):.0%}"
                       for k in sorted(model))
    games = "; ".join(f"game {code}: {m}" for code, m in played) or "no finished game yet"
    return f"{title}. The model's {n} replications: {shares or 'none'}. Meetings held: {games}."


def heatmap_rows(rows: Sequence[str], columns: Sequence[str],
                 cells: dict[tuple[str, str], str]) -> list[dict[str, str]]:
    """One row per venue: its label under "venue", then each mediation's cell text."""
    return [{"venue": r, **{f"c{j}": cells[(r, c)] for j, c in enumerate(columns)}}
            for r in rows]


def table_disclosure(columns: Sequence[tuple[str, str]], rows: list[dict[str, str]],
                     mark: str) -> ui.table:
    """A closed "Show as a table" expansion holding a table of `rows`; `columns` are
    (field, header) pairs. Returns the table, for a caller that updates its rows."""
    with ui.expansion(SHOW).classes("w-full no-print").mark(f"{mark}-disclosure") \
            .props(f"dense data-testid={mark}-disclosure"):
        return ui.table(columns=[{"name": f, "label": h, "field": f, "align": "left"}
                                 for f, h in columns], rows=rows, row_key=columns[0][0]) \
            .props("dense flat wrap-cells") \
            .classes("w-full").mark(mark).props(f"data-testid={mark}")
