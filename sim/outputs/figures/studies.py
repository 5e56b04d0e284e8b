"""Figures of studies: a sweep (a line with its band, or a heatmap over two parameters) and
a sensitivity analysis (bars with their intervals).

Axes carry the parameter's name in words; the scenario as written (the baseline) is
marked, so a student sees where the case stands; a heatmap's colours span the values that
occur, and each cell prints its number.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.ticker
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ...studies.sensitivity_reading import METHOD_WORDS
from .style import subplots, wrap

PERCENT = matplotlib.ticker.PercentFormatter(1.0)


def sweep_figure(points: Sequence[dict], paths: Sequence[str], title: str,
                 labels: Mapping[str, str] | None = None,
                 baseline: dict | None = None) -> Figure:
    """P(meeting) against one parameter (with its 95% interval), or a heatmap over two.
    `baseline`: the scenario as written, {"values": {path: value or None}, "p_meeting",
    "p_meeting_ci"} (a value is None when the scenario draws it from a distribution)."""
    labels = labels or {}
    name = [wrap(labels.get(p, p), 60) for p in paths]
    if len(paths) == 1:
        fig, ax = _line(points, paths[0], name[0], baseline)
    else:
        fig, ax = _heatmap(points, paths, name, baseline)
    # wrapped to the figure's own width (about 11 characters an inch at this size)
    ax.set_title(wrap(title, int(fig.get_size_inches()[0] * 10)), fontsize=10)
    return fig


def _line(points, path, name, baseline):
    x = [pt["values"][path] for pt in points]
    p = [pt["p_meeting"] for pt in points]
    fig, ax = subplots(figsize=(7.5, 4.4))
    ax.fill_between(x, [pt["p_meeting_ci"][0] for pt in points],
                    [pt["p_meeting_ci"][1] for pt in points], color="#0072B2", alpha=0.2,
                    lw=0, label="95% interval")
    ax.plot(x, p, marker="o", color="#0072B2", lw=2, label="P(meeting by the horizon)")
    if baseline is not None:
        value = baseline["values"].get(path)
        lo, hi = baseline["p_meeting_ci"]
        if value is None:  # drawn from a distribution: a level, not a point on the axis
            ax.axhline(baseline["p_meeting"], color="#D55E00", ls="--", lw=1.6, zorder=3,
                       label="the scenario as written (value drawn per replication)")
            ax.axhspan(lo, hi, color="#D55E00", alpha=0.08, lw=0)
        else:
            ax.errorbar([value], [baseline["p_meeting"]],
                        yerr=[[baseline["p_meeting"] - lo], [hi - baseline["p_meeting"]]],
                        fmt="D", color="#D55E00", ms=8, capsize=4,
                        label=f"the scenario as written ({value:g})")
    ax.set_xlabel(name)
    ax.set_ylim(-0.03, 1.03)  # a level of 0 or 1 stays in sight, off the frame
    ax.yaxis.set_major_formatter(PERCENT)
    ax.set_ylabel("P(meeting by the horizon)")
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=8)
    return fig, ax


def _heatmap(points, paths, name, baseline):
    xs = sorted({pt["values"][paths[0]] for pt in points})
    ys = sorted({pt["values"][paths[1]] for pt in points})
    at = {(pt["values"][paths[0]], pt["values"][paths[1]]): pt["p_meeting"] for pt in points}
    grid = [[at[(x, y)] for x in xs] for y in ys]
    flat = [v for row in grid for v in row]
    low, high = min(flat), max(flat)
    if high - low < 0.02:  # nearly flat: a narrow band around the value, not a false range
        low, high = max(0.0, low - 0.01), min(1.0, high + 0.01)
    fig, ax = subplots(figsize=(0.95 * len(xs) + 3.4, 0.55 * len(ys) + 2.6))
    image = ax.imshow(grid, origin="lower", cmap="viridis", vmin=low, vmax=high,
                      aspect="auto")
    for j, row in enumerate(grid):
        for i, value in enumerate(row):
            light = (value - low) / (high - low) > 0.6
            ax.text(i, j, f"{value:.1%}", ha="center", va="center", fontsize=8,
                    color="black" if light else "white")
    if baseline is not None:
        bx, by = (baseline["values"].get(p) for p in paths)
        if bx in xs and by in ys:
            ax.add_patch(Rectangle((xs.index(bx) - 0.5, ys.index(by) - 0.5), 1, 1,
                                   fill=False, ec="#D55E00", lw=2.5))
            ax.annotate("as written", (xs.index(bx), ys.index(by) + 0.5), ha="center",
                        va="bottom", fontsize=7, color="#D55E00")
        else:  # off the grid, or drawn per replication: say it in words under the map
            lo, hi = baseline["p_meeting_ci"]
            where = "; ".join(f"{label} " + ("drawn per replication" if v is None
                                             else f"= {v:g}")
                              for label, v in zip(name, (bx, by)))
            fig.supxlabel(wrap(f"The scenario as written ({where}): P(meeting) "
                               f"{baseline['p_meeting']:.1%} ({lo:.1%} to {hi:.1%})",
                               int(fig.get_size_inches()[0] * 11)), fontsize=8,
                          color="#D55E00")
    ax.set_xticks(range(len(xs)), [f"{x:g}" for x in xs])
    ax.set_yticks(range(len(ys)), [f"{y:g}" for y in ys])
    ax.set_xlabel(name[0])
    ax.set_ylabel(name[1])
    fig.colorbar(image, ax=ax, label="P(meeting by the horizon)", format=PERCENT)
    return fig, ax


def sensitivity_figure(indices: Sequence[dict], method: str, title: str,
                       labels: Mapping[str, str] | None = None,
                       caution: str | None = None) -> Figure:
    """Each parameter's effect on P(meeting) and on the median days, with its 95%
    interval, most influential first; one plain sentence says what the index means."""
    labels = labels or {}
    key = "mu_star" if method == "morris" else "S1"
    days_key = "days_mu_star" if method == "morris" else "days_S1"
    names = [wrap(labels.get(i["param"], i["param"]), 45) for i in indices][::-1]
    fig, axes = subplots(1, 2, figsize=(12, 0.6 * len(names) + 2.6), sharey=True)
    for ax, k, conf, label, colour in (
            (axes[0], key, "conf", "effect on P(meeting)", "#0072B2"),
            (axes[1], days_key, "days_conf", "effect on median days to a meeting", "#E69F00")):
        values = [i[k] for i in indices][::-1]
        errors = [i[conf] for i in indices][::-1]
        ax.barh(range(len(names)), values, xerr=errors, color=colour, capsize=3)
        for y, v in enumerate(values):
            if v == 0:
                ax.annotate("no effect", (0, y), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=8, color="#555555")
        ax.set_xlabel(("Morris \u03bc*" if method == "morris" else "Sobol first-order S1")
                      + f": {label}")
        ax.axvline(0, color="black", lw=0.8)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(range(len(names)), names, fontsize=8)
    fig.suptitle(wrap(title, 110), fontsize=11)
    note = METHOD_WORDS[method] + " Error bars: 95% intervals."
    if caution:  # said on the figure itself: a bar chart looks surer than it is
        note += " " + caution
    fig.supxlabel(wrap(note, 160), fontsize=8, color="#B00020" if caution else "#333333")
    return fig

