"""Shared fixtures: the shipped scenarios, loaded once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import sim

# No per-example deadline anywhere: CI shares its cores, and a property test is about what
# holds, not how fast (speed is bench/'s job). Tests that set their own settings keep them.
settings.register_profile("negsim", deadline=None)
settings.load_profile("negsim")

# The figure cache off, for this process and every command the tests start: a heatmap
# copied from an earlier test would hide what a test does to the drawing. The cache's own
# tests turn it on, in a folder of their own.
os.environ["NEGSIM_CACHE_DIR"] = ""

ROOT = Path(__file__).resolve().parent.parent
MARCH = ROOT / "scenarios" / "march-2023.yaml"
AUGUST = ROOT / "scenarios" / "august-2023.yaml"
# March with a random event (a reopening of the road at a small rate per day): the
# scenario the tests use wherever random events matter.
MAY_REOPEN = ROOT / "scenarios" / "whatif-road-may-reopen.yaml"
HISTORY = ROOT / "scenarios" / "history-2023.yaml"


@pytest.fixture(scope="session")
def march() -> sim.Scenario:
    return sim.load(MARCH)


@pytest.fixture(scope="session")
def august() -> sim.Scenario:
    return sim.load(AUGUST)


@pytest.fixture(scope="session")
def may_reopen() -> sim.Scenario:
    return sim.load(MAY_REOPEN)


@pytest.fixture(scope="session")
def history() -> sim.Scenario:
    return sim.load(HISTORY)


def ctrl_c_reaches() -> None:
    """For a child a test sends Ctrl-C to: SIGINT back to its default. A shell that starts
    the tests in the background (`bash .ci/run &`, job control off) starts them with SIGINT
    ignored, and an ignored signal stays ignored through exec, so the child never saw the
    Ctrl-C and the test waited out its timeout."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)
