"""The ablation: a rule a row rests on fails that row when removed; a rule no row reaches
is listed as untested; nothing is saved when the run is not the shipped one."""
from __future__ import annotations

import dataclasses
import json

import sim
from sim.cli import main
from sim.studies.ablation import ablate, parts, without

from ..conftest import HISTORY, ROOT


def rows_only():
    """The history's scripted rows, without its record (the free runs are the slow half)."""
    scenario = sim.load(HISTORY)
    return dataclasses.replace(scenario, spec=scenario.spec.model_copy(update={"record": None}))


def test_removing_a_part_fails_the_rows_that_rest_on_it_and_no_other():
    found = ablate(rows_only(), seeds=20)
    fails = found.to_json()["ablation"]
    assert set(fails["baku.own_territory_no_intermediaries"]) == {"sofia", "bratislava"}
    assert set(fails["stepanakert.no_talks_in_baku_under_blockade"]) == {
        "baku_offer_1", "baku_offer_2"}
    assert fails["stepanakert.international_format_for_political_talks"] == ["yevlakh"]
    assert fails["stepanakert.no_reintegration"] == []  # Yevlakh still refused for others
    untested = found.to_json()["untested"]
    assert "stepanakert.no_reintegration" in untested
    assert "baku.own_territory_no_intermediaries" not in untested
    assert found.to_json()["failing_with_everything"] == []


def test_a_removed_part_is_removed_in_memory_only():
    scenario = rows_only()
    part = next(p for p in parts(scenario) if p.id == "baku.checkpoint_after_refused_invitation")
    changed = without(scenario, part)
    reaction, = [r for r in changed.actors["baku"].reactions if r.id == part.id.split(".")[1]]
    assert reaction.probability == 0.0
    original, = [r for r in scenario.actors["baku"].reactions if r.id == reaction.id]
    assert original.probability > 0


def test_ablate_with_seeds_prints_the_json_and_leaves_the_saved_file(capsys):
    saved = (ROOT / "scenarios" / "history-2023.ablation.json").read_text()
    assert main(["backtest", str(HISTORY), "--ablate", "--seeds", "40", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"ablation", "tested", "untested", "kinds"} <= set(out)
    assert set(out["tested"]) | set(out["untested"]) == set(out["ablation"])
    assert (ROOT / "scenarios" / "history-2023.ablation.json").read_text() == saved
