"""The what-if queue: beyond the runs at once, a few wait their turn in order, each told
how many are ahead of it; beyond the queue, refused at once."""
from __future__ import annotations

import threading

import pytest

from sim.web.common.gate import Gate, RunRefused


def _queued(gate: Gate, told: list[int], entered: threading.Event) -> threading.Thread:
    def run() -> None:
        gate.enter(told.append)
        entered.set()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _until(condition, what: str) -> None:
    event = threading.Event()
    for _ in range(500):
        if condition():
            return
        event.wait(0.01)
    raise AssertionError(what)


def test_runs_over_the_limit_wait_in_order_told_how_many_are_ahead():
    gate = Gate(1, queue=2)
    gate.enter()  # a run is going
    first_told, second_told = [], []
    first_in, second_in = threading.Event(), threading.Event()
    first = _queued(gate, first_told, first_in)
    _until(lambda: gate.queued == 1, "the first did not queue")
    second = _queued(gate, second_told, second_in)
    _until(lambda: gate.queued == 2, "the second did not queue")
    assert first_told == [0] and second_told == [1]  # "next in line", "1 ahead of you"
    with pytest.raises(RunRefused, match="busy"):
        gate.enter()  # the queue is full: said at once
    gate.leave()
    first.join(5)
    assert first_in.is_set() and not second_in.is_set()  # first come, first served
    _until(lambda: second_told == [1, 0], "the second was not told it is next")
    gate.leave()
    second.join(5)
    assert second_in.is_set() and gate.running == 1 and gate.queued == 0


def test_the_warm_up_never_queues():
    gate = Gate(1, queue=3)
    assert gate.try_enter()
    assert not gate.try_enter() and gate.queued == 0
