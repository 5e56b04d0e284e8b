"""The exact feasibility table: the must-holds of the two shipped scenarios, and that they
come from the cited rules (change a rule, the table changes)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import sim
from sim.cli import main

from ..conftest import AUGUST, MARCH, ROOT


def rows_where(table, **match):
    return [r for r in table.rows if all(r.format[k] == v for k, v in match.items())]


def test_march_khojaly_under_russian_mediation_is_possible(march):
    table = sim.feasibility(march)
    row, = rows_where(table, venue="khojaly", mediation="russian_peacekeepers",
                      agenda="technical", delegation="security_council")
    assert row.meeting_possible and row.blocked_by == {}


def test_march_every_baku_venue_blocked_by_stepanakert_for_the_blockade(march):
    rows = rows_where(sim.feasibility(march), venue="baku")
    assert rows and all("no_talks_in_baku_under_blockade" in r.blocked_by["stepanakert"]
                        for r in rows)
    # Yevlakh only through the assumption that extends it to every Azerbaijani venue.
    yevlakh = rows_where(sim.feasibility(march), venue="yevlakh")
    assert all("no_talks_in_baku_under_blockade" not in r.blocked_by.get("stepanakert", [])
               for r in yevlakh)
    assert all("no_talks_in_azerbaijan_under_blockade" in r.blocked_by["stepanakert"]
               for r in yevlakh)


def test_march_status_blocked_by_baku_and_reintegration_by_stepanakert(march):
    table = sim.feasibility(march)
    assert all("no_status" in r.blocked_by["baku"] for r in rows_where(table, agenda="status"))
    assert all("no_reintegration" in r.blocked_by["stepanakert"]
               for r in rows_where(table, agenda="reintegration"))


@pytest.mark.parametrize("minister, blocked", [("local", False), ("outsider", True)])
def test_baku_refuses_a_delegation_by_its_leader_not_by_its_post(minister, blocked):
    """The de facto president (charged by Azerbaijan) is always refused; the state
    minister only while an outsider holds the post; the security council never."""
    rule = "no_dialogue_with_accused_or_outside_leaders"
    table = sim.feasibility(sim.load(MARCH, [f"state.state_minister={minister}"]))
    for delegation, refused in (("de_facto_president", True), ("state_minister", blocked),
                                ("security_council", False)):
        rows = rows_where(table, delegation=delegation)
        assert rows and all((rule in r.blocked_by.get("baku", [])) == refused for r in rows)


def test_august_has_no_possible_format_and_the_reported_blocks(august):
    table = sim.feasibility(august)
    assert table.possible == []
    assert all("own_territory_no_intermediaries" in r.blocked_by["baku"]
               for r in rows_where(table, venue="bratislava", mediation="us_eu"))
    yevlakh = rows_where(table, venue="yevlakh", mediation="none")
    for r in yevlakh:  # political talks: the international format; practical: the road
        political = august.space.attribute("agenda", r.format["agenda"], "track") == "political"
        why = ("international_format_for_political_talks" if political
               else "no_talks_in_azerbaijan_under_blockade")
        assert why in r.blocked_by["stepanakert"], r.format
    assert {august.space.attribute("agenda", r.format["agenda"], "track")
            for r in yevlakh} == {"political", "practical"}
    assert all("internal_affair_no_mandate" in r.blocked_by["baku"]
               for r in rows_where(table, mediation="international_mandate"))


def test_a_rule_switched_off_by_override_opens_formats(march):
    on = sim.feasibility(march)
    off = sim.feasibility(sim.load(MARCH, [
        "stepanakert.assumptions.no_talks_in_azerbaijan_under_blockade.enabled=false"]))
    for a, b in zip(on.rows, off.rows):
        assert a.format == b.format
        assert "no_talks_in_azerbaijan_under_blockade" not in b.blocked_by.get("stepanakert", [])
    assert len(off.possible) >= len(on.possible)


def test_lifting_the_blockade_in_state_removes_the_precondition(march):
    lifted = sim.feasibility(sim.load(MARCH, ["state.blockade=false"]))
    assert not any(rule in ids for r in lifted.rows for ids in r.blocked_by.values()
                   for rule in ("no_talks_in_azerbaijan_under_blockade",
                                "no_talks_in_baku_under_blockade"))


def test_editing_the_params_file_changes_the_table(tmp_path: Path):
    """Move Stepanakert's red line from reintegration to humanitarian, in the file itself."""
    shutil.copytree(ROOT / "params", tmp_path / "params")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    path = tmp_path / "params" / "stepanakert.yaml"
    text = path.read_text()
    assert "forbid: {agenda.items: [reintegration]}" in text
    path.write_text(text.replace("forbid: {agenda.items: [reintegration]}",
                                 "forbid: {agenda: [humanitarian]}"))
    table = sim.feasibility(sim.load(tmp_path / "scenarios" / "march-2023.yaml"))
    assert not any("no_reintegration" in r.blocked_by.get("stepanakert", [])
                   for r in rows_where(table, agenda="reintegration"))
    assert all("no_reintegration" in r.blocked_by["stepanakert"]
               for r in rows_where(table, agenda="humanitarian"))
    assert rows_where(table, venue="khojaly", mediation="russian_peacekeepers",
                      agenda="humanitarian", delegation="security_council")[0].blocked_by


