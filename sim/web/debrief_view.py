"""The debrief drawn in the page: the same dictionary the terminal and the HTML file show
(`sim.play.debrief`), as a table that prints on A4 (fixed columns that wrap, rows kept
whole), every string shown as text."""
from __future__ import annotations

from typing import Any, Sequence

from nicegui import ui

from ..model.scenario import Scenario
from ..play.debrief_views import came_of_it, crossed_words, history_words, modelled
from ..play.debrief_views import situation, summary_line, yours

PRINT_CSS = """
.print-table{border-collapse:collapse;width:100%;table-layout:fixed}
.print-table td,.print-table th{border:1px solid #d4d4d8;padding:.3rem;vertical-align:top;
  overflow-wrap:anywhere;font-size:.85rem;text-align:left}
.print-table th{background:#f4f4f5}
@page{size:A4;margin:12mm}
@media print{.q-header,.no-print{display:none!important}.q-page-container{padding:0!important}
  .print-table tr{break-inside:avoid}.print-table td,.print-table th{font-size:.78rem}
  body{background:white!important}
  .q-card{box-shadow:none!important}}
"""


def table(headers: Sequence[str], widths: Sequence[int], rows: Sequence[Sequence[Any]],
          mark: str = "") -> None:
    """A plain table of text cells (a cell may be a list of (text, classes) lines)."""
    with ui.element("table").classes("print-table").mark(mark).props(f"data-testid={mark}"):
        with ui.element("colgroup"):
            for w in widths:
                ui.element("col").style(f"width:{w}%")
        with ui.element("tr"):
            for h in headers:
                with ui.element("th"):
                    ui.label(h)
        for row in rows:
            with ui.element("tr"):
                for value in row:
                    with ui.element("td"):
                        lines = value if isinstance(value, list) else [(value, "")]
                        for text, classes in lines:
                            if text:
                                ui.label(str(text)).classes(classes)


def debrief_view(sc: Scenario, data: dict[str, Any]) -> None:
    who = f" (as {data['name']})" if data.get("name") else ""
    ui.label(f"Debrief: {data['actor_name']}{who}").classes("text-xl font-bold")
    ui.label(f"{data['title']} · seed {data['seed']}. {summary_line(data)}") \
        .classes("text-sm text-gray-700")
    r = data["reflection"]
    if r.get("answer"):
        ui.label(r["question"]).classes("text-sm font-bold")
        ui.label(r["answer"]).classes("text-sm italic whitespace-pre-wrap")
    rows = []
    for d in data["decisions"]:
        mine = [(yours(sc, d), "")] + [(f"\u26a0 {crossed_words(c)}",
                                        "text-orange-800 font-semibold") for c in d["crossed"]]
        rows.append([d["date"], situation(sc, d), mine, modelled(sc, d), came_of_it(d),
                     history_words(d)])
    ui.label("Each decision beside the modelled actor's").classes("font-bold mt-2")
    if rows:
        table(["Date", "Situation", "You", "The model", "What came of it",
               "Nearest historical outcome"], [9, 18, 19, 20, 17, 17], rows,
              f"debrief-{data['actor']}")
    else:
        ui.label("No decisions: the game ended before one was asked of this seat.")
    if data["proposals"]:
        ui.label("What became of every proposal this seat knew of").classes("font-bold mt-2")
        for p in data["proposals"]:
            ui.label(p).classes("text-sm")
