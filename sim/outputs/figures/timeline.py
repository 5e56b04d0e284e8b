"""One replication's timeline: who proposed, who answered how, meetings, changes of the world."""
from __future__ import annotations

from matplotlib.figure import Figure

from ...engine import Record
from ...model.scenario import Scenario
from .style import date_axis, dates, subplots, wrap

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
    fig, ax = subplots(figsize=(10, 0.7 * len(actors) + 2.6))
    seen: set[str] = set()
    proposers: dict[int, str] = {}

    def mark(kind: str, day: float, y: float) -> None:
        marker, colour, label = TIMELINE_MARKS[kind]
        ax.plot(dates(scenario.start, [day]), [y], marker=marker, color=colour, ls="",
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
            x = dates(scenario.start, [day, e["on_day"]])
            ax.plot(x, [0.4, 0.4], color="#999999", lw=4, solid_capstyle="butt",
                    label=None if "meeting agreed (to its day)" in seen
                    else "meeting agreed (to its day)")
            seen.add("meeting agreed (to its day)")
        elif kind in ("meeting_held", "meeting_cancelled"):
            mark(kind, day, 0.4)
        elif kind == "event":
            event_days.append((day, e["cause"], e["set"]))
    for k, (day, cause, changes) in enumerate(event_days):
        x = dates(scenario.start, [day])[0]
        ax.axvline(x, color="#7f7f7f", ls=":", lw=1.2)
        text = ", ".join(f"{n}={str(v).lower()}" for n, v in changes.items())
        ax.annotate(wrap(text, 28), (x, len(actors) + 0.7 - 0.35 * (k % 2)), fontsize=7.5,
                    ha="left", va="center", xytext=(3, 0), textcoords="offset points",
                    color="#444444")
    ax.set_yticks([lane[a] for a in actors] + [0.4],
                  [scenario.actors[a].name for a in actors] + ["Meetings"])
    ax.set_ylim(0, len(actors) + 1)
    end = dates(scenario.start, [scenario.spec.horizon_days])[0]
    ax.set_xlim(dates(scenario.start, [0])[0], end)
    date_axis(ax)
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
