"""The explorer's model: controls become `--set` overrides; the quick preview and the
loader agree; the download is a scenario that gives the same what-if."""
from __future__ import annotations

import pytest

import sim
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.files.loading import load_scenario
from sim.model.quantities import Triangular, central
from sim.web.explorer.explorer import Explorer, shifted

from ..conftest import MARCH


@pytest.fixture()
def ex(march) -> Explorer:
    return Explorer(march, "march-2023.yaml")


def test_each_control_is_one_override_and_setting_it_back_drops_it(ex):
    ex.set_rule("baku", "red_lines", "no_status", False)
    ex.set_state("blockade", "false")
    ex.set_weight("baku", "venue", 0.8)
    assert ex.set_strings() == ["state.blockade=false",
                                "baku.red_lines.no_status.enabled=false",
                                "baku.preferences.venue.weight=0.8"]
    ex.set_rule("baku", "red_lines", "no_status", True)
    ex.set_state("blockade", True)
    ex.set_weight("baku", "venue", ex.base_weight("baku", "venue"))
    assert ex.overrides() == [] and not ex.changed


def test_a_reservation_slider_moves_the_distribution_and_keeps_its_shape(march):
    q = Triangular(dist="triangular", low=0.45, mode=0.55, high=0.65, assumption="test")
    uniform = march.actors["baku"].reservation
    assert shifted(uniform, central(uniform) + 0.1) == {
        "dist": "uniform", "low": pytest.approx(uniform.low + 0.1),
        "high": pytest.approx(uniform.high + 0.1)}
    moved = shifted(q, central(q) - 0.1)
    assert moved == {"dist": "triangular", "low": pytest.approx(q.low - 0.1),
                     "mode": pytest.approx(q.mode - 0.1), "high": pytest.approx(q.high - 0.1)}
    top = shifted(q, 0.99)  # clipped at 1, still ordered
    assert top["low"] <= top["mode"] <= top["high"] == 1.0
    assert shifted(0.4, 0.7) == 0.7


def test_switching_off_stepanakerts_blockade_rule_opens_talks_in_azerbaijan(ex):
    before = ex.grid("technical", "technical_officials")
    i, j = before.rows.index("yevlakh"), before.columns.index("russian_peacekeepers")
    assert before.blockers[i][j] == ["stepanakert"]
    count = len(ex.possible_formats())
    ex.set_rule("stepanakert", "assumptions", "no_talks_in_azerbaijan_under_blockade", False)
    after = ex.grid("technical", "technical_officials")
    assert after.blockers[i][j] == []  # possible now
    assert len(ex.possible_formats()) > count


def _rules(scenario):
    return [(a, kind, r.id) for a, actor in scenario.actors.items()
            for kind in ("red_lines", "preconditions", "assumptions", "lapses") for r in getattr(actor, kind)]


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_preview_is_the_scenario_the_loader_makes_from_the_overrides(march, data):
    ex = Explorer(march, "march-2023.yaml")
    for key in data.draw(st.lists(st.sampled_from(_rules(march)), max_size=4, unique=True)):
        ex.set_rule(*key, not ex.rule_enabled(*key))
    for actor in data.draw(st.lists(st.sampled_from(sorted(march.actors)), max_size=2,
                                    unique=True)):
        ex.set_reservation(actor, data.draw(st.floats(0, 1).map(lambda x: round(x, 2))))
        pref = data.draw(st.sampled_from(march.actors[actor].preferences))
        ex.set_weight(actor, pref.id or pref.dimension, data.draw(st.sampled_from([0.0, 0.35, 1.0])))
    for var in data.draw(st.lists(st.sampled_from(sorted(march.variables)), max_size=2,
                                  unique=True)):
        ex.set_state(var, data.draw(st.sampled_from(march.variables[var].values)))
    loaded = load_scenario(MARCH, ex.overrides())
    preview = ex.scenario()
    assert preview.actors == loaded.actors
    assert preview.state == loaded.state
    assert [r.to_record() for r in ex.table().rows] == \
        [r.to_record() for r in sim.feasibility(loaded).rows]


def test_the_download_extends_the_base_and_loads_as_the_same_whatif(ex, tmp_path, march):
    import shutil
    ex.set_state("blockade", False)
    ex.set_rule("baku", "red_lines", "no_status", False)
    ex.set_reservation("stepanakert", 0.4)
    shutil.copytree(MARCH.parent.parent / "params", tmp_path / "params")
    shutil.copytree(MARCH.parent, tmp_path / "scenarios")
    text = ex.whatif_yaml(replications=300, seed=5)
    assert "extends: march-2023.yaml" in text and "blockade: false" in text
    path = tmp_path / "scenarios" / ex.download_name()
    path.write_text(text)
    loaded = load_scenario(path)
    assert loaded.actors == ex.scenario().actors
    assert loaded.state == ex.scenario().state
    assert (loaded.spec.replications, loaded.spec.seed) == (300, 5)
    unchanged = Explorer(march, "march-2023.yaml").whatif_document(
        march.spec.replications, march.spec.seed)
    assert set(unchanged) == {"kind", "extends", "title"}


def test_the_kept_verdicts_follow_every_change_one_after_another(march):
    ex = Explorer(march, "march-2023.yaml")
    steps = [lambda: ex.set_rule("baku", "assumptions", "not_hosted_by_de_facto_authorities", False),
             lambda: ex.set_state("blockade", False),
             lambda: ex.set_reservation("stepanakert", 0.3),
             lambda: ex.set_rule("baku", "assumptions", "not_hosted_by_de_facto_authorities", True),
             lambda: ex.set_weight("russian_peacekeepers",
                                   march.actors["russian_peacekeepers"].preferences[0].dimension,
                                   0.0),
             ex.reset]
    for step in steps:
        step()
        assert [r.to_record() for r in ex.table().rows] == \
            [r.to_record() for r in sim.feasibility(ex.scenario()).rows]
