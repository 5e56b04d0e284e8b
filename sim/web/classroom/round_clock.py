"""The class-wide round clock: "5 minutes a round", started, paused, reset and moved to the
next round by the teacher, and shown on every classroom page.

Why its own plain object: a teacher runs a class in rounds of real minutes (talk, then
decide), whatever the simulated clock of each game does; the round clock drives nothing in
the simulation. It is a few numbers and a clock passed in, so the tests move time by hand
instead of sleeping. It keeps wall-clock time (not the monotonic clock the games use) and
is written to the classroom folder on every change: a round running when the server
stopped is still running after the restart, as it was in the room meanwhile.
"""
from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path
from typing import Callable

from ..common.library import Refused
from ..common.runs import typed

FILE = "round-clock.json"  # in the classroom folder, beside the sessions' folders
MINUTES = (1, 60)          # the range a teacher may set, in minutes a round
DEFAULT_MINUTES = 5.0


def clock_text(seconds: float) -> str:
    """'3:12' for a time left (whole seconds, rounded up: a round shows 5:00 as it starts
    and 'time is up' only when no second is left)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def check_minutes(value: object) -> float:
    """Minutes a round from what a teacher typed, or Refused saying what is allowed."""
    low, high = MINUTES
    try:
        minutes = float(str(value).strip()) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        minutes = math.nan
    if not low <= minutes <= high:  # NaN and infinities fail here too
        raise Refused(f"Minutes a round: a number from {low} to {high}; got {typed(value)}.")
    return minutes


class RoundClock:
    """One round clock for the classroom: its length, its round and the time used in it.

    `since` is the wall-clock time the round was last started or resumed (None: stopped);
    `used` the seconds of the round spent before that moment."""

    def __init__(self, path: Path | None = None, clock: Callable[[], float] = time.time):
        self.path, self.clock = path, clock
        self.minutes = DEFAULT_MINUTES
        self.round = 1
        self.used = 0.0
        self.since: float | None = None
        self.problem = ""  # why a saved clock could not be read back ('' when it could)

    # --- what it shows --------------------------------------------------------------------
    def used_now(self) -> float:
        running = 0.0 if self.since is None else max(0.0, self.clock() - self.since)
        return min(self.used + running, self.minutes * 60)

    def left(self) -> float:
        return self.minutes * 60 - self.used_now()

    @property
    def state(self) -> str:
        """'idle' (never started since the last reset), 'running', 'paused' or 'up'."""
        if self.left() <= 1e-6:  # (float sums of seconds: up means no time left to show)
            return "up"
        if self.since is not None:
            return "running"
        return "idle" if self.round == 1 and self.used == 0 else "paused"

    def text(self) -> str:
        """'Round 2 – 3:12 left', '... (paused)', 'Round 2 – time is up'; '' while idle (a
        class that does not use the clock sees nothing of it)."""
        state = self.state
        if state == "idle":
            return ""
        if state == "up":
            return f"Round {self.round} – time is up"
        paused = " (paused)" if state == "paused" else ""
        return f"Round {self.round} – {clock_text(self.left())} left{paused}"

    # --- the teacher's actions ------------------------------------------------------------
    def set_minutes(self, value: object) -> None:
        """A new length for every round, the current one included (it may be up at once)."""
        minutes = check_minutes(value)
        used = self.used_now()
        self.minutes = minutes
        self.used = min(used, minutes * 60)
        if self.since is not None:
            self.since = self.clock()
        self.save()

    def start(self) -> None:
        """Start the round, or resume it; a round whose time is up does not start again."""
        if self.state == "up":
            raise Refused(f"Round {self.round}'s time is up: press Next round, or Reset.")
        if self.since is None:
            self.since = self.clock()
            self.save()

    def pause(self) -> None:
        if self.since is not None:
            self.used, self.since = self.used_now(), None
            self.save()

    def reset(self) -> None:
        """Back to round 1, its full time, stopped (and hidden from the students' pages)."""
        self.round, self.used, self.since = 1, 0.0, None
        self.save()

    def next_round(self) -> None:
        """The next round, its full time, running: the class moves on at once."""
        self.round += 1
        self.used, self.since = 0.0, self.clock()
        self.save()

    # --- on disk ----------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {"minutes": self.minutes, "round": self.round, "used": self.used,
                "since": self.since}

    def save(self) -> None:
        """Written whole to a new file, then moved over the old one: a crash mid-write
        leaves the last clock, never half of one."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_suffix(".part")
        part.write_text(json.dumps(self.to_json()) + "\n")
        os.replace(part, self.path)

    @classmethod
    def load(cls, path: Path, clock: Callable[[], float] = time.time) -> "RoundClock":
        """The clock saved at `path`; a new one when there is none, or when it cannot be
        read (then `problem` says why, for the teacher)."""
        made = cls(path, clock)
        if not path.is_file():
            return made
        try:
            data = json.loads(path.read_text())
            made.minutes = check_minutes(data["minutes"])
            made.round = max(1, int(data["round"]))
            made.used = min(max(0.0, float(data["used"])), made.minutes * 60)
            since = data.get("since")
            made.since = None if since is None else min(float(since), clock())
        except (OSError, ValueError, TypeError, KeyError, Refused) as exc:
            fresh = cls(path, clock)
            fresh.problem = f"the round clock ({path.name}) could not be read back: {exc}"
            return fresh
        return made
