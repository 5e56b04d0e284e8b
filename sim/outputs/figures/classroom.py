"""The class's games drawn against the model's Monte Carlo distribution (the class view).

Bars: the share of the model's replications that held 0, 1, 2... meetings by the day the
title names (every seat the model's). Markers above the bars: each game the class played,
at the number of meetings it held, labelled with its code, so a teacher sees at a glance
which groups met more or less often than the modelled actors do.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import matplotlib.ticker
from matplotlib.figure import Figure

from .style import SERIES, subplots, wrap


def class_figure(title: str, model: Counter, games: Sequence[tuple[str, int]]) -> Figure:
    """`model`: meetings held -> replications; `games`: (label, meetings held) per game."""
    n = sum(model.values()) or 1
    top = max([*model, *(m for _, m in games), 1])
    xs = list(range(top + 1))
    fig, ax = subplots(figsize=(8, 3.8))
    shares = [model.get(x, 0) / n for x in xs]
    ax.bar(xs, shares, color="#bbbbbb", label=f"the model alone ({n} replications)")
    peak = max(shares + [0.05])
    stacked: Counter = Counter()
    for label, meetings in games:
        stacked[meetings] += 1
        y = model.get(meetings, 0) / n + peak * 0.08 * stacked[meetings]
        ax.plot(meetings, y, marker="v", ms=9, color=SERIES[0], ls="none")
        ax.annotate(label, (meetings, y), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=10)
    if games:
        ax.plot([], [], marker="v", ms=9, color=SERIES[0], ls="none",
                label=f"the class's games ({len(games)})")
    ax.set_xticks(xs)
    ax.tick_params(labelsize=10)
    ax.set_xlabel("meetings held in the game", fontsize=11)
    ax.set_ylabel("share of the model's replications", fontsize=11)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    ax.set_ylim(0, peak * (1.25 + 0.08 * max(stacked.values(), default=0)))
    # the room above the bars is for the games' markers: no share above 100% is marked
    ax.set_yticks([t for t in ax.get_yticks() if 0 <= t <= 1.0 + 1e-9])
    ax.legend(loc="best", fontsize=10, frameon=False)
    ax.set_title(wrap(title, 75), fontsize=12)
    return fig
