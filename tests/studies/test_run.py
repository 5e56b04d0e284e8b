"""`negsim run`: must-holds of the shipped scenarios, reproducibility, the results folder,
and bad input."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sim
from sim.cli import main
from sim.studies.results import ResultsFolder

from ..conftest import AUGUST, MARCH, MAY_REOPEN, ROOT, ctrl_c_reaches

KEYS = {"scenario", "seed", "replications", "p_meeting", "p_meeting_ci",
        "median_days_to_first_meeting", "first_meeting_formats", "refusals",
        "cancellations", "meetings_per_replication", "results_dir"}


def run_json(args, capsys) -> dict:
    assert main(["run", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def first_meetings(out: dict) -> list[dict]:
    rows = csv.DictReader(open(Path(out["results_dir"]) / "replications.csv"))
    return [r for r in rows if r["met"] == "1"]


def in_the_peacekeepers_zone(scenario, row: dict) -> bool:
    venue, mediation = row["first_meeting_format"].split("/")[:2]
    return mediation == "russian_peacekeepers" and scenario.space.attribute(
        "venue", venue, "control") == "peacekeeping_zone"


def test_march_meets_inside_karabakh_under_russian_mediation(march, tmp_path, capsys):
    """Under the blockade, and on Baku's March terms, only the Khojaly formats under the
    peacekeepers' mediation are open: every first meeting is one of them."""
    out = run_json([str(MARCH), "-n", "1000", "--out", str(tmp_path)], capsys)
    assert set(out) == KEYS
    assert out["p_meeting"] > 0.5
    assert abs(sum(i["share"] for i in out["first_meeting_formats"]) - out["p_meeting"]) < 1e-4
    rows = first_meetings(out)
    assert rows and all(in_the_peacekeepers_zone(march, r) for r in rows)
    # the summary's meetings per replication are the CSV's meetings_held, counted
    every = list(csv.DictReader(open(Path(out["results_dir"]) / "replications.csv")))
    held = [int(r["meetings_held"]) for r in every]
    per = out["meetings_per_replication"]
    assert per["mean"] == pytest.approx(sum(held) / len(held), abs=0.005)
    assert per["distribution"] == pytest.approx(
        {str(k): held.count(k) / len(held) for k in set(held)}, abs=0.0005)


def test_a_first_meeting_elsewhere_comes_only_after_the_road_reopens(may_reopen, tmp_path,
                                                                      capsys):
    """The what-if with a chance of reopening: a first meeting outside the Khojaly formats
    follows the random reopening of the road (its day is in the CSV)."""
    out = run_json([str(MAY_REOPEN), "-n", "1000", "--out", str(tmp_path)], capsys)
    for row in first_meetings(out):
        if not in_the_peacekeepers_zone(may_reopen, row):
            reopened = row["event_day:road_reopens"]
            assert reopened and float(reopened) <= int(row["first_meeting_day"]) + 1


def test_august_no_meeting_and_every_proposal_refused_for_a_stated_rule(tmp_path, capsys):
    """In August every format breaks a rule of one side: formats are tried (a proposer does
    not know the other's terms until it is refused) and each is refused for a rule, never
    for its value alone."""
    out = run_json([str(AUGUST), "-n", "300", "--out", str(tmp_path)], capsys)
    assert out["p_meeting"] == 0.0 and out["median_days_to_first_meeting"] is None
    assert out["meetings_per_replication"] == {"mean": 0.0, "distribution": {"0": 1.0}}
    reasons = {(a, r) for a, by in out["refusals"].items() for r in by}
    assert ("stepanakert", "no_talks_in_azerbaijan_under_blockade") in reasons  # Yevlakh
    assert all(r != "below_reservation" for _, r in reasons)


def test_same_seed_same_numbers_for_1_and_2_workers_and_across_runs(tmp_path, capsys):
    args = [str(MARCH), "-n", "200", "--seed", "5", "--out", str(tmp_path)]
    one = run_json([*args, "--workers", "1"], capsys)
    two = run_json([*args, "--workers", "2"], capsys)
    again = run_json([*args, "--workers", "2"], capsys)
    dirs = [Path(x.pop("results_dir")) for x in (one, two, again)]
    assert one == two == again
    rows = [(d / "replications.csv").read_text() for d in dirs]
    assert rows[0] == rows[1] == rows[2]
    assert len(set(dirs)) == 3, "an existing folder is never overwritten"


