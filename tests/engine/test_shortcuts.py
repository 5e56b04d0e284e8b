"""The engine's shortcuts decide exactly as the full checks: a reservation level kept while
no concession moves it, and a meeting held on its day without asking again when nothing
has changed since the parties accepted. With both switched off, every record is the same."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.engine import Compiled, replicate
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


@pytest.fixture
def no_shortcuts(monkeypatch):
    def switch_off():
        monkeypatch.setattr(World, "reservation", full_reservation)
        monkeypatch.setattr(World, "unchanged_for", lambda self, actors, version: False)
    return switch_off


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NAMES), st.integers(0, 10_000), st.integers(0, 2**31))
def test_records_are_the_same_without_the_shortcuts(no_shortcuts, monkeypatch, name,
                                                      replication, seed):
    compiled = COMPILED[name]
    fast = replicate(compiled, replication, seed, trace=True)
    with monkeypatch.context():
        no_shortcuts()
        full = replicate(compiled, replication, seed, trace=True)
    assert fast == full


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
