"""The role sheet names each quote's source as a reader knows it (outlet and date), the
way the explorer does, not by the files' key (a teacher's trial saw '(eurasianet_2023_08)'
on a student's seat)."""
from __future__ import annotations

import re

from sim.play.roles import role_sheet


def test_every_quote_on_a_role_sheet_names_its_outlet_and_date(march):
    for actor in ("baku", "stepanakert"):
        sheet = role_sheet(march, actor)
        rules = [*sheet["public"], *sheet["private"], *sheet["assumed"],
                 *(r for rules in sheet["others"].values() for r in rules)]
        quoted = [r for r in rules if r["quote"]]
        assert quoted
        for r in quoted:
            assert re.fullmatch(r"Eurasianet, 2023-0[38]", r["article"]), r["article"]


def test_a_debrief_says_rules_and_reported_refusals_in_words(march):
    """A student reads sentences and names, not the files' ids (a teacher's trial saw
    'refuse (no_talks_in_baku_under_blockade)' and 'refused by stepanakert (...)')."""
    from sim.model.scenario import Expected
    from sim.play.debrief_views import yours
    from sim.studies.backtest import expected_text
    mine = yours(march, {"kind": "answer", "actor": "stepanakert", "decision": "refuse",
                         "reasons": ["no_talks_in_baku_under_blockade", "not on these terms"],
                         "counter": None, "by_model": False})
    said = march.actors["stepanakert"].rule("no_talks_in_baku_under_blockade").says
    assert mine == f"refuse ({' '.join(said.split()).rstrip('.')}; not on these terms)"
    reported = Expected(outcome="refused", by=["stepanakert"],
                        reasons=["no_talks_in_baku_under_blockade"], assumption="a test")
    assert expected_text(reported) == "refused by stepanakert (no_talks_in_baku_under_blockade)"
    assert expected_text(reported, march).startswith("refused by Stepanakert (No talks in Baku")


def test_the_debrief_summary_agrees_in_number():
    from sim.play.debrief_views import summary_line
    one = summary_line({"decisions": [{}], "meetings_held": 0, "departures": 1, "crossed": 1,
                        "actor_name": "Stepanakert", "by_model": 1})
    assert ("1 differs from what the model would have decided as Stepanakert; 1 crosses a red "
            "line of your own. 1 was taken by the model") in one
    two = summary_line({"decisions": [{}, {}], "meetings_held": 1, "departures": 2,
                        "crossed": 0, "actor_name": "Baku", "by_model": 0})
    assert "2 differ from what" in two and "0 cross a red line" in two and "taken" not in two


def test_a_seat_without_rules_reads_what_it_said_beside_what_it_values(march):
    """Yerevan states no rule: its sheet's preferences carry their sentences verbatim, so its
    player reads its stated positions in its words (it read 'None stated.' before)."""
    sheet = role_sheet(march, "yerevan")
    assert sheet["public"] == [] and sheet["private"] == []
    mediation = next(p for p in sheet["preferences"] if p["dimension"] == "mediation")
    cited = march.actors["yerevan"].preferences[0].citations[0]
    assert mediation["quote"] == cited.quote and "international mechanism" in cited.quote
    assert mediation["article"].startswith("Eurasianet")