def test_a_different_seed_gives_different_replications(tmp_path, capsys):
    a = run_json([str(MARCH), "-n", "50", "--seed", "1", "--out", str(tmp_path)], capsys)
    b = run_json([str(MARCH), "-n", "50", "--seed", "2", "--out", str(tmp_path)], capsys)
    read = lambda d: (Path(d) / "replications.csv").read_text()  # noqa: E731
    assert read(a["results_dir"]) != read(b["results_dir"])


def test_results_folder_contents(tmp_path, capsys):
    out = run_json([str(MARCH), "-n", "20", "--trace", "2", "--out", str(tmp_path),
                    "--set", "stepanakert.reservation=0.5"], capsys)
    folder = Path(out["results_dir"])
    assert folder.parent == tmp_path and folder.name.startswith("march-2023-")
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["seed"] == 2023 and summary["replications"] == 20
    assert len(summary["scenario_sha256"]) == 64
    assert summary["overrides"] == ["stepanakert.reservation=0.5"]
    assert {"simpy", "pydantic", "pyyaml", "matplotlib", "python"} <= set(summary["versions"])
    assert summary["p_meeting"] == out["p_meeting"]
    rows = list(csv.DictReader((folder / "replications.csv").open()))
    assert [int(r["replication"]) for r in rows] == list(range(20))
    assert sum(int(r["met"]) for r in rows) == round(out["p_meeting"] * 20)
    traced = {json.loads(line)["replication"] for line in (folder / "trace.jsonl").open()}
    assert traced == {0, 1}


def test_the_longest_horizon_keeps_its_meeting_days(tmp_path, capsys):
    """First-meeting days are kept in two bytes per replication (runs and the sweep ledger):
    the longest horizon a file may give must fit, to the last day (it overflowed once)."""
    late = ["--set", "horizon_days=32767", "--set", "lead_time=32700", "-n", "4"]
    out = run_json([str(MARCH), *late, "--workers", "1", "--out", str(tmp_path)], capsys)
    rows = list(csv.DictReader((Path(out["results_dir"]) / "replications.csv").open()))
    days = [int(r["first_meeting_day"]) for r in rows if r["met"] == "1"]
    assert days and min(days) > 32_700 and out["median_days_to_first_meeting"] > 32_700
    assert main(["sweep", str(MARCH), *late, "--vary", "stepanakert.reservation=0.3:0.4:2",
                 "--out", str(tmp_path / "sweep"), "--json"]) == 0
    points = json.loads(capsys.readouterr().out)["points"]
    assert all(p["median_days_to_first_meeting"] > 32_700 for p in points if p["p_meeting"])
    assert main(["run", str(MARCH), "--set", "horizon_days=32768"]) == 2
    assert "less than or equal to 32767" in capsys.readouterr().err


def test_interrupted_folder_is_removed(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with ResultsFolder(tmp_path, "x") as folder:
            (folder.path / "replications.csv").write_text("half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("workers, sig", [("1", signal.SIGINT), ("2", signal.SIGINT),
                                          ("1", signal.SIGTERM)])
def test_ctrl_c_leaves_nothing_half_written(tmp_path, workers, sig):
    """Ctrl-C as a terminal sends it (SIGINT to the whole process group, workers too), and
    `kill` (SIGTERM): exit 130, no folder left behind."""
    proc = subprocess.Popen([sys.executable, "-m", "sim", "run", str(MARCH), "-n", "200000",
                             "--workers", workers, "--out", str(tmp_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=ctrl_c_reaches)
    deadline = time.time() + 20
    while time.time() < deadline and not any(tmp_path.iterdir()):
        time.sleep(0.1)
    time.sleep(0.5)
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (["--set", "stepanakert.reservaton=0.3"], "Known:"),
    (["--set", "stepanakert.reservation=high"], "got 'high'"),
    (["-n", "-5"], "argument -n: must be from 1 to 10,000,000"),
    (["-n", "many"], "expected a whole number; got 'many'"),
    (["--workers", "0"], "argument --workers: must be from 1 to"),
])
def test_bad_input_to_run(args, message, tmp_path, capsys):
    assert main(["run", str(MARCH), "--out", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_run_api_without_output_folder(march):
    result = sim.run(march, n=30, workers=1)
    assert result.results_dir is None and result.summary.n == 30
    assert 0.0 <= result.summary.p_meeting <= 1.0
