"""One CSV row per replication: what happened, and the draws that led there.

Why its own module: rows are made where the replications run (a worker, possibly on
another machine), so only compact tuples travel back, and written in order by the client.
"""
from __future__ import annotations

import datetime as dt

from ..engine import Record, first_day_index
from ..engine.randomness import is_random
from ..model.scenario import Scenario

FIELDS = ["replication", "met", "first_meeting_day", "first_meeting_date",
          "first_meeting_format", "proposals", "accepted", "refused", "countered",
          "unanswered", "meetings_held", "cancellations"]


def draw_columns(scenario: Scenario) -> tuple[list[str], list[str]]:
    """The drawn parameters and the random events of a scenario, as the CSV names them."""
    drawn = [f"{a}.reservation" for a, actor in scenario.actors.items()
             if is_random(actor.reservation)]
    events = [e.id for e in scenario.spec.events if e.hazard_per_day]
    return drawn, events


def columns(scenario: Scenario) -> list[str]:
    """Every column: the outcome, then `draw:<parameter>` and `event_day:<event>`."""
    drawn, events = draw_columns(scenario)
    return [*FIELDS, *(f"draw:{d}" for d in drawn), *(f"event_day:{e}" for e in events)]


def format_id(fmt: dict[str, str] | None) -> str:
    return "" if fmt is None else "/".join(fmt.values())


def row(r: Record, scenario: Scenario,
        names: tuple[list[str], list[str]] | None = None) -> tuple:
    """The CSV row of one replication, in the order of `columns`; `names`: the scenario's
    `draw_columns`, when the caller makes many rows."""
    drawn, events = names or draw_columns(scenario)
    day = first_day_index(r)
    return (r.replication, int(r.met), "" if day is None else day,
            "" if day is None else (scenario.start + dt.timedelta(days=day)).isoformat(),
            format_id(r.first_format), r.proposals, r.accepted, r.refused, r.countered,
            r.unanswered, r.meetings_held, r.cancellations,
            *(round(r.draws[d], 6) for d in drawn),
            *("" if e not in r.event_days else round(r.event_days[e], 3) for e in events))
