"""Figures of studies: a sweep (line or heatmap) and a sensitivity analysis (bars)."""
from __future__ import annotations

from typing import Sequence

import matplotlib.ticker
from matplotlib.figure import Figure

from .style import subplots


def sweep_figure(points: Sequence[dict], paths: Sequence[str], title: str) -> Figure:
    """P(meeting) against one parameter (with its 95% interval), or a heatmap over two."""
    if len(paths) == 1:
        path = paths[0]
        x = [pt["values"][path] for pt in points]
        p = [pt["p_meeting"] for pt in points]
        lo = [pt["p_meeting_ci"][0] for pt in points]
        hi = [pt["p_meeting_ci"][1] for pt in points]
        fig, ax = subplots(figsize=(7, 4.2))
        ax.fill_between(x, lo, hi, color="#4c72b0", alpha=0.2, lw=0, label="95% interval")
        ax.plot(x, p, marker="o", color="#4c72b0", lw=2, label="P(meeting by the horizon)")
        ax.set_xlabel(path)
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_ylabel("P(meeting by the horizon)")
        ax.grid(alpha=0.3)
        ax.legend(loc="best", fontsize=9)
    else:
        xs = sorted({pt["values"][paths[0]] for pt in points})
        ys = sorted({pt["values"][paths[1]] for pt in points})
        grid = [[next(pt["p_meeting"] for pt in points if pt["values"][paths[0]] == x
                      and pt["values"][paths[1]] == y) for x in xs] for y in ys]
        fig, ax = subplots(figsize=(1.0 * len(xs) + 3, 0.6 * len(ys) + 2.5))
        image = ax.imshow(grid, origin="lower", cmap="viridis", vmin=0, vmax=1, aspect="auto")
        for j, row in enumerate(grid):
            for i, value in enumerate(row):
                ax.text(i, j, f"{value:.0%}", ha="center", va="center", fontsize=8,
                        color="white" if value < 0.6 else "black")
        ax.set_xticks(range(len(xs)), [f"{x:g}" for x in xs])
        ax.set_yticks(range(len(ys)), [f"{y:g}" for y in ys])
        ax.set_xlabel(paths[0])
        ax.set_ylabel(paths[1])
        fig.colorbar(image, ax=ax, label="P(meeting by the horizon)",
                     format=matplotlib.ticker.PercentFormatter(1.0))
    ax.set_title(title)
    return fig


def sensitivity_figure(indices: Sequence[dict], method: str, title: str) -> Figure:
    """Tornado-style bars: each parameter's effect on P(meeting) and on the median days,
    with its 95% confidence interval, most influential first."""
    key = "mu_star" if method == "morris" else "S1"
    days_key = "days_mu_star" if method == "morris" else "days_S1"
    names = [i["param"] for i in indices][::-1]
    fig, axes = subplots(1, 2, figsize=(11, 0.55 * len(names) + 2), sharey=True)
    for ax, k, conf, label, colour in (
            (axes[0], key, "conf", "effect on P(meeting)", "#4c72b0"),
            (axes[1], days_key, "days_conf", "effect on median days to a meeting", "#dd8452")):
        values = [i[k] for i in indices][::-1]
        errors = [i[conf] for i in indices][::-1]
        ax.barh(range(len(names)), values, xerr=errors, color=colour, capsize=3)
        for y, v in enumerate(values):
            if v == 0:
                ax.annotate("no effect", (0, y), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=8, color="#555555")
        ax.set_xlabel(("Morris \u03bc* (mean absolute elementary effect)" if method == "morris"
                       else "Sobol first-order index S1") + f"\n{label}")
        ax.axvline(0, color="black", lw=0.8)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(range(len(names)), names)
    fig.suptitle(f"{title}\n(error bars: 95% intervals)", fontsize=11)
    return fig
