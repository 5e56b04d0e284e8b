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
    """Baku's 'own territory, no intermediaries' binds only while its terms are talks on
    its own territory; then it refuses every format abroad or with a mediator."""
    ids = [r.id for r in broken_rules(SCENARIO.actors["baku"], fmt, state, SPACE)]
    terms = state["baku_terms"] == "own_territory"
    own = SPACE.attribute("venue", fmt["venue"], "recognised_as") == "azerbaijan"
    mediated = SPACE.attribute("mediation", fmt["mediation"], "third_party") is True
    assert ("own_territory_no_intermediaries" in ids) == (terms and (not own or mediated))


@settings(max_examples=200, deadline=None)
@given(formats, states)
def test_stepanakerts_format_rules_are_as_broad_as_their_sentences(fmt, state):
    """Political talks (the 'dialogue', 'high-level negotiations') need international
    mediators and neutral ground; practical contacts need neither, in any state (a standing
    position, not one that hardens); all lapse only in defeat (an assumption)."""
    ids = [r.id for r in broken_rules(SCENARIO.actors["stepanakert"], fmt, state, SPACE)]
    political = SPACE.attribute("agenda", fmt["agenda"], "track") == "political"
    international = SPACE.attribute("mediation", fmt["mediation"], "international") is True
    neutral = SPACE.attribute("venue", fmt["venue"], "control") == "third_country"
    holds = state["security"] != "defeat"
    assert ("international_format_for_political_talks" in ids) == (
        holds and political and not international)
    assert ("neutral_ground_for_political_talks" in ids) == (holds and political
                                                             and not neutral)


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
    assert abs(utility(baku, fmt) - (0.30 * 0.7 + 0.30 * 0.7 + 0.25 * 0.8 + 0.15 * 0.8)) < 1e-9


def test_a_demand_counts_only_while_its_state_holds():
    """Stepanakert's demands (gas and power unimpeded, traffic on the road) add weight to
    practical talks while they are unmet, and nothing once they are met."""
    stepanakert = SCENARIO.actors["stepanakert"]
    fmt = {"venue": "yevlakh", "mediation": "none", "agenda": "technical",
           "delegation": "security_council"}
    base = 0.25 * 0.3 + 0.35 * 0.3 + 0.30 * 0.8 + 0.10 * 1.0
    met = {**SCENARIO.state, "gas_and_power": "unimpeded", "blockade": False}
    assert abs(utility(stepanakert, fmt, met) - base) < 1e-9
    assert abs(utility(stepanakert, fmt) - base) < 1e-9  # no state: no conditional entry
    gas = {**met, "gas_and_power": "disrupted"}
    assert abs(utility(stepanakert, fmt, gas) - (base + 0.15) / 1.15) < 1e-9
    both = {**gas, "blockade": True}
    assert abs(utility(stepanakert, fmt, both) - (base + 0.30) / 1.30) < 1e-9
    political = {**fmt, "agenda": "rights_and_security"}
    assert utility(stepanakert, political, both) < utility(stepanakert, political, met)


def test_utility_gap_is_reported():
    fmt = {"venue": "sofia", "mediation": "us_eu", "agenda": "status",
           "delegation": "de_facto_president"}
    v = sim.evaluate(SCENARIO.actors["baku"], fmt, SCENARIO.state, SPACE)
    reason = next(r for r in v.reasons if r.id == BELOW_RESERVATION)
    assert abs(reason.gap - (v.reservation - v.utility)) < 1e-3 and reason.gap > 0
