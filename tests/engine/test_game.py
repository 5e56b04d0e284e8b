"""Games with person seats: what each seat is told, what it is asked, and the replay that
gives the same game from the same decisions and injects."""
from __future__ import annotations

import json
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.engine import Compiled, Decision, Game, PersonSeat, ReplayError, replay

from ..conftest import MARCH

PRINCIPALS = ("baku", "stepanakert")


@pytest.fixture(scope="module")
def compiled(march) -> Compiled:
    return Compiled(march)


def seated(compiled: Compiled, seed: int, actors=PRINCIPALS) -> Game:
    return Game(compiled, seed, {a: PersonSeat(a) for a in actors})


def play_randomly(game: Game, rng: random.Random, formats: list[dict]) -> None:
    """Answers of every kind, injects public and private, pace stops: all at random."""
    while not game.over:
        waiting = game.advance(until=game.clock + rng.choice([0.5, 4, 30, 1000]))
        if not game.over and rng.random() < 0.15:
            game.inject({"checkpoint": rng.random() < 0.5}, "teacher",
                        rng.choice([None, ["baku"], ["stepanakert"]]))
        for q in list(waiting):
            if q.kind == "answer":
                d = rng.choice([Decision("accept"), Decision("refuse", ("not now",)),
                                Decision("counter", ("x",), rng.choice(formats)),
                                q.fallback(), q.modelled])
            else:
                d = rng.choice([Decision("pass"), Decision("propose",
                                                           format=rng.choice(formats)),
                                q.fallback()])
            game.answer(q, d)
        if rng.random() < 0.02:
            game.end()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), choices=st.integers(0, 2**32 - 1))
def test_the_same_decisions_and_injects_replay_the_same_game(compiled, seed, choices):
    game = seated(compiled, seed)
    play_randomly(game, random.Random(choices), list(compiled.formats))
    actions = json.loads(json.dumps(game.actions))  # as a transcript stores them
    again = replay(compiled, seed, PRINCIPALS, actions)
    again.advance()
    assert again.over and again.ended == game.ended
    assert again.record.trace == game.record.trace
    assert again.record.seat_log == game.record.seat_log
    assert again.record.meetings_held == game.record.meetings_held


def test_a_replay_that_no_longer_fits_says_so(compiled):
    game = seated(compiled, 5)
    play_randomly(game, random.Random(1), list(compiled.formats))
    with pytest.raises(ReplayError):
        replay(compiled, 6, PRINCIPALS, game.actions).advance()


def test_an_inject_to_one_seat_is_told_to_that_seat_only(compiled, march):
    game = seated(compiled, 2023)
    game.advance()
    before = game.view("stepanakert").state["checkpoint"]
    game.inject({"checkpoint": not before}, "teacher", ["baku"])
    baku, step = game.view("baku"), game.view("stepanakert")
    assert baku.state["checkpoint"] is (not before) and baku.seen[-1]["to"] == ["baku"]
    assert step.state["checkpoint"] is before  # still the old value for Stepanakert
    assert all(e.get("to") is None for e in step.seen if e["type"] == "event")
    assert game.talks.world.state["checkpoint"] is (not before)  # the world did change
    game.inject({"checkpoint": before}, "teacher")  # a public change: both see it
    assert game.view("stepanakert").seen[-1]["set"] == {"checkpoint": before}


def test_a_seat_sees_proposals_to_it_and_answers_to_its_own_but_not_others(compiled, march):
    game = seated(compiled, 11, ("stepanakert",))
    while not game.over:
        for q in list(game.advance()):
            game.answer(q, q.modelled)
    proposer = {e["id"]: e["proposer"] for e in game.record.trace if e["type"] == "proposal"}
    seen = game.view("stepanakert").seen
    for e in seen:
        if e["type"] == "proposal":
            assert "stepanakert" in (e["proposer"], *march.parties(e["format"]))
        if e["type"] == "answer":
            assert "stepanakert" in (e["actor"], proposer[e["id"]])
    # Baku's answers to the mediators' invitations are Baku's and the mediators' business.
    hidden = [e for e in game.record.trace if e["type"] == "answer"
              and "stepanakert" not in (e["actor"], proposer[e["id"]])]
    assert hidden and not any(e in seen for e in hidden)
    told = [e for e in game.record.trace if e["type"] == "answer"
            and proposer[e["id"]] == "stepanakert" and e["actor"] != "stepanakert"]
    assert told and all(e in seen for e in told)


def test_a_person_is_not_asked_about_a_proposal_another_party_has_refused(compiled):
    """Baku in a person's hands: proposals Stepanakert refused first (e.g. talks in Baku
    under the blockade) are told to Baku as no longer standing, never put to it."""
    skipped = 0
    for seed in range(6):
        game = seated(compiled, seed, ("baku",))
        while not game.over:
            for q in list(game.advance()):
                refused = {e["id"] for e in game.record.trace if e["type"] == "answer"
                           and not e["accept"]}
                if q.kind == "answer":
                    assert q.proposal not in refused
                game.answer(q, q.modelled)
        notes = [e for e in game.record.trace if e["type"] == "not_asked"]
        for note in notes:
            resolved = [e for e in game.record.trace if e["type"] == "resolved"
                        and e["id"] == note["id"]]
            assert resolved and resolved[0]["outcome"] in ("refused", "countered")
        skipped += len(notes)
    assert skipped > 0


def test_the_models_own_reasons_given_back_stay_the_models():
    """A seat that returns the model's decision (a missed deadline) refuses for the model's
    reasons, 'below its reservation level' included, not for 'own words'. (Stepanakert's
    reservation raised, so that some formats are refused for their value.)"""
    compiled = Compiled(sim.load(MARCH, ["stepanakert.reservation=0.75"]))
    refusals = Counter()
    for seed in range(2023, 2033):
        game = seated(compiled, seed)
        while not game.over:
            for q in list(game.advance()):
                game.answer(q, q.fallback())
        refusals.update(game.record.refusals)
        assert all(d["by_model"] for d in game.record.seat_log)
    assert not any(r == "own_words" for _, r in refusals)
    assert any(r == "below_reservation" for _, r in refusals)


def test_a_question_is_answered_once_and_only_while_it_waits(compiled):
    game = seated(compiled, 2023)
    q, = game.advance()
    game.answer(q, Decision("accept"))
    with pytest.raises(ValueError):
        game.answer(q, Decision("accept"))


def test_pace_stops_the_clock_at_the_day_asked(compiled):
    game = seated(compiled, 2023)
    assert game.advance(until=3.5) == [] and game.clock == 3.5 and game.now <= 3.5
    game.inject({"security": "incidents"}, "teacher")
    event = game.record.trace[-1]
    assert event["type"] == "event" and event["day"] == 3.5  # dated where the players are
