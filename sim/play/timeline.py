"""A game's trace in words: one line per proposal, answer, meeting and change of the world."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.labels import state_words
from ..model.scenario import Scenario
from ..outputs.story import cause_words, reasons_words


def describe(sc: Scenario, e: dict[str, Any]) -> str:
    """One trace entry in words, for the screen and the debrief."""
    date = (sc.start + dt.timedelta(days=int(e["day"]))).isoformat()
    name = lambda a: sc.actors[a].name  # noqa: E731
    kind = e["type"]
    if kind == "proposal":
        return f"{date}  proposal from {name(e['proposer'])}: {sc.space.label(e['format'])}"
    if kind == "answer":
        verb = "accepts" if e["accept"] else f"refuses ({reasons_words(e['reasons'])})"
        return f"{date}  {name(e['actor'])} {verb}"
    if kind == "meeting_scheduled":
        return f"{date}  a meeting is agreed: {sc.space.label(e['format'])}"
    if kind == "meeting_held":
        return f"{date}  MEETING HELD: {sc.space.label(e['format'])}"
    if kind == "meeting_cancelled":
        who = "; ".join(f"{name(a)} ({reasons_words(ids)})" for a, ids in e["reasons"].items())
        return f"{date}  an agreed meeting is cancelled by {who}"
    if kind == "event":
        return (f"{date}  the world changes: {state_words(sc.variables, e['set'])} "
                f"({cause_words(sc, e['cause'])})")
    return ""
