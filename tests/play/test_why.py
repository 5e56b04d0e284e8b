"""The debrief says why (issue 24, item 6): a paragraph per game above the table, the
meeting held or the refusals that stopped one and the format that came closest, each rule
with its sentence, a short quote and its speaker; the same text in the terminal and HTML."""
from __future__ import annotations

import pytest

from sim.engine import Compiled, Decision, Game, PersonSeat
from sim.model.feasibility import feasibility
from sim.model.sources import cited_as
from sim.play.debrief import debrief
from sim.play.debrief_views import debrief_html, debrief_text
from sim.play.debrief_why import short_quote

SEAT = "stepanakert"


def played(sc, seed: int, choose) -> Game:
    game = Game(Compiled(sc), seed, {SEAT: PersonSeat(SEAT)})
    while not game.over:
        for q in list(game.advance()):
            game.answer(q, choose(q))
    return game


def modelled(q):
    return q.modelled


def test_a_game_with_a_meeting_says_its_day_and_format(march):
    game = played(march, 3, modelled)
    held = next(e for e in game.record.trace if e["type"] == "meeting_held")
    text = debrief(march, game, SEAT, 3)["why"]["text"]
    assert text.startswith(f"A meeting on day {int(held['day'])} (")
    assert f"in format {march.space.label(held['format'])}" in text


def test_no_meeting_says_which_rules_refused_and_the_closest_format_with_quotes(august):
    """August, every seat the model's but Stepanakert's, which answers as the model would:
    no meeting; the refusals by their rules; no format open in the last world, so the
    closest one and exactly who blocks it."""
    game = played(august, 3, modelled)
    assert game.record.meetings_held == 0
    why = debrief(august, game, SEAT, 3)["why"]
    text = why["text"]
    assert text.startswith("No meeting by the horizon, because ")
    refused = {r for e in game.record.trace if e["type"] == "answer" and not e["accept"]
               for r in e["reasons"]}
    assert set(why["rules"]) & refused  # the refusals' own rules, by their sentences
    for part in why["parts"]:
        if part["rule"]:
            actor = next(a for a, s in august.actors.items() if s.rule(part["rule"]))
            rule = august.actors[actor].rule(part["rule"])
            assert " ".join(rule.says.split()).rstrip(".") in part["text"]
            cite = rule.citations[0] if rule.citations else None
            if cite is not None:  # a short quote and who said it, right after
                assert short_quote(cite.quote) in text
                assert cited_as(august.speakers, august.articles, cite) in text
    rows = feasibility(august, game.talks.world.state).rows
    assert not any(r.meeting_possible for r in rows)
    fewest = min(len(r.blocked_by) for r in rows)
    tail = text.split("the closest format was ")[1]
    row = next(r for r in rows if tail.startswith(august.space.label(r.format) + ","))
    assert len(row.blocked_by) == fewest
    for actor in row.blocked_by:
        assert f"{august.actors[actor].name} under" in tail


def test_an_open_format_nobody_took_is_named_with_its_fate(march):
    game = played(march, 4, lambda q: Decision("refuse", ("not now",)) if q.kind == "answer"
                  else Decision("pass"))
    text = debrief(march, game, SEAT, 4)["why"]["text"]
    assert "Stepanakert refused" in text and "in its player's own words" in text
    assert "was acceptable to every party it needs: " in text


@pytest.mark.parametrize("view", [debrief_text, debrief_html])
def test_the_terminal_and_the_html_show_the_same_paragraph_above_the_table(march, view):
    game = played(march, 4, lambda q: Decision("refuse", ("not now",)) if q.kind == "answer"
                  else Decision("pass"))
    data = debrief(march, game, SEAT, 4)
    out = view(march, data)
    first_words = data["why"]["text"][:40]
    assert first_words in " ".join(out.split()) or first_words in out
    if view is debrief_html:
        assert out.index('class="why"') < out.index("<table")
        assert all(f'title="Rule: {r}"' in out for r in data["why"]["rules"])
    else:
        assert out.index(first_words[:20]) < out.index("\n1. ")


def test_a_meeting_agreed_but_not_reached_and_one_open_proposal_are_said(march):
    game = Game(Compiled(march), 1, {SEAT: PersonSeat(SEAT)})
    while not any(e["type"] == "meeting_scheduled" for e in game.record.trace):
        for q in list(game.advance(until=game.clock + 0.25)):
            game.answer(q, q.modelled)
    game.end()
    text = debrief(march, game, SEAT, 1)["why"]["text"]
    assert text.startswith(f"No meeting by day {int(game.clock)}, when the game was ended")
    assert "a meeting was agreed for " in text and "but the game ended before its day" in text
    assert "1 proposals" not in text
