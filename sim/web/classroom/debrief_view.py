"""The debrief drawn in the page: the same dictionary the terminal and the HTML file show
(`sim.play.debrief`), as a table that prints on A4 (fixed columns that wrap, rows kept
whole), every string shown as text."""
from __future__ import annotations

from typing import Any, Sequence

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from ...model.scenario import Scenario
from ..common.chrome import rule_title
from ...play.debrief_views import COLUMNS, came_of_it, crossed_words, history_words, modelled
from ...play.debrief_views import situation, summary_line, yours

# On A4: no header, buttons or other parts of the page that are for the screen; 8-point
# tables with their header row on every page and no row split; each game of the class
# view on a page of its own; a seat's page, once its game is over, prints the debrief only.
PRINT_CSS = """
.print-table{border-collapse:collapse;width:100%;table-layout:fixed}
.print-table td,.print-table th{border:1px solid #d4d4d8;padding:.3rem;vertical-align:top;
  overflow-wrap:anywhere;font-size:.85rem;text-align:left}
.print-table th{background:#f4f4f5}
@page{size:A4;margin:12mm}
@media print{.q-header,.no-print{display:none!important}.q-page-container{padding:0!important}
  .q-page{min-height:0!important}body{background:white!important}
  .print-table thead{display:table-header-group}
  .print-table tr{break-inside:avoid}.print-table td,.print-table th{font-size:8pt;
    padding:.1rem .2rem;line-height:1.25}
  .q-card{box-shadow:none!important;padding:0!important}
  .print-game{break-before:page;break-inside:avoid}
  .print-game,.seat-page,.seat-ending{gap:.3rem!important}
  .print-game .text-xl,.seat-ending .text-xl{font-size:12pt!important}
  .print-game .text-sm,.seat-ending .text-sm{font-size:9pt!important;line-height:1.3}
  [data-testid=class-figure]{break-inside:avoid;max-width:150mm!important;margin:0 auto}
  .seat-page:has(.seat-ending) .seat-rest{display:none!important}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def rules_in(sc: Scenario, d: dict[str, Any]) -> list[str]:
    """The rule ids among a decision's reasons (a player's own words are not rules)."""
    return [r for r in d.get("reasons") or () if sc.actors[d["actor"]].rule(r)]


def table(headers: Sequence[str], widths: Sequence[int], rows: Sequence[Sequence[Any]],
          mark: str = "") -> None:
    """A plain table of text cells (a cell may be a list of (text, classes) lines)."""
    with ui.element("table").classes("print-table").mark(mark).props(f"data-testid={mark}"):
        with ui.element("colgroup"):
            for w in widths:
                ui.element("col").style(f"width:{w}%")
        with ui.element("thead"), ui.element("tr"):  # repeated on every printed page
            for h in headers:
                with ui.element("th"):
                    ui.label(h)
        with ui.element("tbody"):
            for row in rows:
                with ui.element("tr"):
                    for value in row:
                        with ui.element("td"):
                            lines = value if isinstance(value, list) else [(value, "")]
                            for text, classes, *ids in lines:  # (ids: on hover)
                                if text:
                                    rule_title(ui.label(str(text)).classes(classes),
                                               ids[0] if ids else ())


def why_view(why: dict[str, Any] | None) -> None:
    """The game in one paragraph (`sim.play.debrief_why`): each rule's sentence a span
    with the rule's id on hover."""
    if not why:
        return
    with ui.element("p").classes("text-sm m-0 why border-l-4 border-slate-500 pl-3") \
            .mark("why").props("data-testid=why"):
        for part in why["parts"]:
            span = TextElement(tag="span", text=part["text"])
            if part["rule"]:
                rule_title(span.classes("font-semibold"), [part["rule"]])


def debrief_view(sc: Scenario, data: dict[str, Any], why: bool = True) -> None:
    """A seat's debrief; `why`: with the game's paragraph (the class view shows it once
    per game, above its seats' debriefs)."""
    who = f" (as {data['name']})" if data.get("name") else ""
    ui.label(f"Debrief: {data['actor_name']}{who}").classes("text-xl font-bold")
    ui.label(f"{data['title']} · seed {data['seed']}. {summary_line(data)}") \
        .classes("text-sm text-gray-700")
    if why:
        why_view(data.get("why"))
    r = data["reflection"]
    if r.get("answer"):
        ui.label(r["question"]).classes("text-sm font-bold")
        ui.label(r["answer"]).classes("text-sm italic whitespace-pre-wrap")
    rows = []
    for d in data["decisions"]:
        mine = [(yours(sc, d), "", rules_in(sc, d))] + [
            (f"\u26a0 {crossed_words(c)}", "text-orange-800 font-semibold", [c["id"]])
            for c in d["crossed"]]
        theirs = [(modelled(sc, d), "", [r["id"] for r in d.get("modelled_reasons", ())])]
        rows.append([d["date"], situation(sc, d), mine, theirs, came_of_it(d),
                     history_words(d)])
    ui.label("Each decision beside the modelled actor's").classes("font-bold mt-2")
    if rows:
        table([h for h, _ in COLUMNS], [w for _, w in COLUMNS], rows,
              f"debrief-{data['actor']}")
    else:
        ui.label("No decisions: the game ended before one was asked of this seat.")
    if data["proposals"]:
        ui.label("What became of every proposal this seat knew of").classes("font-bold mt-2")
        for p in data["proposals"]:
            ui.label(p).classes("text-sm")
