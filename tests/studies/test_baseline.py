"""A what-if run is measured against its baseline: the same file without --set, or the
file it extends; the same setting reached by any route gives the same numbers."""
from __future__ import annotations

import json

import sim
from sim.cli import main
from sim.studies.baseline import baseline_of
from sim.studies.compare import compare

from ..conftest import AUGUST, MARCH, ROOT

WITHDRAW = ROOT / "scenarios" / "whatif-peacekeepers-withdraw.yaml"
RESTORED = ROOT / "scenarios" / "whatif-humanitarian-restored.yaml"


def test_the_baseline_is_the_file_without_set_or_the_file_extended():
    assert baseline_of(sim.load(MARCH)) is None
    words, load = baseline_of(sim.load(MARCH, ["baku.reservation=0.5"]))
    assert "without --set baku.reservation=0.5" in words and load().sets == ()
    words, load = baseline_of(sim.load(WITHDRAW))
    assert words == "march-2023.yaml" and load().digest == sim.load(MARCH).digest


def test_run_of_a_whatif_reports_the_paired_difference(tmp_path, capsys):
    assert main(["run", str(RESTORED), "-n", "200", "--out", str(tmp_path), "--json"]) == 0
    run = json.loads(capsys.readouterr().out)
    assert run["baseline"] == "august-2023.yaml"
    d = run["difference_vs_baseline"]["p_meeting"]
    # the same numbers as compare's: one baseline, whatever the route
    _, item = compare([AUGUST, RESTORED], n=200, workers=2)
    assert d == item.difference.to_json()["p_meeting"]
    assert d["ci"][0] > 0
    summary = json.loads(open(f"{run['results_dir']}/summary.json").read())
    assert summary["difference_vs_baseline"]["p_meeting"] == d


def test_no_baseline_skips_it(tmp_path, capsys):
    assert main(["run", str(WITHDRAW), "-n", "50", "--out", str(tmp_path), "--json",
                 "--no-baseline"]) == 0
    assert "difference_vs_baseline" not in json.loads(capsys.readouterr().out)


def test_the_same_setting_by_set_or_by_file_gives_identical_numbers(tmp_path):
    """whatif-peacekeepers-withdraw sets one state value; --set on march does the same."""
    by_file = sim.run(sim.load(WITHDRAW), n=150, workers=2)
    by_set = sim.run(sim.load(MARCH, ["state.peacekeepers_present=false"]), n=150, workers=1)
    assert by_file.days == by_set.days
    assert by_file.summary.first_formats == by_set.summary.first_formats
