"""An actor's turns to propose: after each random interval it may propose, then it waits
for every answer to its proposal before the next interval starts.

Callbacks rather than a process, for the same reason as the desk: a turn then costs one
SimPy event and no generator switch.

A proposer with nothing to propose until something changes (`Idle`) sleeps: its turns are
not scheduled at all until the world changes or what it knows lapses. When it is roused,
the intervals it slept through are drawn, in order, from its own stream, and its next turn
is the first of those wake-ups that falls after now: the same turns on the same days as if
it had woken each time to find nothing to do (most of the peacekeepers' turns, a quarter
of a replication's SimPy events).
"""
from __future__ import annotations

import math
from collections import deque
from typing import Callable

import simpy
from simpy.events import Timeout

from .randomness import Sampler, Stream

# When a sleeping proposer's idleness lapses by itself: (the day of the first thing it
# knows that it will forget, after how many days), or None for never.
Lapse = tuple[float, float] | None


def delay_to(now: float, when: float) -> float:
    """The delay that SimPy adds to `now` to give exactly `when` (a turn's day is the sum
    of its intervals, and must stay that float whatever day it was scheduled on)."""
    delay = when - now
    while now + delay < when:
        delay = math.nextafter(delay, math.inf)
    while now + delay > when:
        delay = math.nextafter(delay, -math.inf)
    return delay


class Proposer:
    """`turn(actor)` proposes or passes; it returns None, or an event to wait for (the
    answers to the proposal, or a person still deciding) before the next interval starts.
    `may_sleep(actor)`, after a pass: False, or True and when the idleness lapses."""

    def __init__(self, env: simpy.Environment, interval: Sampler, stream: Stream,
                 turn: Callable[[str], simpy.Event | None], actor: str,
                 may_sleep: Callable[[str], tuple[bool, Lapse]] | None = None):
        self.env, self.interval, self.stream = env, interval, stream
        self.turn, self.actor, self.may_sleep = turn, actor, may_sleep
        self.drawn: deque[float] = deque()  # intervals drawn ahead while asleep
        self.asleep_since: float | None = None  # the day of the pass it fell asleep at
        self.alarm = 0  # which scheduled wake-up of a sleeper still counts

    def next_interval(self) -> float:
        return self.drawn.popleft() if self.drawn else self.interval(self.stream)

    def start(self, _: simpy.Event | None = None) -> None:
        Timeout(self.env, self.next_interval()).callbacks.append(self.wake)

    def wake(self, _: simpy.Event | None) -> None:
        waiting = self.turn(self.actor)
        if waiting is not None:
            waiting.callbacks.append(self.start)
            return
        sleep, lapse = self.may_sleep(self.actor) if self.may_sleep else (False, None)
        if not sleep:
            self.start()
            return
        self.asleep_since = self.env.now
        if lapse is not None:
            self._set_alarm(*lapse)

    def _set_alarm(self, first: float, forget: float) -> None:
        """Wake at the first turn on which what it knows has lapsed (`day - first >=
        forget`, as `Knowledge.knows` reads it), unless it is roused before."""
        day, ahead = self.asleep_since, 0
        while True:
            if ahead == len(self.drawn):
                self.drawn.append(self.interval(self.stream))
            day += self.drawn[ahead]
            ahead += 1
            if day - first >= forget:
                break
        self.alarm += 1
        alarm, now = self.alarm, self.env.now
        Timeout(self.env, delay_to(now, day)).callbacks.append(
            lambda _: self._alarm(alarm, ahead))

    def _alarm(self, alarm: int, turns: int) -> None:
        if alarm != self.alarm or self.asleep_since is None:
            return  # roused before: this wake-up no longer counts
        for _ in range(turns):
            self.drawn.popleft()
        self.asleep_since = None
        self.wake(None)

    def rouse(self) -> None:
        """Something it chooses from has changed: its turns before now found nothing to
        do; its next is the first wake-up after now."""
        if self.asleep_since is None:
            return
        day, now = self.asleep_since, self.env.now
        self.asleep_since = None
        self.alarm += 1
        while True:
            day += self.next_interval()
            if day >= now:
                break
        Timeout(self.env, delay_to(now, day)).callbacks.append(self.wake)
