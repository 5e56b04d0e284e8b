"""The words of common mistakes, as a new user's trial found them wanting: the option the
user wrote is the one named, the expected form is said, and a missing file's neighbours
are listed."""
from __future__ import annotations

import shutil

import pytest

from sim.cli import main

from ..conftest import MARCH, ROOT
from ..refusing import refused


@pytest.fixture(scope="module", autouse=True)
def warm():
    """`refused` times each refusal (under a second); the first sweep in a process also
    imports the sweep's modules, which is not the refusal's time."""
    main(["sweep", str(MARCH), "--vary", "stepanakert.reservaton=0.1:0.9:3"])


def test_a_typo_in_vary_names_vary(capsys):
    refused(["sweep", str(MARCH), "--vary", "stepanakert.reservaton=0.1:0.9:3", "-n", "5"],
            capsys, "command line (--vary stepanakert.reservaton=...)",
            "Nearest paths: stepanakert.reservation")


def test_a_vary_end_out_of_range_names_that_end(capsys):
    err = refused(["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:1.9:3"],
                  capsys, "stepanakert.reservation=1.9:", "must be from 0 to 1; got 1.9.")
    assert "values from" not in err


@pytest.mark.parametrize("setting, words", [
    ("start=2023/02/01", "expected a date written YYYY-MM-DD (e.g. 2023-02-24); got "
                         "'2023/02/01'"),
    ("horizon_days=twenty", "expected a whole number here; got 'twenty'"),
    ("baku.counter_probability=often", "expected a number here; got 'often'"),
])
def test_a_wrong_type_says_the_form_expected(setting, words, capsys):
    refused(["feasible", str(MARCH), "--set", setting], capsys, words)


def test_a_params_file_given_as_the_scenario(capsys):
    refused(["run", str(ROOT / "params" / "baku.yaml")], capsys,
            "this is an 'actor' file, not a scenario")


def test_a_misspelled_file_gets_its_nearest_neighbours(tmp_path, capsys):
    refused(["run", str(ROOT / "scenarios" / "march-2032.yaml")], capsys,
            f"Nearest: {ROOT / 'scenarios' / 'march-2023.yaml'}.",
            "Files there: august-2023.yaml, history-2023.yaml, march-2023.yaml")
    shutil.copytree(ROOT / "params", tmp_path / "params")
    (tmp_path / "scenarios").mkdir()
    text = MARCH.read_text().replace("../params/baku.yaml", "../params/bakuu.yaml")
    (tmp_path / "scenarios" / "m.yaml").write_text(text)
    refused(["check", str(tmp_path / "scenarios" / "m.yaml")], capsys,
            "params file '../params/bakuu.yaml' not found",
            f"Nearest: {tmp_path / 'params' / 'baku.yaml'}.")


def test_one_scenario_compared_is_one_scenario(tmp_path, capsys):
    assert main(["compare", str(MARCH), "-n", "20", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("1 scenario, 20 replications each")


def test_a_vary_grid_value_a_parameter_cannot_take_is_found_before_the_run(tmp_path, capsys):
    """Found by review: 5:30:3 has 17.5 in its middle, which a number of days cannot be."""
    refused(["sweep", str(MARCH), "--vary", "horizon_days=5:30:3", "--out", str(tmp_path)],
            capsys, "command line (--vary horizon_days=...): horizon_days=17.5: expected a "
                    "whole number here; got 17.5.")
    assert list(tmp_path.iterdir()) == []


def test_an_old_name_is_an_error_with_check_strict(tmp_path, capsys):
    """A renamed rule still loads with a warning; check --strict makes it an error (it
    raised an AttributeError before)."""
    shutil.copytree(ROOT / "params", tmp_path / "params")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    whatif = tmp_path / "scenarios" / "whatif-baku-accepts-us-eu.yaml"
    whatif.write_text(whatif.read_text().replace(
        "own_territory_no_intermediaries", "own_territory_no_foreigners_for_political_talks"))
    assert main(["check", str(whatif)]) == 0
    assert "is now 'baku.red_lines.own_territory_no_intermediaries" in capsys.readouterr().err
    refused(["check", "--strict", str(whatif)], capsys,
            f"negsim: {whatif}: 'baku.red_lines.own_territory_no_foreigners_for_political_"
            f"talks.require' is now", "(an error with check --strict)")


def test_a_name_model_fidelity_v3_removed_says_what_took_its_place(capsys):
    """Stepanakert's hardening reaction and its terms variable are gone (no sentence
    supports them): a --set on them is an error naming what replaced them, not a silent
    no-op and not a bare 'no such item'."""
    refused(["feasible", str(MARCH), "--set",
             "stepanakert.reactions.harden_after_pressure.probability=0"], capsys,
            "removed in model fidelity v3", "state.baku_terms")
    refused(["feasible", str(MARCH), "--set",
             "state.stepanakert_terms=international_format_only"], capsys,
            "removed in model fidelity v3", "'reiterates'")

