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
