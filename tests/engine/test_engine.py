"""The SimPy engine: invariants over random parameter draws (hypothesis), and the
dynamics the issue names (events, cancellations, counts)."""
from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.model.decision import broken_rules
from sim.engine import Compiled, replicate
from sim.model.scenario import Event

from ..conftest import MARCH
from ..variants import variant


def states_along(scenario, trace):
    """Yield (entry, world state at that moment), replaying the trace's state changes."""
    state = dict(scenario.state)
    for entry in trace:
        if entry["type"] == "event":
            state.update(entry["set"])
        yield entry, dict(state)


draws = st.fixed_dictionaries({
    "stepanakert.reservation": st.floats(0.1, 0.9),
    "baku.reservation": st.floats(0.1, 0.9),
    "russian_peacekeepers.reservation": st.floats(0.0, 0.8),
    "baku.reactions.checkpoint_after_refused_invitation.probability": st.floats(0.0, 1.0),
    "stepanakert.counter_probability": st.floats(0.0, 1.0),
    "state.blockade": st.booleans(),
    "state.stepanakert_terms": st.sampled_from(["contacts_and_international_talks",
                                                "international_format_only"]),
    "state.security": st.sampled_from(["calm", "incidents", "defeat"]),
    "events.road_reopens.hazard_per_day": st.floats(0.001, 0.2),
})


def with_event(scenario, day: int, changes: dict):
    """The scenario plus a dated state change on `day` (built in memory, no file)."""
    event = Event(id="drawn_change", says="a drawn change", assumption="test",
                  date=scenario.start + dt.timedelta(days=day), set=changes)
    spec = scenario.spec.model_copy(update={"events": [*scenario.spec.events, event]})
    return dataclasses.replace(scenario, spec=spec)


changes = st.dictionaries(st.sampled_from(["blockade", "stepanakert_terms", "checkpoint",
                                          "security"]), st.just(None), min_size=1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draws, st.integers(0, 10_000), st.integers(1, 40), changes)
def test_no_meeting_breaks_an_active_rule_of_a_party_on_its_day(params, seed, day, change):
    sets = [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in params.items()]
    scenario = sim.load(MARCH, sets)
    flip = {"blockade": not scenario.state["blockade"], "checkpoint": True,
            "stepanakert_terms": "international_format_only",
            "security": "offensive" if scenario.state["security"] == "calm" else "calm"}
    scenario = with_event(scenario, day, {k: flip[k] for k in change})
    compiled = Compiled(scenario)
    for i in range(4):
        record = replicate(compiled, i, seed, trace=True)
        held = 0
        for entry, state in states_along(scenario, record.trace):
            if entry["type"] == "meeting_held":
                held += 1
                for party in scenario.parties(entry["format"]):
                    assert broken_rules(scenario.actors[party], entry["format"], state,
                                        scenario.space) == []
            if entry["type"] == "answer" and not entry["accept"]:
                assert entry["reasons"], "every refusal has at least one reason"
            if entry["type"] == "meeting_cancelled":
                assert entry["reasons"] and all(entry["reasons"].values())
        assert held == record.meetings_held
        assert record.unanswered >= 0
        assert record.proposals == (record.accepted + record.refused + record.countered
                                    + record.unanswered)
        assert record.met == (held > 0)


def test_lifting_the_blockade_on_day_x_opens_baku_venues_only_after_x(tmp_path):
    x = 30

    def edit(data):
        data["events"] = [{"id": "road_reopens", "says": "The road reopens.",
                           "date": (dt.date(2023, 2, 24) + dt.timedelta(days=x)).isoformat(),
                           "set": {"blockade": False}, "assumption": "test"}]
        data["overrides"] = {"stepanakert.reservation": 0.3}
    scenario = sim.load(variant(tmp_path, edit))
    compiled = Compiled(scenario)
    azerbaijan_days = []
    for i in range(60):
        record = replicate(compiled, i, 1, trace=True)
        for entry in record.trace:
            if entry["type"] == "meeting_held":
                venue = entry["format"]["venue"]
                if scenario.space.attribute("venue", venue, "control") == "azerbaijan":
                    azerbaijan_days.append(entry["day"])
    assert azerbaijan_days, "the test must see meetings in Azerbaijan after the reopening"
    assert min(azerbaijan_days) >= x


def test_a_meeting_is_cancelled_on_its_day_when_a_rule_changed(tmp_path):
    """Stepanakert's terms harden on day 5 (a dated event): meetings agreed before are
    cancelled on their day, for the rule that now binds."""
    def edit(data):
        data["events"] = [{"id": "terms_harden", "says": "Stepanakert's terms harden.",
                           "date": "2023-03-01",
                           "set": {"stepanakert_terms": "international_format_only"},
                           "assumption": "test"}]
    scenario = sim.load(variant(tmp_path, edit))
    compiled = Compiled(scenario)
    cancelled = 0
    for i in range(100):
        record = replicate(compiled, i, 7, trace=True)
        entries = [e for e in record.trace if e["type"] == "meeting_cancelled"]
        assert len(entries) == record.cancellations
        assert sum(record.cancel_reasons.values()) >= record.cancellations
        for e in entries:
            assert e["day"] >= 5
            assert "international_format_only" in e["reasons"]["stepanakert"]
        cancelled += record.cancellations
    assert cancelled > 0


def test_an_event_makes_a_party_call_off_agreed_meetings_before_their_day(tmp_path):
    """An offensive (a dated event) sets off Stepanakert's reaction: every meeting it has
    agreed to and not yet held is cancelled at once, by it, for that reaction and event."""
    def edit(data):
        data["events"] = [{"id": "offensive", "says": "An offensive begins.",
                           "date": "2023-03-05", "set": {"security": "offensive"},
                           "assumption": "test"}]
    scenario = sim.load(variant(tmp_path, edit))
    compiled = Compiled(scenario)
    seen = 0
    for i in range(60):
        record = replicate(compiled, i, 5, trace=True)
        agreed = {e["id"]: e["on_day"] for e in record.trace if e["type"] == "meeting_scheduled"}
        for e in record.trace:
            if e["type"] == "meeting_cancelled" and e["day"] == 9.0:
                assert e["reasons"] == {"stepanakert": ["call_off_under_force",
                                                        "event:offensive"]}
                assert agreed[e["id"]] > 9.0  # called off before its day
                seen += 1
            if e["type"] == "meeting_held":
                assert e["day"] < 9.0  # nothing is held once force is used
    assert seen > 0


def test_public_red_lines_are_never_proposed_against():
    """Proposers know public rules from the start: no proposal breaks one."""
    scenario = sim.load(MARCH)
    compiled = Compiled(scenario)
    public = {(a, r.id) for a, actor in scenario.actors.items()
              for r in actor.rules if r.public}
    for i in range(50):
        record = replicate(compiled, i, 3, trace=True)
        for entry, state in states_along(scenario, record.trace):
            if entry["type"] == "proposal":
                for party in scenario.parties(entry["format"]):
                    broken = broken_rules(scenario.actors[party], entry["format"], state,
                                          scenario.space)
                    assert not {(party, r.id) for r in broken} & public


def test_stop_at_first_meeting_ends_the_replication(tmp_path):
    scenario = sim.load(variant(tmp_path, lambda d: d.update(stop_at_first_meeting=True)))
    compiled = Compiled(scenario)
    for i in range(30):
        record = replicate(compiled, i, 11)
        assert record.meetings_held == (1 if record.met else 0)
