"""An actor's turns to propose: after each random interval it may propose, then it waits
for every answer to its proposal before the next interval starts.

Callbacks rather than a process, for the same reason as the desk: a turn then costs one
SimPy event and no generator switch.
"""
from __future__ import annotations

from typing import Callable

import simpy
from simpy.events import Timeout

from .randomness import Sampler, Stream


class Proposer:
    """`turn(actor)` proposes or passes; it returns None, or an event to wait for (the
    answers to the proposal, or a person still deciding) before the next interval starts."""

    def __init__(self, env: simpy.Environment, interval: Sampler, stream: Stream,
                 turn: Callable[[str], simpy.Event | None], actor: str):
        self.env, self.interval, self.stream = env, interval, stream
        self.turn, self.actor = turn, actor

    def start(self, _: simpy.Event | None = None) -> None:
        Timeout(self.env, self.interval(self.stream)).callbacks.append(self.wake)

    def wake(self, _: simpy.Event) -> None:
        waiting = self.turn(self.actor)
        if waiting is None:
            self.start()
        else:
            waiting.callbacks.append(self.start)
