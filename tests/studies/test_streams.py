"""Common random numbers: fixing one parameter changes no other random draw. Each purpose
(an actor's reservation, a random event, a proposer's schedule...) has its own stream, so
what a what-if changes is what it changed, not the luck of every later draw."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sim.cli import main

from ..conftest import MAY_REOPEN as MARCH  # the what-if with a random reopening


def replications(tmp_path: Path, capsys, *sets: str) -> list[dict]:
    args = ["run", str(MARCH), "-n", "300", "--workers", "2", "--out", str(tmp_path),
            "--json", "--no-baseline"]
    for s in sets:
        args += ["--set", s]
    assert main(args) == 0
    folder = Path(json.loads(capsys.readouterr().out)["results_dir"])
    return list(csv.DictReader(open(folder / "replications.csv")))


@pytest.mark.parametrize("fixed", ["baku.reservation", "stepanakert.reservation"])
def test_fixing_one_reservation_leaves_every_other_draw_and_event_day(fixed, tmp_path,
                                                                      capsys):
    base = replications(tmp_path, capsys)
    variant = replications(tmp_path, capsys, f"{fixed}=0.55")
    draws = [c for c in base[0] if c.startswith("draw:")]
    events = [c for c in base[0] if c.startswith("event_day:")]
    assert f"draw:{fixed}" in draws and len(draws) >= 2 and events
    # the fixed one is no longer drawn ...
    assert f"draw:{fixed}" not in variant[0]
    # ... and nothing else moved: the other actors' draws, and the day the road reopens
    # (its hazard depends on the blockade, which no reservation changes)
    for b, v in zip(base, variant, strict=True):
        for column in draws:
            if column != f"draw:{fixed}":
                assert b[column] == v[column], (column, b["replication"])
        for column in events:
            assert b[column] == v[column], (column, b["replication"])
    assert len({r[f"draw:{fixed}"] for r in base}) > 100  # it was drawn before
