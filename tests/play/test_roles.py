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
