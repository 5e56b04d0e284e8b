"""One replication's timeline: who proposed what, the answers, the meetings and the changes
of the world, drawn on a lane per proposer and told in words beneath.

Each proposal is numbered on its lane and in the story, so a reader can follow a marker to
the sentence that says what it was and what became of it.
"""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from ...engine import Record
from ...model.scenario import Scenario
from ..story import short_date, step_line, story
from .style import date_axis, dates, plt, wrap

FATE_COLOURS = {"held": "#009E73", "cancelled": "#E69F00", "agreed": "#56B4E9",
                "refused": "#D55E00", "countered": "#CC79A7", "unanswered": "#999999"}
FATE_WORDS = {"held": "meeting held", "cancelled": "agreed, then cancelled",
              "agreed": "agreed (meeting after the horizon)", "refused": "refused",
              "countered": "refused with a counter-proposal", "unanswered": "no answer"}
MAX_LINES = 34


def timeline_figure(record: Record, scenario: Scenario, title: str | None = None) -> Figure:
    assert record.trace is not None, "the timeline needs a traced replication"
    steps = story(record.trace, scenario)
    proposals = [s for s in steps if s.kind == "proposal"]
    lanes = [a for a in scenario.actors if any(s.actor == a for s in proposals)]
    lines = [step_line(scenario, s) for s in steps]
    shown = lines[:MAX_LINES] + ([f"... and {len(lines) - MAX_LINES} more"]
                                 if len(lines) > MAX_LINES else [])
    wrapped = [wrap(line, 165) for line in shown] or ["Nobody proposed anything: every "
                                                       "format breaks a rule all proposers "
                                                       "know."]
    text_rows = sum(w.count("\n") + 1 for w in wrapped)
    top = 0.55 * max(1, len(lanes)) + 1.4
    fig = plt.figure(figsize=(11, top + 0.155 * text_rows + 0.3), layout="constrained")
    ax, words = fig.subplots(2, 1, height_ratios=[top, 0.155 * text_rows + 0.1])
    lane = {a: len(lanes) - i for i, a in enumerate(lanes)}
    for s in proposals:
        x = dates(scenario.start, [s.day])[0]
        colour = FATE_COLOURS.get(s.outcome, "#999999")
        ax.plot([x], [lane[s.actor]], "o", ms=13, color=colour, zorder=3)
        ax.annotate(str(s.number), (x, lane[s.actor]), ha="center", va="center",
                    fontsize=7, color="white", fontweight="bold", zorder=4)
        if s.meeting_day is not None and s.outcome in ("held", "cancelled"):
            end = dates(scenario.start, [s.meeting_day])[0]
            ax.plot([x, end], [lane[s.actor], lane[s.actor]], color=colour, lw=2, alpha=0.6)
            ax.plot([end], [lane[s.actor]], "*" if s.outcome == "held" else "X", ms=12,
                    color=colour, zorder=3)
    for s in steps:
        if s.kind == "event":
            ax.axvline(dates(scenario.start, [s.day])[0], color="#555555", ls=":", lw=1.2)
    ax.set_yticks([lane[a] for a in lanes], [scenario.actors[a].name for a in lanes])
    ax.set_ylim(0.4, len(lanes) + 0.6)
    ax.set_xlim(*dates(scenario.start, [-1, scenario.spec.horizon_days + 1.5]))
    date_axis(ax)
    ax.grid(axis="x", alpha=0.3)
    fates = [f for f in FATE_COLOURS if any(s.outcome == f for s in proposals)]
    handles = [Line2D([], [], marker="o", ls="", color=FATE_COLOURS[f], label=FATE_WORDS[f])
               for f in fates]
    for marker, fate, label in (("*", "held", "the day of the meeting"),
                                ("X", "cancelled", "the day it was cancelled")):
        if fate in fates:
            handles.append(Line2D([], [], marker=marker, ls="", ms=10,
                                  color=FATE_COLOURS[fate], label=label))
    if any(s.kind == "event" for s in steps):
        handles.append(Line2D([], [], color="#555555", ls=":", label="the world changes"))
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                  ncol=min(4, len(handles)), fontsize=8, frameon=False)
    ax.set_title(title or wrap(f"{scenario.spec.title}: one replication (no. "
                               f"{record.replication}), "
                               f"{short_date(scenario, 0)} to "
                               f"{short_date(scenario, scenario.spec.horizon_days)} "
                               f"{(scenario.start.year)}", 100), fontsize=10)
    words.axis("off")
    # The story starts at the figure's left edge, not under the lane names.
    words.text(0.012, 1, "\n".join(wrapped), va="top", ha="left", fontsize=8,
               transform=blended_transform_factory(fig.transFigure, words.transAxes),
               linespacing=1.35)
    return fig
