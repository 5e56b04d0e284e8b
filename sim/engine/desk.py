"""An actor's desk: its inbox, answered in order, each after its response delay.

Why callbacks rather than a process with a `simpy.Store`: a message then costs one SimPy
event (the delay) instead of three (put, get, delay) and no generator switch; messages are
the engine's largest cost. The order and timing are the same: first in, first answered.
"""
from __future__ import annotations

from collections import deque
from typing import Callable

import simpy
from simpy.events import Timeout

from .proposal import Proposal
from .randomness import Sampler, Stream


class Desk:
    """`answer(proposal)` returns None when done, or an event to wait for (a person still
    deciding) before the next proposal is taken."""

    def __init__(self, env: simpy.Environment, delay: Sampler, stream: Stream,
                 answer: Callable[[Proposal], simpy.Event | None]):
        self.env, self.delay, self.stream, self.answer = env, delay, stream, answer
        self.queue: deque[Proposal] = deque()
        self.busy = False

    def put(self, proposal: Proposal) -> None:
        self.queue.append(proposal)
        if not self.busy:
            self.take()

    def take(self, _: simpy.Event | None = None) -> None:
        if not self.queue:
            self.busy = False
            return
        self.busy = True
        proposal = self.queue.popleft()
        Timeout(self.env, self.delay(self.stream), proposal).callbacks.append(self.reply)

    def reply(self, delay: Timeout) -> None:
        waiting = self.answer(delay.value)  # the proposal, carried by its delay
        if waiting is None:
            self.take()
        else:
            waiting.callbacks.append(self.take)
