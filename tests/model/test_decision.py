"""evaluate(): the one decision function. Properties over random formats and states."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.model.decision import BELOW_RESERVATION, broken_rules, utility

from ..conftest import MARCH

SCENARIO = sim.load(MARCH)
SPACE = SCENARIO.space
formats = st.fixed_dictionaries({d: st.sampled_from(SPACE.values[d]) for d in SPACE.dimensions})
states = st.fixed_dictionaries({n: st.sampled_from(v.values)
                                for n, v in SCENARIO.variables.items()})
actors = st.sampled_from(sorted(SCENARIO.actors))
levels = st.floats(0.0, 1.0)


@settings(max_examples=300, deadline=None)
@given(actors, formats, states, levels)
def test_refusal_always_has_a_reason_and_acceptance_none(actor, fmt, state, level):
    v = sim.evaluate(SCENARIO.actors[actor], fmt, state, SPACE, reservation=level)
    assert v.accept == (len(v.reasons) == 0)
    below = BELOW_RESERVATION in v.reason_ids
    assert below == (v.utility < level)
    assert 0.0 <= v.utility <= 1.0


@settings(max_examples=300, deadline=None)
@given(actors, formats, states, levels, levels)
def test_a_lower_reservation_never_turns_acceptance_into_refusal(actor, fmt, state, a, b):
    low, high = sorted((a, b))
    strict = sim.evaluate(SCENARIO.actors[actor], fmt, state, SPACE, reservation=high)
    lenient = sim.evaluate(SCENARIO.actors[actor], fmt, state, SPACE, reservation=low)
    assert not strict.accept or lenient.accept


@settings(max_examples=200, deadline=None)
@given(formats, states)
def test_a_rule_with_active_when_binds_only_in_its_state(fmt, state):
    """Stepanakert's 'international format only' binds only once its terms have hardened;
    then it refuses every format without a mandate."""
    ids = [r.id for r in broken_rules(SCENARIO.actors["stepanakert"], fmt, state, SPACE)]
    hardened = state["stepanakert_terms"] == "international_format_only"
    mandate = SPACE.attribute("mediation", fmt["mediation"], "mandate") is True
    lapsed = state["security"] == "defeat"
    assert ("international_format_only" in ids) == (hardened and not mandate and not lapsed)


@settings(max_examples=200, deadline=None)
@given(formats, states)
def test_baku_own_territory_line_is_as_broad_as_its_sentence(fmt, state):
    """Abroad: always refused; on Azerbaijan's territory (Khojaly included): practical
    contacts whatever the mediation, political talks only without foreign participants."""
    ids = [r.id for r in broken_rules(SCENARIO.actors["baku"], fmt, state, SPACE)]
    own = SPACE.attribute("venue", fmt["venue"], "recognised_as") == "azerbaijan"
    practical = SPACE.attribute("agenda", fmt["agenda"], "track") == "practical"
    foreign = SPACE.attribute("mediation", fmt["mediation"], "foreign_presence") is True
    breaks = not own or (not practical and foreign)
    assert ("own_territory_no_foreigners_for_political_talks" in ids) == breaks


@settings(max_examples=200, deadline=None)
@given(formats, states)
def test_a_lapse_switches_rules_off_and_says_so(fmt, state):
    """In defeat (an assumption), none of Stepanakert's rules binds, and evaluate lists the
    rules that lapsed with the lapse's id; otherwise nothing lapses."""
    stepanakert = SCENARIO.actors["stepanakert"]
    v = sim.evaluate(stepanakert, fmt, state, SPACE, reservation=0.0)
    if state["security"] == "defeat":
        assert v.accept and all(lapse == "positions_lapse_in_defeat" for _, lapse in v.lapsed)
        unlapsed = stepanakert.model_copy(update={"lapses": []})
        holding = sim.evaluate(unlapsed, fmt, state, SPACE, reservation=0.0)
        assert {r.id for r, _ in v.lapsed} == set(holding.reason_ids)
    else:
        assert v.lapsed == ()


def test_utility_is_the_weighted_mean_of_scores():
    baku = SCENARIO.actors["baku"]
    fmt = {"venue": "khojaly", "mediation": "russian_peacekeepers", "agenda": "technical",
           "delegation": "security_council"}
    assert abs(utility(baku, fmt) - (0.30 * 0.6 + 0.30 * 0.6 + 0.25 * 0.8 + 0.15 * 0.6)) < 1e-9


def test_utility_gap_is_reported():
    fmt = {"venue": "sofia", "mediation": "us_eu", "agenda": "technical",
           "delegation": "security_council"}
    v = sim.evaluate(SCENARIO.actors["baku"], fmt, SCENARIO.state, SPACE)
    reason = next(r for r in v.reasons if r.id == BELOW_RESERVATION)
    assert abs(reason.gap - (v.reservation - v.utility)) < 1e-3 and reason.gap > 0
