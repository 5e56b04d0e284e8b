"""An inject while a person's question is open (issue 24, wrong result 5): the question is
asked again of the world as it now is, so the hint, the fallback and the debrief's scoring
all use the world the person answers in, and a replay still gives the same game."""
from __future__ import annotations

import json

import pytest

from sim.engine import Compiled, Decision, Game, PersonSeat, replay
from sim.play.debrief import debrief

SEAT = "stepanakert"
RULE = "no_contacts_during_offensive"


@pytest.fixture(scope="module")
def compiled(march) -> Compiled:
    return Compiled(march)


def open_acceptable_question(compiled: Compiled) -> Game:
    """Seed 0: Stepanakert's first question is a Khojaly meeting the model accepts."""
    game = Game(compiled, 0, {SEAT: PersonSeat(SEAT)})
    (q,) = game.advance()
    assert q.kind == "answer" and q.verdict.accept and q.moment.state["security"] == "calm"
    return game


def test_an_inject_asks_an_open_question_again_of_the_new_world(compiled):
    game = open_acceptable_question(compiled)
    game.inject({"security": "offensive"}, "offensive under way")
    (q,) = game.waiting
    assert not q.verdict.accept and RULE in q.verdict.reason_ids   # the hint
    assert q.modelled.kind == "refuse" and RULE in q.modelled.reasons
    assert q.fallback().kind == "refuse"                          # a missed deadline
    assert q.moment.state["security"] == "offensive"              # the world shown


def test_the_debrief_scores_the_answer_against_the_world_after_the_inject(compiled, march):
    game = open_acceptable_question(compiled)
    game.inject({"security": "offensive"}, "offensive under way")
    (q,) = game.waiting
    game.answer(q, Decision("accept"))
    game.advance()
    game.end()
    first = debrief(march, game, SEAT, 0)["decisions"][0]
    assert first["state"]["security"] == "offensive"
    assert first["modelled_decision"] == "refuse" and not first["agrees_with_model"]
    assert RULE in {r["id"] for r in first["modelled_reasons"]}
    assert not first["crossed"]  # (an assumption of the model's, not a rule it stated)


def test_an_inject_to_another_seat_changes_the_verdict_not_what_this_seat_is_shown(compiled):
    """The model decides on the true world; the seat is shown only what it was told."""
    game = open_acceptable_question(compiled)
    (q,) = game.waiting
    game.inject({"security": "offensive"}, "offensive under way", ["baku"])
    assert not q.verdict.accept and q.moment.state["security"] == "calm"


def test_a_game_with_an_inject_on_an_open_question_replays_the_same(compiled):
    game = open_acceptable_question(compiled)
    game.inject({"security": "offensive"}, "offensive under way")
    while not game.over:
        for q in list(game.advance()):
            game.answer(q, q.fallback())
    again = replay(compiled, 0, [SEAT], json.loads(json.dumps(game.actions)))
    again.advance()
    assert again.record.seat_log == game.record.seat_log
    assert again.record.trace == game.record.trace
