"""The figures of a run: P(meeting) by date, the formats of first meetings, the refusals.

Drawn to be read right by a student: shares on a fixed 0-100% axis (so 0.8% looks small),
"no meeting" shown as a bar of its own, refusals per replication (they do not grow with N),
one fixed colour per kind of reason, and every title naming its scenario.
"""
from __future__ import annotations

import datetime as dt
from typing import Sequence

import matplotlib.ticker
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ...model.decision import reason_kind
from ...model.scenario import Scenario
from ...studies.summary import Summary
from .. import analysis
from ..text import rule_sentence
from .style import KIND_COLOURS, KIND_WORDS, NO_MEETING, SERIES, date_axis, dates, subplots, wrap

Series = tuple[str, Summary, int]  # (label, summary, horizon in days)


DASHES = ["-", "--", "-.", ":"]


def ecdf_figure(series: Sequence[Series], start: dt.date | None, title: str,
                ax=None) -> Figure:
    """P(a first meeting has happened by each date), with a 95% band; each series ends at
    its own horizon, which is marked. With `start=None` the x axis is days since each
    scenario's start (for comparing scenarios that start on different dates)."""
    fig, ax = subplots(figsize=(8, 4.5)) if ax is None else (ax.figure, ax)
    horizons: dict[int, list[str]] = {}
    for i, (label, summary, horizon) in enumerate(series):
        e = analysis.ecdf(summary, horizon)
        x = dates(start, e.days) if start else e.days
        colour = SERIES[i % len(SERIES)]
        # curves that coincide must all stay in sight: the first is drawn widest, each
        # later one narrower, in its own dash, on top
        ax.step(x, e.p, where="post", color=colour, lw=3.2 if i == 0 else 1.8,
                ls=DASHES[i % len(DASHES)], label=f"{label}: {e.p[-1]:.0%} by the horizon")
        ax.fill_between(x, e.lo, e.hi, step="post", color=colour, alpha=0.2, lw=0)
        horizons.setdefault(horizon, []).append(label)
    for k, horizon in enumerate(sorted(horizons)):
        end = dates(start, [horizon])[0] if start else horizon
        ax.axvline(end, color="black", ls="--", lw=1)
        ax.annotate(f"horizon\n{end:%d %b %Y}" if start else f"horizon\nday {horizon}",
                    (end, 1.0 - 0.12 * k), xytext=(-4, -4), textcoords="offset points",
                    ha="right", va="top", fontsize=9)
    ax.set_ylim(-0.03, 1.03)  # a curve at 0 or 1 stays in sight, off the frame
    ax.set_ylabel("Share of replications\nmet so far")
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    if start:
        date_axis(ax)  # a calendar needs no "Date" label
    else:
        ax.set_xlabel("Days since the scenario's start")
    ax.grid(alpha=0.3)
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=9, frameon=False,
              title="shaded band: 95% interval", title_fontsize=8)
    return fig


def formats_figure(summary: Summary, scenario: Scenario, top: int = 8) -> Figure:
    """How each replication's first meeting came out: the formats, then 'no meeting', as
    shares of all replications on a 0-100% axis."""
    shares = analysis.format_shares(summary, top)
    labels = [scenario.space.label(f) if f else "other formats" for f, _ in shares]
    values = [s for _, s in shares]
    labels.append("no meeting by the horizon")
    values.append(1.0 - summary.p_meeting if summary.n else 0.0)
    colours = ["#4C72B0"] * (len(values) - 1) + [NO_MEETING]
    fig, ax = subplots(figsize=(9, 0.45 * len(values) + 1.6))
    y = list(range(len(values)))[::-1]
    ax.barh(y, values, color=colours)
    ax.set_yticks(y, [wrap(lbl, 58) for lbl in labels], fontsize=9)
    for yi, v in zip(y, values):
        ax.annotate(f"{v:.1%}", (v, yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=9)
    ax.set_xlim(0, 1.0)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel(f"Share of all {summary.n:,} replications")
    fig.suptitle(f"{scenario.spec.title}: the first meeting, by format")
    return fig


def refusal_rows(summary: Summary, scenario: Scenario) -> list[tuple[str, str, str, float]]:
    """(actor, reason id, kind, refusals per replication), in a stable order: actors as
    the scenario lists them, then by kind, then as the actor's file lists its rules."""
    data = summary.refusals_by_actor()
    order = list(KIND_COLOURS)
    rows = []
    for a, actor in scenario.actors.items():
        rules = [r.id for r in actor.rules]
        for reason in sorted(data.get(a, {}), key=lambda r: (
                order.index(reason_kind(actor, r)), rules.index(r) if r in rules else 0, r)):
            rows.append((a, reason, reason_kind(actor, reason),
                         data[a][reason] / max(1, summary.n)))
    return rows


def reason_label(scenario: Scenario, actor: str, reason: str) -> str:
    """'Baku: <sentence>', unless the sentence already starts with the actor's name."""
    name, sentence = scenario.actors[actor].name, rule_sentence(scenario, actor, reason)
    return sentence if sentence.startswith(name + " ") else f"{name}: {sentence}"


def refusals_figure(summary: Summary, scenario: Scenario) -> Figure:
    """Refusals per replication, one bar per actor and reason, labelled with the reason's
    sentence and coloured by its kind."""
    rows = refusal_rows(summary, scenario)
    fig, ax = subplots(figsize=(8, 0.38 * max(2, len(rows)) + 2.1))
    y = list(range(len(rows)))[::-1]
    for yi, (a, reason, kind, rate) in zip(y, rows):
        ax.barh(yi, rate, color=KIND_COLOURS.get(kind, "#999999"), height=0.7)
        ax.annotate(f"{rate:.2f}", (rate, yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=8.5)
    ax.set_yticks(y, [wrap(reason_label(scenario, a, r), 54) for a, r, _, _ in rows],
                  fontsize=8)
    if rows:
        ax.set_xlim(0, max(r[3] for r in rows) * 1.15)
        kinds = [k for k in KIND_COLOURS if any(r[2] == k for r in rows)]
        ax.legend(handles=[Patch(color=KIND_COLOURS[k], label=KIND_WORDS[k]) for k in kinds],
                  loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=min(2, len(kinds)),
                  fontsize=8, title="kind of reason", title_fontsize=8, frameon=False)
    else:
        ax.text(0.5, 0.5, "No refusals", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel(f"Refusals per replication (mean over {summary.n:,});\na refusal may give "
                  f"several reasons")
    fig.suptitle(f"{scenario.spec.title}: why proposals were refused")
    return fig
