"""The compact result of one replication: what the experiment, the CSV and the figures need.

Bounded by the model, not by time: counts and counters, plus the full trace only when asked.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Record:
    replication: int
    met: bool = False
    first_day: float | None = None
    first_format: dict[str, str] | None = None
    proposals: int = 0
    accepted: int = 0
    refused: int = 0
    countered: int = 0
    unanswered: int = 0
    meetings_held: int = 0
    cancellations: int = 0
    refusals: Counter = field(default_factory=Counter)        # (actor, reason id) -> n
    cancel_reasons: Counter = field(default_factory=Counter)  # (actor, reason id) -> n
    events: int = 0
    messages: int = 0
    trace: list[dict[str, Any]] | None = None
    scripted: dict[int, dict[str, Any]] = field(default_factory=dict)  # k -> fate
    seat_log: list[dict[str, Any]] = field(default_factory=list)  # the seats' decisions
    draws: dict[str, float] = field(default_factory=dict)       # "baku.reservation" -> value
    event_days: dict[str, float] = field(default_factory=dict)  # random event -> first day


def first_day_index(record: Record) -> int | None:
    """The day number (0 = start date) of the first meeting."""
    return None if record.first_day is None else int(math.floor(record.first_day))
