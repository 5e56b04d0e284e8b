"""The explorer's precomputed columns: the same table as `model.feasibility` in every
world state, shared by every tab, and no explorer made for a tab that does not explore."""
from __future__ import annotations

import itertools
import random

from sim.model.feasibility import feasibility
from sim.web.explorer.columns import Columns, columns_of, reads
from sim.web.explorer.explorer import Explorer
from sim.web.pages.session import Session


def test_every_world_state_gives_the_table_feasibility_gives(march):
    """Every combination of the variables (6,912 in March): the columns are looked up by
    what each actor reads, so a variable missing from `reads` shows up here."""
    ex = Explorer(march, "march-2023.yaml")
    names = sorted(march.variables)
    states = list(itertools.product(*(march.variables[v].values for v in names)))
    for combo in random.Random(4).sample(states, 60):
        ex.state.clear()
        for var, value in zip(names, combo):
            ex.set_state(var, value)
        table, truth = ex.table(), feasibility(ex.scenario())
        assert [r.verdicts for r in table.rows] == [r.verdicts for r in truth.rows], combo


def test_an_actor_a_tab_changed_is_evaluated_for_it_in_each_state(march):
    ex = Explorer(march, "march-2023.yaml")
    ex.set_rule("stepanakert", "assumptions", "no_talks_in_azerbaijan_under_blockade", False)
    for var, value in [("blockade", False), ("security", "offensive"), ("blockade", True)]:
        ex.set_state(var, value)
        assert [r.verdicts for r in ex.table().rows] == \
            [r.verdicts for r in feasibility(ex.scenario()).rows]


def test_the_precomputed_columns_are_one_per_combination_each_actor_reads(march):
    columns = Columns(march)
    columns.precompute()
    expected = 0
    for name in march.actors:
        n = 1
        for var in reads(march, name):
            n *= len(march.variables[var].values)
        expected += n
    assert len(columns) == expected
    assert "blockade" in reads(march, "stepanakert") and reads(march, "moscow") == ()
    assert columns.distinct_verdicts < expected * len(columns.formats) / 10  # kept once


def test_tabs_share_the_columns_and_make_an_explorer_only_when_asked(server, march):
    srv, _ = server
    tab, other = Session(srv), Session(srv)
    assert tab._explorer is None  # a seat page never explores: nothing made for it
    assert tab.explorer.base is other.explorer.base
    assert tab.explorer._verdicts.shared is other.explorer._verdicts.shared
    assert columns_of(tab.explorer.base) is tab.explorer._verdicts.shared