def test_blockers_are_parties_and_possible_means_all_parties_accept(march, august):
    for scenario in (march, august):
        for row in sim.feasibility(scenario).rows:
            parties = set(scenario.parties(row.format))
            assert set(row.verdicts) == parties
            assert set(row.blocked_by) <= parties
            assert row.meeting_possible == (not row.blocked_by)
            assert {"baku", "stepanakert"} <= parties


def test_feasible_json_has_exactly_the_agreed_shape(capsys):
    assert main(["feasible", str(MARCH), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"scenario", "date", "formats"}
    assert out["scenario"] == "march-2023" and out["date"] == "2023-02-24"
    assert len(out["formats"]) == len(sim.load(MARCH).space) == 6 * 5 * 7 * 5
    for item in out["formats"]:
        assert set(item) == {"format", "meeting_possible", "blocked_by"}
        assert set(item["format"]) == {"venue", "mediation", "agenda", "delegation"}
        assert item["meeting_possible"] == (item["blocked_by"] == {})
    possible = [i["format"] for i in out["formats"] if i["meeting_possible"]]
    assert {"venue": "khojaly", "mediation": "russian_peacekeepers", "agenda": "technical",
            "delegation": "security_council"} in possible


def test_feasible_text_lists_possible_formats_first_then_blockers(capsys):
    assert main(["feasible", str(MARCH)]) == 0
    out = capsys.readouterr().out
    first_possible = out.index("Khojaly (peacekeepers' base) · Russian peacekeepers")
    table = sim.feasibility(sim.load(MARCH))
    assert f"{len(table.possible)} of 1050 formats could produce a meeting" in out
    assert first_possible < out.index("formats are blocked")
    assert "no_talks_in_baku_under_blockade: No talks in Baku while the Lachin road" in out


def test_explain_gives_sentence_and_verbatim_quote(capsys):
    code = main(["explain", str(MARCH), "--format",
                 "venue=baku,mediation=none,agenda=technical,delegation=security_council"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Stepanakert (must accept): REFUSES" in out
    assert "precondition no_talks_in_baku_under_blockade" in out
    assert "assumption (the model's, not a statement) no_talks_in_azerbaijan_under_blockade" in out
    flat = " ".join(out.split())
    assert ("source eurasianet_2023_08 (Karabakh's de facto Foreign Ministry): \"Karabakh "
            "refused two Azerbaijani offers for follow-up") in flat
    # what the saved ablation says of the rule: the two offers of talks in Baku test it
    assert "backtest: tested by the record: baku_offer_1, baku_offer_2" in flat
    assert "Meeting possible: no (blocked by Stepanakert)" in out


def test_explain_json_names_speakers_second_hand_rules_and_the_backtest(capsys):
    assert main(["explain", str(AUGUST), "--json", "--format",
                 "venue=yevlakh,mediation=none,agenda=practical_and_reintegration,"
                 "delegation=security_council"]) == 0
    reasons = {r["id"]: r for r in json.loads(capsys.readouterr().out)
               ["verdicts"]["stepanakert"]["reasons"]}
    neutral = reasons["neutral_ground_for_political_talks"]
    assert neutral["by"] == ["eurasianet"]
    assert neutral["second_hand_only"].startswith("rests only on the reporters' own summary")
    assert neutral["tested"] == "not tested by any row of the record"
    intl = reasons["international_format_for_political_talks"]
    assert intl["second_hand_only"] == "" and "karabakh_mfa" in intl["by"]
    assert intl["tested"] == "tested by the record: yevlakh"
