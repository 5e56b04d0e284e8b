"""The engine's shortcuts decide exactly as the full checks: a reservation level kept while
no concession moves it, and a meeting held on its day without asking again when nothing
has changed since the parties accepted. With both switched off, every record is the same."""
from __future__ import annotations

import pytest
import simpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.engine import Compiled, replicate
from sim.engine.randomness import Streams
from sim.engine.record import Record
from sim.engine.world import World

from ..conftest import ROOT

NAMES = ("march-2023", "whatif-offensive", "whatif-peacekeepers-withdraw",
         "whatif-road-reopened", "whatif-yerevan-presses")
COMPILED = {name: Compiled(sim.load(ROOT / "scenarios" / f"{name}.yaml")) for name in NAMES}


def full_reservation(self: World, a: str) -> float:
    """The level computed afresh at every call, as before the shortcut."""
    level = self.base[a]
    if a not in self.c.moving:
        return level
    active, shift = self.c.moves(a, self.key, self.state)
    return self._level(a, level, active, shift)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.integers(0, 10_000), st.integers(0, 2**31))
def test_records_are_the_same_without_the_shortcuts(name, replication, seed):
    compiled = COMPILED[name]
    fast = replicate(compiled, replication, seed, trace=True)
    with pytest.MonkeyPatch.context() as m:  # undone after each example
        m.setattr(World, "reservation", full_reservation)
        m.setattr(World, "unchanged_for", lambda self, actors, version: False)
        full = replicate(compiled, replication, seed, trace=True)
    assert fast == full


OFFENSIVE = COMPILED["whatif-offensive"]  # its defeat sets a concession off: levels move
VARIABLES = OFFENSIVE.scenario.variables
ONE_CHANGE = st.sampled_from(sorted(VARIABLES)).flatmap(
    lambda v: st.fixed_dictionaries({v: st.sampled_from(VARIABLES[v].values)}))
CHANGES = st.lists(st.tuples(st.floats(0, 20, allow_subnormal=False), ONE_CHANGE),
                   min_size=1, max_size=8)  # (days to wait after it, the change)


@settings(max_examples=40, deadline=None)
@given(CHANGES, st.integers(0, 1000))
def test_a_kept_level_is_the_level_computed_afresh_through_changes_and_time(changes, rep):
    """As days pass and the state changes (a concession starting and stopping), every
    actor's kept level equals the one computed afresh, before and after each change."""
    env = simpy.Environment()
    world = World(env, OFFENSIVE, Streams(7, rep, OFFENSIVE.purpose_keys), Record(rep), None)
    for wait, change in [(0.0, {}), *changes]:
        world.set(change, "test")
        for when in ("just after the change", "days after"):
            for a in OFFENSIVE.scenario.actors:
                assert world.reservation(a) == full_reservation(world, a), (a, when, change)
            until = env.now + wait  # (a tiny wait may not move a clock already at days)
            if when == "just after the change" and until > env.now:
                env.run(until=until)


def test_the_meeting_day_shortcut_is_taken_and_a_change_turns_it_off(monkeypatch):
    """It must be used (or it buys nothing), and never after the world has changed."""
    taken, checked = [], []
    original = World.unchanged_for

    def spying(self, actors, version):
        answer = original(self, actors, version)
        (taken if answer else checked).append(version == self.version)
        return answer
    monkeypatch.setattr(World, "unchanged_for", spying)
    for i in range(40):
        replicate(COMPILED["march-2023"], i, 1)
    assert taken and all(taken)          # shortcut only while the version is the same
    assert checked and not all(checked)  # and the full check after a change
