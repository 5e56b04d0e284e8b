"""A game's trace in words: one line per proposal, answer, meeting and change of the world."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.scenario import Scenario
from ..outputs.text import show


def describe(sc: Scenario, e: dict[str, Any]) -> str:
    """One trace entry in words, for the screen and the debrief."""
    date = (sc.start + dt.timedelta(days=int(e["day"]))).isoformat()
    name = lambda a: sc.actors[a].name  # noqa: E731
    kind = e["type"]
    if kind == "proposal":
        return f"{date}  proposal from {name(e['proposer'])}: {sc.space.label(e['format'])}"
    if kind == "answer":
        verb = "accepts" if e["accept"] else "refuses (" + ", ".join(e["reasons"]) + ")"
        return f"{date}  {name(e['actor'])} {verb}"
    if kind == "meeting_scheduled":
        return f"{date}  a meeting is agreed: {sc.space.label(e['format'])}"
    if kind == "meeting_held":
        return f"{date}  MEETING HELD: {sc.space.label(e['format'])}"
    if kind == "meeting_cancelled":
        return f"{date}  meeting cancelled on the day: {e['reasons']}"
    if kind == "event":
        sets = ", ".join(f"{k}={show(v)}" for k, v in e["set"].items())
        return f"{date}  the world changes: {sets} ({e['cause']})"
    return ""
