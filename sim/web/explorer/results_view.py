"""The results of Run: P(meeting) by date for the what-if and the unchanged scenario, the
replications where only one of them meets, the formats of first meetings, the refusals."""
from __future__ import annotations

from nicegui import ui

from ...model.decision import rule_sentence
from ...model.scenario import Scenario
from ...studies.summary import Summary
from ..common.chrome import BASE_COLOUR, WHATIF_COLOUR, note
from ..common.figure_text import curve_rows, curve_words, table_disclosure
from ..common.runs import Comparison, paired_difference

TOP = 8


def p_text(summary: Summary) -> str:
    lo, hi = summary.p_meeting_ci
    median = summary.median_days
    days = "no meeting" if median is None else f"median {median:g} days to the first meeting"
    return f"P(meeting) {summary.p_meeting:.3f} (95% interval {lo:.3f} to {hi:.3f}); {days}"


def draw_results(base: Scenario, c: Comparison, changes: list[str]) -> None:
    n = c.whatif.replications
    with ui.column().classes("w-full gap-2").mark("results"):
        with ui.row().classes("w-full gap-3"):
            for name, result, colour, mark in (("What-if", c.whatif, WHATIF_COLOUR, "p-whatif"),
                                               ("Unchanged", c.base, BASE_COLOUR, "p-base")):
                with ui.card().classes("flex-1 min-w-[14rem]").style(
                        f"border-left: 6px solid {colour}"):
                    ui.label(name).classes("font-bold")
                    ui.label(p_text(result.summary)).mark(mark).props(f"data-testid={mark}")
        pairs = paired_difference(c.whatif, c.base)
        ui.label(f"Replication by replication (same seeds): the what-if meets where the "
                 f"unchanged scenario does not in {pairs.only_whatif:,} of {n:,}; the reverse "
                 f"in {pairs.only_base:,}. Difference in P(meeting): "
                 f"{pairs.difference:+.3f}.").classes("text-sm").mark("paired")
        # the same paired bootstrap as `negsim run --set` and `compare`: is it more than noise?
        ui.label(f"The what-if against the unchanged scenario: {c.difference.words}.") \
            .classes("text-sm").mark("paired-interval").props("data-testid=paired-interval")
        if not changes:
            note("No change was made: both runs are the same scenario.")
        dates, w, b = c.curves()
        chart = ui.echart({
            "animation": False,
            "grid": {"left": 50, "right": 40, "top": 50, "bottom": 30},
            "legend": {"data": ["What-if", "Unchanged"], "top": 0, "right": 0},
            "tooltip": {"trigger": "axis"},
            "xAxis": {"type": "category", "data": dates, "name": "date"},
            "yAxis": {"type": "value", "min": 0, "max": 1, "name": "P(first meeting by date)"},
            "series": [{"name": "What-if", "type": "line", "step": "end", "showSymbol": False,
                        "data": [round(x, 4) for x in w.p], "color": WHATIF_COLOUR},
                       {"name": "Unchanged", "type": "line", "step": "end",
                        "showSymbol": False, "data": [round(x, 4) for x in b.p],
                        "color": BASE_COLOUR, "lineStyle": {"type": "dashed"}}],
        }).classes("w-full h-64").mark("curves")
        chart.props["role"] = "img"  # a canvas: its numbers in words, and as a table below
        chart.props["aria-label"] = curve_words(dates, w.p, b.p)
        table_disclosure([("date", "From date"), ("whatif", "What-if"),
                          ("base", "Unchanged")], curve_rows(dates, w.p, b.p), "curves-table")
        formats_table(base, c)
        refusals_table(base, c)


def formats_table(base: Scenario, c: Comparison) -> None:
    shares: dict[tuple, list[float]] = {}
    for i, summary in enumerate((c.whatif.summary, c.base.summary)):
        for key, count in summary.first_formats.items():
            shares.setdefault(key, [0.0, 0.0])[i] = count / summary.n
    ranked = sorted(shares.items(), key=lambda kv: -max(kv[1]))[:TOP]
    ui.label("Formats of first meetings (share of all replications)").classes("font-bold")
    if not ranked:
        note("No first meeting in either run.")
        return
    rows = [{"format": base.space.label(dict(key)), "whatif": f"{w:.1%}", "base": f"{b:.1%}"}
            for key, (w, b) in ranked]
    ui.table(columns=[{"name": "format", "label": "Format", "field": "format", "align": "left"},
                      {"name": "whatif", "label": "What-if", "field": "whatif",
                       "headerStyle": "white-space: nowrap"},
                      {"name": "base", "label": "Unchanged", "field": "base"}],
             rows=rows).props("dense flat wrap-cells").classes("w-full").mark("formats-table")


def refusals_table(base: Scenario, c: Comparison) -> None:
    counts: dict[tuple[str, str], list[int]] = {}
    for i, summary in enumerate((c.whatif.summary, c.base.summary)):
        for key, count in summary.refusals.items():
            counts.setdefault(key, [0, 0])[i] = count
    ranked = sorted(counts.items(), key=lambda kv: -max(kv[1]))[:TOP]
    ui.label("Refusals by actor and reason (all replications)").classes("font-bold")
    if not ranked:
        note("No refusal in either run.")
        return
    rows = [{"who": base.actors[a].name if a in base.actors else a,
             "reason": f"{r}: {rule_sentence(base.actors, a, r) if a in base.actors else r}",
             "whatif": w, "base": b} for (a, r), (w, b) in ranked]
    ui.table(columns=[{"name": "who", "label": "Actor", "field": "who", "align": "left"},
                      {"name": "reason", "label": "Reason", "field": "reason", "align": "left",
                       "style": "white-space: normal"},
                      {"name": "whatif", "label": "What-if", "field": "whatif",
                       "headerStyle": "white-space: nowrap"},
                      {"name": "base", "label": "Unchanged", "field": "base"}],
             rows=rows).props("dense flat wrap-cells").classes("w-full").mark("refusals-table")
