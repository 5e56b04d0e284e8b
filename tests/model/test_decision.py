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
def test_inactive_red_line_never_refuses(fmt, state):
    """Baku's own-territory red line binds only while its leverage is high."""
    baku = SCENARIO.actors["baku"]
    ids = [r.id for r in broken_rules(baku, fmt, state, SPACE)]
    if state["baku_leverage"] == "low":
        assert "own_territory_no_intermediaries" not in ids
    else:
        on_own_ground = (SPACE.attribute("venue", fmt["venue"], "jurisdiction") == "azerbaijan"
                         and fmt["mediation"] == "none")
        assert ("own_territory_no_intermediaries" in ids) == (not on_own_ground)


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
