"""A proposal in flight: who proposed which format to whom, and the answers so far."""
from __future__ import annotations

from dataclasses import dataclass, field

import simpy

from ..model.decision import Verdict


@dataclass(slots=True)
class Proposal:
    id: int
    day: float
    proposer: str
    format: int
    parties: list[str]
    done: simpy.Event
    answered: set[str] = field(default_factory=set)
    refusals: dict[str, Verdict] = field(default_factory=dict)
    counter_of: int | None = None
    countered: bool = False
    outcome: str | None = None
    scripted: int | None = None  # index in the scenario's `proposals:`
    version: int = 0  # of the world state when it was made (`World.unchanged_for`)
