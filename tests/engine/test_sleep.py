"""A proposer with nothing to propose until something changes passes at once (`Idle`) and
sleeps through its idle turns (`Proposer.rouse`): every record and trace is the same as
when it wakes each time and looks again, in every bundled scenario, with what proposers
learn forgotten quickly or slowly (alarms), for any seed."""
from __future__ import annotations

import math

import pytest
import simpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.engine import Compiled, replicate
from sim.engine.idle import Idle
from sim.engine.proposer import delay_to
from sim.engine.talks import Talks

from ..conftest import ROOT

NAMES = ("march-2023", "august-2023", "history-2023", "whatif-road-may-reopen",
         "whatif-offensive", "whatif-peacekeepers-withdraw", "whatif-yerevan-presses")
FORGET = (None, 1, 6, 45)  # days a proposer keeps a precondition it learned (None: as set)
COUNTERS = ("baku", "russian_peacekeepers", "western_mediators")  # also counter, while asleep


def compiled(name: str, forget: int | None) -> Compiled:
    """The scenario; with `forget`, proposers forget quickly or slowly, and every proposer
    counters a refusal most of the time (a sleeper's counter-proposal, refused, teaches it
    while it sleeps: what it learns moves the day its idleness lapses)."""
    sets = [] if forget is None else [
        *(f"{a}.proposer.forget_after_days={forget}" for a in ("baku", "stepanakert")),
        *(f"{a}.counter_probability=0.8" for a in COUNTERS)]
    return Compiled(sim.load(ROOT / "scenarios" / f"{name}.yaml", sets))


COMPILED = {(n, f): compiled(n, f) for n in NAMES for f in FORGET}


def awake(m: pytest.MonkeyPatch, look_again: bool) -> None:
    """No proposer sleeps; with `look_again`, none passes at once either."""
    m.setattr(Talks, "may_sleep", lambda self, a: (False, None))
    if look_again:
        m.setattr(Idle, "holds", lambda self, a, now: False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.sampled_from(FORGET), st.integers(0, 10_000),
       st.integers(0, 2**31), st.booleans())
def test_sleeping_proposers_change_no_record(name, forget, replication, seed, look_again):
    c = COMPILED[(name, forget)]
    asleep = replicate(c, replication, seed, trace=True)
    with pytest.MonkeyPatch.context() as m:
        awake(m, look_again)
        woken = replicate(c, replication, seed, trace=True)
    assert asleep == woken


def events(c: Compiled, n: int) -> int:
    scheduled = 0
    original = simpy.Environment.schedule

    def counting(self, *args, **kwargs):
        nonlocal scheduled
        scheduled += 1
        return original(self, *args, **kwargs)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(simpy.Environment, "schedule", counting)
        for i in range(n):
            replicate(c, i, 1)
    return scheduled


def test_sleeping_saves_most_idle_wake_ups():
    c = COMPILED[("march-2023", None)]
    asleep = events(c, 100)
    with pytest.MonkeyPatch.context() as m:
        awake(m, look_again=False)
        woken = events(c, 100)
    assert asleep < 0.8 * woken  # the peacekeepers' idle turns are no longer scheduled


def test_a_game_with_a_seat_does_not_sleep():
    """A game's transcript counts SimPy steps: with a seat, every turn is scheduled."""
    from sim.engine.seats import ModelSeat
    c = COMPILED[("march-2023", None)]
    talks = Talks(c, 0, 1, seats={"baku": ModelSeat("baku")})
    talks.start()
    assert talks.sleepers == {}


@given(st.floats(0, 400, allow_nan=False), st.floats(0, 400, allow_nan=False))
def test_delay_to_gives_the_exact_day(now, later):
    when = now + later
    delay = delay_to(now, when)
    assert now + delay == when and math.isclose(delay, later, abs_tol=1e-9)
