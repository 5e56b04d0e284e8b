"""The figures of a run: P(meeting) by date, the formats of first meetings, the refusals."""
from __future__ import annotations

import datetime as dt
from typing import Sequence

import matplotlib.ticker
from matplotlib.figure import Figure

from ...model.scenario import Scenario
from ...studies.summary import Summary
from .. import analysis
from ..text import rule_sentence
from .style import ACTOR_SHADES, date_axis, dates, plt, subplots, wrap


def ecdf_figure(series: Sequence[tuple[str, Summary, int]], start: dt.date | None,
                title: str) -> Figure:
    """P(a first meeting has happened by each date), with a 95% band; each series ends at
    its own horizon, which is marked. With `start=None` the x axis is days since each
    scenario's start (for comparing scenarios that start on different dates)."""
    fig, ax = subplots(figsize=(8, 4.5))
    horizons: dict[int, list[str]] = {}
    for i, (label, summary, horizon) in enumerate(series):
        e = analysis.ecdf(summary, horizon)
        x = dates(start, e.days) if start else e.days
        colour = plt.get_cmap("tab10")(i)
        ax.step(x, e.p, where="post", color=colour, lw=2,
                label=f"{label}: {e.p[-1]:.0%} by the horizon")
        ax.fill_between(x, e.lo, e.hi, step="post", color=colour, alpha=0.2, lw=0)
        horizons.setdefault(horizon, []).append(label)
    for k, horizon in enumerate(sorted(horizons)):
        end = dates(start, [horizon])[0] if start else horizon
        ax.axvline(end, color="black", ls="--", lw=1)
        ax.annotate(f"horizon\n{end:%d %b %Y}" if start else f"horizon\nday {horizon}",
                    (end, 1.0 - 0.12 * k), xytext=(-4, -4), textcoords="offset points",
                    ha="right", va="top", fontsize=9)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("Share of replications with a meeting so far")
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    if start:
        ax.set_xlabel("Date")
        date_axis(ax)
    else:
        ax.set_xlabel("Days since the scenario's start")
    ax.grid(alpha=0.3)
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=9, frameon=False,
              title="shaded band: 95% interval", title_fontsize=8)
    return fig


def formats_figure(summary: Summary, scenario: Scenario) -> Figure:
    """Formats of first meetings: share of all replications, format written out."""
    shares = analysis.format_shares(summary)
    labels = [scenario.space.label(f) if f else "other formats" for f, _ in shares]
    values = [s for _, s in shares]
    fig, ax = subplots(figsize=(9, 0.5 * max(2, len(values)) + 1.5))
    if values:
        y = list(range(len(values)))[::-1]
        ax.barh(y, values, color="#4c72b0")
        ax.set_yticks(y, [wrap(lbl, 60) for lbl in labels], fontsize=9)
        for yi, v in zip(y, values):
            ax.annotate(f"{v:.1%}", (v, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=9)
        ax.set_xlim(0, max(values) * 1.18)
    else:
        ax.text(0.5, 0.5, "No meeting in any replication", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_yticks([])
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel("Share of all replications whose first meeting had this format")
    ax.set_title(f"Formats of first meetings ({summary.n} replications)")
    return fig


def refusals_figure(summary: Summary, scenario: Scenario) -> Figure:
    """Refusals by actor, stacked by reason; the legend gives each rule's sentence."""
    data = summary.refusals_by_actor()
    actors = [a for a in scenario.actors if a in data]
    reasons = sorted({(a, r) for a in actors for r in data[a]},
                     key=lambda ar: (actors.index(ar[0]), -data[ar[0]][ar[1]]))
    fig, ax = subplots(figsize=(9, 1.0 * max(2, len(actors)) + 0.35 * len(reasons) + 1.5))
    y = {a: len(actors) - 1 - i for i, a in enumerate(actors)}
    left = {a: 0 for a in actors}
    for actor in actors:
        mine = [r for a, r in reasons if a == actor]
        shades = plt.get_cmap(ACTOR_SHADES.get(actor, "Greys"))
        name = scenario.actors[actor].name
        for k, reason in enumerate(mine):
            count = data[actor][reason]
            sentence = rule_sentence(scenario, actor, reason)
            if sentence.startswith(name + " "):
                sentence = sentence[len(name) + 1:]
            ax.barh(y[actor], count, left=left[actor], height=0.6, edgecolor="white",
                    color=shades(0.85 - 0.5 * k / max(1, len(mine) - 1) if len(mine) > 1 else 0.7),
                    label=wrap(f"{name}: {sentence}", 90))
            left[actor] += count
        ax.annotate(f"{left[actor]:,}", (left[actor], y[actor]), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    if actors:
        ax.set_xlim(0, max(left.values()) * 1.1)
    ax.set_yticks([y[a] for a in actors], [scenario.actors[a].name for a in actors])
    ax.set_xlabel(f"Refusals, summed over {summary.n} replications")
    ax.set_title("Why proposals were refused, by actor")
    if reasons:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=8, ncol=1,
                  frameon=False)
    else:
        ax.text(0.5, 0.5, "No refusals", ha="center", va="center", transform=ax.transAxes)
    return fig
