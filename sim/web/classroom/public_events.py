"""What everyone in a game may know, in words: for the projector, which the whole class sees.

Why its own reading of the trace: a seat's timeline (`play.timeline.Teller` over the seat's
`engine.View`) tells proposals, answers and injects to that seat alone. The projector tells
only what every seat is told (`engine.view.PUBLIC`, and the world's changes sent to no one
in particular), plus the game's start and end, and leaves out even the reasons a meeting
was called off: they can name a rule its actor keeps private.
"""
from __future__ import annotations

import datetime as dt
import math

from ...engine.view import PUBLIC
from ...play.classview import end_day
from ...play.timeline import Teller, cap
from .room import GameRoom

LATEST = 6  # events on the projector: what a class reads from the back of the room


def is_public(entry: dict) -> bool:
    """True for a trace entry that every seat of the game is told of."""
    kind = entry["type"]
    return kind in PUBLIC or (kind == "event" and entry.get("to") is None)


def public_events(room: GameRoom, limit: int = LATEST) -> list[tuple[str, str]]:
    """The latest public events of a game as (date, words), newest first."""
    game, sc = room.game, room.scenario
    if game is None:
        return []
    teller = Teller(sc)
    told = [(sc.start.isoformat(), "The game starts")]
    for e in game.record.trace:
        if not is_public(e):
            continue
        if e["type"] == "meeting_cancelled":  # who called it off, never why
            who = " and ".join(sc.actors[a].name for a in e["reasons"])
            words = f"An agreed meeting is called off by {who}: {sc.space.label(e['format'])}"
        else:
            words = cap(teller.line(e))
        if words:
            told.append((teller.date(e["day"]), words))
    if room.state == "over":
        held = game.record.meetings_held
        day = math.floor(end_day(game))
        told.append(((sc.start + dt.timedelta(days=day)).isoformat(),
                     f"The game is over: {held} meeting{'s' if held != 1 else ''} held"))
    return told[::-1][:limit]
