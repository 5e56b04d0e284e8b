"""A proposal in flight: who proposed which format to whom, and the answers so far."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union

import simpy

from ..model.decision import Verdict


@dataclass(slots=True)
class Proposal:
    """Its `callbacks` are called with it when its last answer is in: the proposer waits on
    it as on a SimPy event, without one more event in the queue for every proposal."""
    id: int
    day: float
    proposer: str
    format: int
    parties: list[str]
    callbacks: list[Callable[[Proposal], None]] = field(default_factory=list)
    answered: set[str] = field(default_factory=set)
    refusals: dict[str, Verdict] = field(default_factory=dict)
    counter_of: int | None = None
    countered: bool = False
    outcome: str | None = None
    scripted: int | None = None  # index in the scenario's `proposals:`
    version: int = 0  # of the world state when it was made (`World.unchanged_for`)


Waitable = Union[simpy.Event, Proposal]  # what a turn waits for: both have `callbacks`


def pending(proposal: Proposal) -> Proposal | None:
    """The proposal to wait for, or None when it was resolved as it was made."""
    return None if proposal.outcome is not None else proposal
