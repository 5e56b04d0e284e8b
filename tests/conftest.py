"""Shared fixtures: the shipped scenarios, loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

import sim

ROOT = Path(__file__).resolve().parent.parent
MARCH = ROOT / "scenarios" / "march-2023.yaml"
AUGUST = ROOT / "scenarios" / "august-2023.yaml"


@pytest.fixture(scope="session")
def march() -> sim.Scenario:
    return sim.load(MARCH)


@pytest.fixture(scope="session")
def august() -> sim.Scenario:
    return sim.load(AUGUST)
