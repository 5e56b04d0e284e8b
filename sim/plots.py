"""Figures for class: plain words, calendar dates, rule sentences instead of rule ids.

Each function takes results and returns a matplotlib Figure (headless: the Agg backend);
`save` writes it as PNG and SVG. The numbers come from `analysis`, so tests can compare
what is drawn with what was computed.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from . import analysis  # noqa: E402
from .engine import Record  # noqa: E402
from .experiment import Summary  # noqa: E402
from .feasibility import FeasibilityTable  # noqa: E402
from .render import rule_sentence  # noqa: E402
from .scenario import Scenario  # noqa: E402

ACTOR_SHADES = {"baku": "Blues", "stepanakert": "Reds", "yerevan": "Oranges",
                "russian_peacekeepers": "copper", "western_mediators": "Greens"}
BLOCKER_PALETTE = ["#fc8d62", "#8da0cb", "#e78ac3", "#ffd92f", "#e5c494", "#80b1d3",
                   "#fdb462", "#bebada", "#fb8072", "#b3b3b3"]  # no green: green is "possible"
POSSIBLE = "#b7e1a1"
SEVERAL = "#d9d9d9"  # blocked by more than one actor


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width)) or text


def save(fig: Figure, folder: Path, stem: str) -> list[Path]:
    paths = []
    for ext in ("png", "svg"):
        path = folder / f"{stem}.{ext}"
        fig.savefig(path, dpi=150 if ext == "png" else None, bbox_inches="tight")
        paths.append(path)
    plt.close(fig)
    return paths


def _dates(start: dt.date, days: Sequence[float]) -> list[dt.datetime]:
    base = dt.datetime.combine(start, dt.time())
    return [base + dt.timedelta(days=float(d)) for d in days]


def _date_axis(ax) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def ecdf_figure(series: Sequence[tuple[str, Summary, int]], start: dt.date | None,
                title: str) -> Figure:
    """P(a first meeting has happened by each date), with a 95% band; each series ends at
    its own horizon, which is marked. With `start=None` the x axis is days since each
    scenario's start (for comparing scenarios that start on different dates)."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    horizons: dict[int, list[str]] = {}
    for i, (label, summary, horizon) in enumerate(series):
        e = analysis.ecdf(summary, horizon)
        x = _dates(start, e.days) if start else e.days
        colour = plt.get_cmap("tab10")(i)
        ax.step(x, e.p, where="post", color=colour, lw=2,
                label=f"{label}: {e.p[-1]:.0%} by the horizon")
        ax.fill_between(x, e.lo, e.hi, step="post", color=colour, alpha=0.2, lw=0)
        horizons.setdefault(horizon, []).append(label)
    for k, horizon in enumerate(sorted(horizons)):
        end = _dates(start, [horizon])[0] if start else horizon
        ax.axvline(end, color="black", ls="--", lw=1)
        ax.annotate(f"horizon\n{end:%d %b %Y}" if start else f"horizon\nday {horizon}",
                    (end, 1.0 - 0.12 * k), xytext=(-4, -4), textcoords="offset points",
                    ha="right", va="top", fontsize=9)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("Share of replications with a meeting so far")
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    if start:
        ax.set_xlabel("Date")
        _date_axis(ax)
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
    fig, ax = plt.subplots(figsize=(9, 0.5 * max(2, len(values)) + 1.5))
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
    fig, ax = plt.subplots(figsize=(9, 1.0 * max(2, len(actors)) + 0.35 * len(reasons) + 1.5))
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


def heatmap_figure(table: FeasibilityTable, scenario: Scenario, agenda: str | None = None,
                   delegation: str | None = None) -> Figure:
    """Venue x mediation for one agenda and delegation; each cell says who blocks it."""
    if agenda is None or delegation is None:
        best = analysis.most_permissive(table)
        agenda, delegation = agenda or best[0], delegation or best[1]
    grid = analysis.heatmap_grid(table, scenario, agenda, delegation)
    space = scenario.space
    # The same colour for the same blocker in every figure: one per actor, grey for several.
    order = list(scenario.actors)
    colour = {(a,): BLOCKER_PALETTE[order.index(a) % len(BLOCKER_PALETTE)] for a in order}
    fig, ax = plt.subplots(figsize=(1.9 * len(grid.columns) + 2.5, 0.8 * len(grid.rows) + 2))
    for i in range(len(grid.rows)):
        for j in range(len(grid.columns)):
            who = grid.blockers[i][j]
            fill = POSSIBLE if not who else colour.get(tuple(who), SEVERAL)
            ax.add_patch(matplotlib.patches.Rectangle((j, i), 1, 1, facecolor=fill,
                                                      edgecolor="white", lw=2))
            text = "possible" if not who else "blocked by\n" + "\n".join(
                scenario.actors[a].name for a in who)
            ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=8,
                    fontweight="bold" if not who else "normal")
    ax.set_xlim(0, len(grid.columns))
    ax.set_ylim(len(grid.rows), 0)
    ax.set_xticks([j + 0.5 for j in range(len(grid.columns))],
                  [wrap(space.value_label("mediation", m), 16) for m in grid.columns],
                  fontsize=9)
    ax.set_yticks([i + 0.5 for i in range(len(grid.rows))],
                  [space.value_label("venue", v) for v in grid.rows])
    ax.set_xlabel("Mediation")
    ax.set_ylabel("Venue")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title(wrap(f"Who blocks each format on {table.date}: agenda "
                      f"'{space.value_label('agenda', agenda)}', Stepanakert represented by "
                      f"'{space.value_label('delegation', delegation)}'", 80), fontsize=11)
    return fig


