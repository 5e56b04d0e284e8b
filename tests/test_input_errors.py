"""Bad input: one clear paragraph (file, line, what was expected, known names), exit 2,
no traceback. Each file in tests/bad/ states the message it must give (`# expect:`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import sim
from sim.cli import main

from .conftest import MARCH, ROOT

BAD = sorted((ROOT / "tests" / "bad").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    return [line.removeprefix("# expect:").strip() for line in path.read_text().splitlines()
            if line.startswith("# expect:")]


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_file_gives_its_message_and_exit_2(path, capsys):
    assert expectations(path), f"{path.name} states no expected message"
    code = main(["check", str(path), "--params", str(ROOT / "params")])
    err = capsys.readouterr().err
    assert code == 2
    for expected in expectations(path):
        assert expected in err, f"{path.name}: expected {expected!r} in {err!r}"
    assert err.count("\n\n") == 0, "one mistake, one paragraph"


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
    scenario = sim.load(MARCH, ["stepanakert.reservation=1e-5",
                                "events.road_reopens.hazard_per_day=2e-3"])
    assert scenario.actors["stepanakert"].reservation == 1e-5
    assert scenario.spec.events[0].hazard_per_day == 2e-3


def test_output_into_a_closed_pipe_is_quiet():
    """`negsim feasible --all | head -1`: no traceback when the reader stops early."""
    proc = subprocess.run(f"{sys.executable} -m sim feasible --all | head -1", shell=True,
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.count("\n") == 1 and "Traceback" not in proc.stderr
