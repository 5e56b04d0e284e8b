"""Several scenarios' P(meeting) curves: overlaid when there are a few, small multiples
(each beside the baseline) when more would tangle."""
from __future__ import annotations

import math
from typing import Sequence

import matplotlib.ticker
from matplotlib.figure import Figure

from .. import analysis
from .outcomes import Series, ecdf_figure
from .style import SERIES, subplots, wrap

OVERLAY_AT_MOST = 4


def compare_figure(series: Sequence[Series], title: str) -> Figure:
    """The first series is the baseline, drawn in grey on every small multiple."""
    if len(series) <= OVERLAY_AT_MOST:
        return ecdf_figure(series, None, title)
    base_label, base, base_h = series[0]
    others = series[1:]
    cols = 3
    rows = math.ceil(len(others) / cols)
    fig, axes = subplots(rows, cols, figsize=(11, 2.6 * rows + 1.2), sharex=True,
                         sharey=True, squeeze=False)
    b = analysis.ecdf(base, base_h)
    for k, ax in enumerate(axes.flat):
        if k >= len(others):
            ax.axis("off")
            continue
        label, summary, horizon = others[k]
        e = analysis.ecdf(summary, horizon)
        ax.step(b.days, b.p, where="post", color="#999999", lw=1.5)
        ax.step(e.days, e.p, where="post", color=SERIES[k % len(SERIES)], lw=2)
        ax.fill_between(e.days, e.lo, e.hi, step="post", color=SERIES[k % len(SERIES)],
                        alpha=0.2, lw=0)
        ax.set_title(wrap(f"{label}: {e.p[-1]:.0%} (baseline {b.p[-1]:.0%})", 42),
                     fontsize=8.5)
        ax.set_ylim(-0.03, 1.03)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.grid(alpha=0.3)
    fig.suptitle(wrap(f"{title}. Grey: {base_label} (the baseline); band: 95% interval", 120),
                 fontsize=10)
    fig.supxlabel("Days since the scenario's start", fontsize=9)
    fig.supylabel("Share of replications with a meeting so far", fontsize=9)
    return fig