TIMELINE_MARKS = {
    "proposal": ("o", "#444444", "proposal"),
    "accept": ("^", "#2ca02c", "accepts"),
    "refuse": ("v", "#d62728", "refuses"),
    "meeting_held": ("*", "#2ca02c", "meeting held"),
    "meeting_cancelled": ("X", "#d62728", "meeting cancelled"),
}


def timeline_figure(record: Record, scenario: Scenario, title: str | None = None) -> Figure:
    """One replication: a lane per actor with proposals, answers and meetings; world-state
    events as labelled vertical lines; agreed meetings as bars from agreement to the day."""
    assert record.trace is not None, "the timeline needs a traced replication"
    active = {e.get("proposer") or e.get("actor") for e in record.trace}
    actors = [a for a in scenario.actors if a in active] or list(scenario.actors)
    lane = {a: len(actors) - i for i, a in enumerate(actors)}
    fig, ax = plt.subplots(figsize=(10, 0.7 * len(actors) + 2.6))
    seen: set[str] = set()
    proposers: dict[int, str] = {}

    def mark(kind: str, day: float, y: float) -> None:
        marker, colour, label = TIMELINE_MARKS[kind]
        ax.plot(_dates(scenario.start, [day]), [y], marker=marker, color=colour, ls="",
                ms=11 if kind.startswith("meeting") else 7,
                label=None if label in seen else label, zorder=3)
        seen.add(label)

    event_days = []
    for e in record.trace:
        kind, day = e["type"], e["day"]
        if kind == "proposal":
            proposers[e["id"]] = e["proposer"]
            mark("proposal", day, lane[e["proposer"]])
        elif kind == "answer":
            mark("accept" if e["accept"] else "refuse", day, lane[e["actor"]] + 0.22)
        elif kind == "meeting_scheduled":
            x = _dates(scenario.start, [day, e["on_day"]])
            ax.plot(x, [0.4, 0.4], color="#999999", lw=4, solid_capstyle="butt",
                    label=None if "meeting agreed (to its day)" in seen
                    else "meeting agreed (to its day)")
            seen.add("meeting agreed (to its day)")
        elif kind in ("meeting_held", "meeting_cancelled"):
            mark(kind, day, 0.4)
        elif kind == "event":
            event_days.append((day, e["cause"], e["set"]))
    for k, (day, cause, changes) in enumerate(event_days):
        x = _dates(scenario.start, [day])[0]
        ax.axvline(x, color="#7f7f7f", ls=":", lw=1.2)
        text = ", ".join(f"{n}={str(v).lower()}" for n, v in changes.items())
        ax.annotate(wrap(text, 28), (x, len(actors) + 0.7 - 0.35 * (k % 2)), fontsize=7.5,
                    ha="left", va="center", xytext=(3, 0), textcoords="offset points",
                    color="#444444")
    ax.set_yticks([lane[a] for a in actors] + [0.4],
                  [scenario.actors[a].name for a in actors] + ["Meetings"])
    ax.set_ylim(0, len(actors) + 1)
    end = _dates(scenario.start, [scenario.spec.horizon_days])[0]
    ax.set_xlim(_dates(scenario.start, [0])[0], end)
    _date_axis(ax)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title or f"One replication (no. {record.replication}): who proposed, who "
                 f"answered how, and what changed the world (dotted lines)", fontsize=10)
    if seen:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=6, fontsize=8,
                  frameon=False)
    else:
        ax.text(0.5, 0.5, "Nobody proposed anything: every format breaks a rule that all "
                "proposers know", ha="center", va="center", transform=ax.transAxes)
    return fig


def sweep_figure(points: Sequence[dict], paths: Sequence[str], title: str) -> Figure:
    """P(meeting) against one parameter (with its 95% interval), or a heatmap over two."""
    if len(paths) == 1:
        path = paths[0]
        x = [pt["values"][path] for pt in points]
        p = [pt["p_meeting"] for pt in points]
        lo = [pt["p_meeting_ci"][0] for pt in points]
        hi = [pt["p_meeting_ci"][1] for pt in points]
        fig, ax = plt.subplots(figsize=(7, 4.2))
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
        fig, ax = plt.subplots(figsize=(1.0 * len(xs) + 3, 0.6 * len(ys) + 2.5))
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
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.55 * len(names) + 2), sharey=True)
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
    fig.tight_layout()
    return fig
