"""Same scenario, same seed: the same numbers as the engine recorded before its speed work
(issue 27). Every bundled scenario's records, traces included, are compared with digests
kept in `golden/`, and March's `replications.csv` rows line by line (a failure then shows
which replication moved).

Regenerate the files only for a deliberate change of the model's event order, and say so
in the change: `python -m tests.engine.test_same_numbers`.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

import sim
from sim.engine import Compiled, replicate
from sim.studies.rows import columns, row

from ..conftest import ROOT

GOLDEN = Path(__file__).with_name("golden")
SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
SEED, REPLICATIONS, TRACED = 1, 300, 12


def rows_csv(name: str, n: int = REPLICATIONS) -> str:
    """The scenario's `replications.csv` for the first `n` replications of SEED."""
    scenario = sim.load(ROOT / "scenarios" / f"{name}.yaml")
    compiled = Compiled(scenario)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns(scenario))
    for i in range(n):
        writer.writerow(row(replicate(compiled, i, SEED), scenario))
    return out.getvalue()


def digest(name: str) -> str:
    """Everything a replication records, for REPLICATIONS of them, with the full trace of
    the first TRACED: one hash."""
    compiled = Compiled(sim.load(ROOT / "scenarios" / f"{name}.yaml"))
    h = hashlib.sha256()
    for i in range(REPLICATIONS):
        r = replicate(compiled, i, SEED, trace=i < TRACED)
        fields = {k: v for k, v in vars(r).items() if k not in ("refusals", "cancel_reasons")}
        fields["refusals"] = sorted(r.refusals.items())
        fields["cancel_reasons"] = sorted(r.cancel_reasons.items())
        h.update(json.dumps(fields, sort_keys=True, default=repr).encode())
    return h.hexdigest()


@pytest.mark.parametrize("name", SCENARIOS)
def test_records_are_those_before_the_speed_work(name):
    expected = json.loads((GOLDEN / "digests.json").read_text())
    assert digest(name) == expected[name], (
        f"{name}: the records for seed {SEED} differ from those recorded in golden/")


def test_march_rows_are_those_before_the_speed_work():
    expected = (GOLDEN / "march-2023.csv").read_text().splitlines()
    got = rows_csv("march-2023").splitlines()
    moved = [(i, e, g) for i, (e, g) in enumerate(zip(expected, got)) if e != g]
    assert len(got) == len(expected) and not moved, f"first rows that moved: {moved[:3]}"


def test_every_bundled_scenario_has_its_digest():
    assert sorted(json.loads((GOLDEN / "digests.json").read_text())) == SCENARIOS


if __name__ == "__main__":  # regenerate (a deliberate change of event order only)
    GOLDEN.mkdir(exist_ok=True)
    (GOLDEN / "march-2023.csv").write_text(rows_csv("march-2023"))
    (GOLDEN / "digests.json").write_text(
        json.dumps({name: digest(name) for name in SCENARIOS}, indent=1) + "\n")
    print(f"wrote {GOLDEN}", file=sys.stderr)
