"""Bad input: one clear paragraph (file, line, what was expected, known names), exit 2,
no traceback. Each file in tests/bad/ states the message it must give (`# expect:`)."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sim
from sim.cli import main

from ..conftest import MARCH, MAY_REOPEN, ROOT

BAD = sorted((ROOT / "tests" / "bad").glob("*.yaml"))


def expectations(path: Path, key: str = "expect") -> list[str]:
    return [line.removeprefix(f"# {key}:").strip() for line in path.read_text().splitlines()
            if line.startswith(f"# {key}:")]


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_file_gives_its_message_and_exit_2(path, capsys):
    """Each file: exit 2, its message, one paragraph, no traceback, in under a second."""
    assert expectations(path), f"{path.name} states no expected message"
    args = " ".join(expectations(path, "args")).split()
    start = time.perf_counter()
    code = main(["check", str(path), "--params", str(ROOT / "params"), *args])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 2
    for expected in expectations(path):
        assert expected in err, f"{path.name}: expected {expected!r} in {err!r}"
    assert err.count("\n\n") == 0, "one mistake, one paragraph"
    assert "Traceback" not in err and err.startswith("negsim: ")
    assert elapsed < 1.0


def test_no_traceback_from_the_real_command():
    proc = subprocess.run([sys.executable, "-m", "sim", "check", str(BAD[0]), "--params",
                           str(ROOT / "params")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("negsim: ")


def test_set_to_an_unknown_path_lists_the_valid_ones(capsys):
    code = main(["feasible", str(MARCH), "--set", "stepanakert.reservaton=0.3"])
    err = capsys.readouterr().err
    assert code == 2
    assert "'reservaton' is not a parameter here" in err and "reservation" in err


def test_set_with_a_wrong_type_names_the_command_line(capsys):
    code = main(["feasible", str(MARCH), "--set", "state.blockade=maybe"])
    err = capsys.readouterr().err
    assert code == 2
    assert "'maybe' is not a value of 'blockade'" in err and "command line" in err


def test_unknown_format_value_in_explain(capsys):
    code = main(["explain", str(MARCH), "--format",
                 "venue=ankara,mediation=none,agenda=technical,delegation=security_council"])
    err = capsys.readouterr().err
    assert code == 2 and "'ankara' is not a known venue" in err and "khojaly" in err


def test_missing_scenario_file(capsys):
    assert main(["feasible", "scenarios/nope.yaml"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_shipped_files_all_check(capsys):
    for path in [*sorted((ROOT / "scenarios").glob("*.yaml")),
                 *sorted((ROOT / "params").glob("*.yaml"))]:
        assert main(["check", str(path)]) == 0, capsys.readouterr().err


def test_scientific_notation_is_a_number(march):
    """PyYAML reads 1e-5 as a string; --set and files must take it as a number."""
    scenario = sim.load(MAY_REOPEN, ["stepanakert.reservation=1e-5",
                                     "events.road_reopens.hazard_per_day=2e-3"])
    assert scenario.actors["stepanakert"].reservation == 1e-5
    event, = [e for e in scenario.spec.events if e.id == "road_reopens"]
    assert event.hazard_per_day == 2e-3


def test_output_into_a_closed_pipe_is_quiet():
    """`negsim feasible --all | head -1`: no traceback when the reader stops early."""
    proc = subprocess.run(f"{sys.executable} -m sim feasible --all | head -1", shell=True,
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.count("\n") == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("setting, message", [
    ("stepanakert.response_delay=-1", "the response delay (days) must be from 0 to 32767"),
    ("baku.proposer.interval=0", "the interval between proposals (days) must be from 0.01 to 32767"),
    ("lead_time=-2", "the lead time (days) must be from 0 to 32767"),
    ("stepanakert.reservation=nan", "finite number"),
    ("stepanakert.reservation=1.5", "the reservation level must be from 0 to 1"),
    ("baku.preferences.venue.weight=.inf", "finite number"),
    ("params=[nope.yaml]", "'params' cannot be overridden"),
    ("overrides={stepanakert.reservation: 0}", "'overrides' cannot be overridden"),
])
def test_impossible_values_are_refused_at_the_command_line(setting, message, capsys):
    """Negative delays crashed the engine, a zero interval hung it, NaN slipped through."""
    assert main(["feasible", str(MARCH), "--set", setting]) == 2
    err = capsys.readouterr().err
    assert message in err and "command line" in err


def test_concessions_are_reachable_by_position(march):
    sc = sim.load(MARCH, ["stepanakert.concessions.0.per_day=0.01"])
    assert sc.actors["stepanakert"].concessions[0].per_day == 0.01


def test_an_extends_cycle_is_named(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text("kind: scenario\nextends: b.yaml\ntitle: a\n")
    (tmp_path / "b.yaml").write_text("kind: scenario\nextends: a.yaml\ntitle: b\n")
    assert main(["check", str(tmp_path / "a.yaml")]) == 2
    assert "goes round in a circle (a.yaml -> b.yaml -> a.yaml)" in capsys.readouterr().err


def test_the_base_of_an_extends_is_part_of_the_hash(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(MARCH.read_text().replace("../params/", str(ROOT / "params") + "/")
                    .replace("history: history-2023.yaml", ""))
    child = tmp_path / "child.yaml"
    child.write_text("kind: scenario\nextends: base.yaml\ntitle: child\n")
    before = sim.load(child).digest
    base.write_text(base.read_text().replace("horizon_days: 90", "horizon_days: 91"))
    assert sim.load(child).digest != before


def test_out_must_be_a_folder(capsys):
    assert main(["run", str(MARCH), "-n", "5", "--out", str(ROOT / "README.md")]) == 2
    assert "--out must be a folder" in capsys.readouterr().err


def test_explain_includes_the_influence_the_engine_applies(capsys):
    """Yerevan's pressure lowers Stepanakert's reservation in explain, as in the engine."""
    path = ROOT / "scenarios" / "whatif-yerevan-presses.yaml"
    assert main(["explain", str(path), "--format", "venue=yevlakh,mediation=none,"
                 "agenda=technical,delegation=security_council", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdicts"]["stepanakert"]["reservation"] == pytest.approx(0.50 - 0.15)
