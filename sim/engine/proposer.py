"""An actor's turns to propose: after each random interval it may propose, then it waits
for every answer to its proposal before the next interval starts.

Callbacks rather than a process, for the same reason as the desk: a turn then costs one
SimPy event and no generator switch.
"""
from __future__ import annotations

from typing import Callable

import simpy
from simpy.events import Timeout

from .proposal import Waitable
from .randomness import Sampler, Stream


class Proposer:
    """`turn(actor)` proposes or passes; it returns None, or what to wait for before the
    next interval starts (the proposal, until its last answer is in, or an event: a person
    still deciding). Both have `callbacks`."""

    def __init__(self, env: simpy.Environment, interval: Sampler, stream: Stream,
                 turn: Callable[[str], Waitable | None], actor: str):
        self.env, self.interval, self.stream = env, interval, stream
        self.turn, self.actor = turn, actor

    def start(self, _: Waitable | None = None) -> None:
        Timeout(self.env, self.interval(self.stream)).callbacks.append(self.wake)

    def wake(self, _: simpy.Event) -> None:
        waiting = self.turn(self.actor)
        if waiting is None:
            self.start()
        else:
            waiting.callbacks.append(self.start)
