"""The class view: every game of a class side by side, and the class's outcomes against
the model's own distribution for the same scenario.

Why the model's distribution: a group that met three times has done something only
against what the modelled actors, left alone, do with the same scenario; replications
0..N-1 of the game's own seed are that yardstick (a game is replication 0 of its seed).
And only to the same day: a game the teacher ended on day 30 is set against the meetings
the model's runs had held by day 30, not by the end of the horizon.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from ..engine import Compiled, Game, replicate
from ..model.scenario import Scenario
from .debrief import debrief


def game_row(sc: Scenario, game: Game | None, seats: Mapping[str, str], seed: int,
             label: str) -> dict[str, Any]:
    """One game in a line: meetings held, their formats, and per seat how often the person
    departed from the modelled actor (and how often the model decided at a deadline)."""
    row: dict[str, Any] = {"game": label, "seed": seed, "seats": dict(seats),
                           "started": game is not None, "over": bool(game and game.over),
                           "meetings_held": 0, "formats": [], "first_meeting": None,
                           "per_seat": {}}
    if game is None:
        return row
    rec = game.record
    row["meetings_held"] = rec.meetings_held
    held = Counter(sc.space.label(e["format"]) for e in rec.trace
                   if e["type"] == "meeting_held")
    row["formats"] = [label + (f" (\u00d7{n})" if n > 1 else "") for label, n in held.items()]
    if rec.first_day is not None:
        row["first_meeting"] = round(rec.first_day, 1)
    for actor in seats:
        d = debrief(sc, game, actor, seed)
        row["per_seat"][actor] = {"decisions": len(d["decisions"]),
                                  "departures": d["departures"], "crossed": d["crossed"],
                                  "by_model": d["by_model"]}
    return row


def model_meeting_days(sc: Scenario, seed: int, n: int) -> list[tuple[float, ...]]:
    """The days of the meetings held in each of replications 0..n-1 of `seed`, every seat
    the model's (from their traces), so that they can be counted up to any day."""
    compiled = Compiled(sc)
    return [tuple(e["day"] for e in replicate(compiled, i, seed, trace=True).trace
                  if e["type"] == "meeting_held") for i in range(n)]


def meetings_by(days: list[tuple[float, ...]], day: float) -> Counter:
    """How many replications had held 0, 1, 2... meetings by `day` (inclusive)."""
    return Counter(sum(d <= day for d in held) for held in days)


def end_day(game: Game) -> float:
    """The simulated day a finished game reached: its horizon, or the day it was ended."""
    return min(game.clock, game.horizon) if game.ended else game.horizon
