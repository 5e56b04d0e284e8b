"""The engine's memo tables answer exactly as the model's own decision functions do, in
every state, including the states where a lapse switches rules off."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.engine import Compiled
from sim.model.decision import broken_rules

from ..conftest import MARCH

SCENARIO = sim.load(MARCH)
COMPILED = Compiled(SCENARIO)
STATES = st.fixed_dictionaries({name: st.sampled_from(var.values)
                                for name, var in SCENARIO.variables.items()})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STATES, st.sampled_from(sorted(SCENARIO.actors)))
def test_memoised_rules_equal_broken_rules_for_every_format(state, actor):
    key = COMPILED.state_key(state)
    spec = SCENARIO.actors[actor]
    for f, fmt in enumerate(COMPILED.formats):
        assert COMPILED.hard(actor, key, state, f) == tuple(
            broken_rules(spec, fmt, state, SCENARIO.space)), (actor, fmt, state)


def test_a_lapse_state_is_covered():
    """Stepanakert's rules lapse once its forces are defeated: the memo must see it."""
    state = {**SCENARIO.state, "security": "defeat"}
    key = COMPILED.state_key(state)
    spec = SCENARIO.actors["stepanakert"]
    assert spec.lapses
    for f, fmt in enumerate(COMPILED.formats):
        assert COMPILED.hard("stepanakert", key, state, f) == tuple(
            broken_rules(spec, fmt, state, SCENARIO.space))
    assert not any(COMPILED.hard("stepanakert", key, state, f)
                   for f in range(len(COMPILED.formats)))
