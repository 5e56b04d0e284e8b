"""The words a student reads (issue 24, item 5): refusal reasons by their sentences, never
the files' ids; no command-line text or internal role names on the role sheet; verbs that
agree with plural actor names ("US/EU mediators accept")."""
from __future__ import annotations

import re

import pytest

from sim.engine import Compiled, Game, PersonSeat
from sim.model.labels import is_plural, verb
from sim.outputs.story import fate_words, story
from sim.play.debrief import debrief
from sim.play.debrief_views import crossed_words, debrief_text
from sim.play.roles import ROLE_WORDS, role_sheet, student_text
from sim.play.timeline import Teller

RULE = "no_talks_in_baku_under_blockade"
ID_WORDS = re.compile(r"\b[a-z]+(?: [a-z]+){3,} under blockade\b")  # an id, lower-cased


def said(march, actor: str, rule: str) -> str:
    return " ".join(march.actors[actor].rule(rule).says.split()).rstrip(".")


def test_a_refusal_in_the_timeline_and_the_story_reads_as_the_rules_sentence(march):
    refusal = {"type": "answer", "id": 0, "actor": "stepanakert", "accept": False,
               "reasons": [RULE], "day": 1}
    line = Teller(march, "baku").line(refusal)
    assert said(march, "stepanakert", RULE) in line and RULE.replace("_", " ") not in line
    trace = [{"type": "proposal", "id": 0, "proposer": "baku", "day": 0,
              "format": dict(next(iter(march.space.formats())))}, refusal,
             {"type": "resolved", "id": 0, "outcome": "refused", "day": 1}]
    (step,) = story(trace, march)
    words = fate_words(march, step)
    assert said(march, "stepanakert", RULE) in words and "under blockade" not in words


def test_no_lower_cased_id_in_a_played_games_timeline_or_debrief(march):
    """Stepanakert refusing everything it may under its rules, Baku in the model's hands."""
    game = Game(Compiled(march), 3, {"stepanakert": PersonSeat("stepanakert")})
    while not game.over:
        for q in list(game.advance()):
            game.answer(q, q.modelled)
    data = debrief(march, game, "stepanakert", 3)
    text = debrief_text(march, data)
    assert "No talks in Baku" in text  # a refusal under it was made and is told
    assert not ID_WORDS.search(text), ID_WORDS.search(text)
    assert all(RULE not in c for d in data["decisions"] for c in
               (crossed_words(x) for x in d["crossed"]))


def test_plural_actor_names_take_plural_verbs(march):
    names = {a: s.name for a, s in march.actors.items()}
    assert is_plural(names["western_mediators"]) and is_plural(names["russian_peacekeepers"])
    assert not any(is_plural(names[a]) for a in ("baku", "stepanakert", "yerevan"))
    assert not is_plural("Brussels") and not is_plural("Athens")  # proper names: singular
    assert verb("US/EU mediators", "accepts", "accept") == "accept"
    accepted = {"type": "answer", "id": 0, "actor": "western_mediators", "accept": True,
                "reasons": [], "day": 1}
    line = Teller(march, "baku").line(accepted)
    assert line.startswith("US/EU mediators accept ")
    refused = {**accepted, "actor": "russian_peacekeepers", "accept": False, "reasons": []}
    assert Teller(march, "baku").line(refused).startswith("Russian peacekeepers refuse ")
    assert Teller(march, "baku").line({**accepted, "actor": "stepanakert"}) \
        .startswith("Stepanakert accepts ")


@pytest.mark.parametrize("actor", ["baku", "stepanakert", "western_mediators",
                                   "russian_peacekeepers", "yerevan"])
def test_a_role_sheet_has_no_command_line_text_nor_internal_role_names(march, actor):
    sheet = role_sheet(march, actor)
    texts = [sheet["summary"], *[r[k] for group in ("public", "private", "assumed")
                                 for r in sheet[group] for k in ("says", "assumption")],
             *[r[k] for rules in sheet["others"].values() for r in rules
               for k in ("says", "assumption")]]
    for text in texts:
        assert "`" not in text and "--set" not in text and "negsim " not in text, text
    assert sheet["role_words"] and all(w in ROLE_WORDS.values() for w in sheet["role_words"])
    assert not {"principal", "host", "mediator", "influencer"} & set(sheet["role_words"])


def test_student_text_drops_the_commands_and_keeps_the_sense():
    note = ("Harutyunyan names a stable environment as the first need. Switch it off with "
            "`--set stepanakert.assumptions.no_contacts_during_offensive.enabled=false` to "
            "test it. The rule holds while Baku's terms hold (the state variable "
            "`baku_terms`, moved by its reaction below), not from a date.")
    assert student_text(note) == ("Harutyunyan names a stable environment as the first need. "
                                  "The rule holds while Baku's terms hold, not from a date.")


def test_a_condition_on_a_plural_label_agrees():
    """'while Baku's terms are talks on its own territory' (the briefs said 'terms is')."""
    from sim.model.conditions import Test, to_text
    assert to_text(Test(key="baku_terms", allowed=["own"]), name=lambda k: "Baku's terms",
                   word=lambda k, v: "talks on its own territory") \
        == "Baku's terms are talks on its own territory"
    assert to_text(Test(key="security", allowed=["calm"])) == "security is calm"
