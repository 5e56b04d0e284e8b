"""Seats that cannot be hoarded, and seats held by teams, without a browser: one browser,
one seat per game (unless the teacher allows more); a negotiator and advisers, each with
their own token; who may decide; the role handed on; the teacher freeing, moving and
reassigning; a seat whose pages are all closed played by the model after a grace period;
all of it back after a restart, the game replaying exactly."""
from __future__ import annotations

import pytest

from sim.play.roles import role_sheet
from sim.web.classroom.classroom import Classroom
from sim.web.classroom.room import Settings, check_setting
from sim.web.common.library import Refused

from .test_classroom import Clock


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def classroom(library, tmp_path, clock) -> Classroom:
    return Classroom(tmp_path / "classroom", library, clock=clock)


def new_room(classroom: Classroom, settings: Settings | None = None, seed: int = 1):
    session = next(iter(classroom.sessions.values()), None) or classroom.new_session("class")
    return classroom.new_game(session.sid, "march-2023.yaml", seed, settings)


def test_one_browser_takes_one_seat_of_a_game(classroom):
    """Issue 24, fault 4: one browser took all four seats; only the last seat's token was
    kept and the others waited out their deadlines. Now the second is refused."""
    room = new_room(classroom)
    room.take("baku", "Alice", client="browser-a")
    for actor in ("stepanakert", "yerevan", "russian_peacekeepers"):
        with pytest.raises(Refused, match="This browser already holds the Baku seat"):
            room.take(actor, "Alice again", client="browser-a")
    with pytest.raises(Refused, match="already holds"):
        room.advise("baku", "Alice's twin", client="browser-a")  # an adviser holds it too
    assert list(room.seats) == ["baku"]
    room.take("stepanakert", "Bob", client="browser-b")  # another browser, another seat
    other = new_room(classroom, seed=2)
    other.take("stepanakert", "Alice", client="browser-a")  # one seat per game, not per class
    assert list(room.seats) == ["baku", "stepanakert"]


def test_the_teacher_may_let_one_browser_hold_more_seats(classroom):
    room = new_room(classroom)
    room.take("baku", "Teacher's demo", client="laptop")
    room.set("more_seats", True)  # the switch on the game card, noted in the transcript
    room.take("stepanakert", "Teacher's demo", client="laptop")
    assert '"name":"more_seats","value":true' in (room.folder / "transcript.jsonl").read_text()
    room.set("more_seats", False)
    with pytest.raises(Refused, match="already holds"):
        room.take("yerevan", "Teacher's demo", client="laptop")


def team(classroom, settings: Settings | None = None):
    """Baku held by Alice (negotiator), Carol and Dan (advisers); Stepanakert by Bob."""
    room = new_room(classroom, settings)
    tokens = {"alice": room.take("baku", "Alice", client="a"),
              "carol": room.advise("baku", "Carol", client="c"),
              "dan": room.advise("baku", "Dan", client="d"),
              "bob": room.take("stepanakert", "Bob", client="b")}
    mids = {who: room.teams.member_of(t).mid for who, t in tokens.items()}
    return room, tokens, mids


def test_a_team_holds_a_seat_and_only_its_negotiator_decides(classroom):
    room, tokens, mids = team(classroom)
    assert len(set(tokens.values())) == 4 and len(set(mids.values())) == 4  # a token each
    assert {room.seat_of(tokens[w]) for w in ("alice", "carol", "dan")} == {"baku"}
    assert room.seats["baku"].members == [mids["alice"], mids["carol"], mids["dan"]]
    assert room.names["baku"] == "Alice"
    with pytest.raises(Refused, match="taken: choose another seat, or join its team"):
        room.take("baku", "Eve", client="e")
    room.start()
    q = room.question("baku")  # seed 1: Baku answers first
    with pytest.raises(Refused, match=r"Only your team's negotiator \(Alice\) sends"):
        room.decide(tokens["carol"], q.number, q.modelled)
    with pytest.raises(Refused, match="Only the negotiator hands the role on"):
        room.teams.negotiator(mids["carol"], by=tokens["carol"])  # an adviser cannot
    with pytest.raises(Refused, match="own team"):
        room.teams.negotiator(mids["bob"], by=tokens["alice"])  # nor into another team
    room.teams.negotiator(mids["carol"], by=tokens["alice"])  # Alice hands the role on
    assert room.names["baku"] == "Carol" and not q.answered
    with pytest.raises(Refused, match=r"negotiator \(Carol\)"):
        room.decide(tokens["alice"], q.number, q.modelled)
    room.decide(tokens["carol"], q.number, q.modelled)
    assert q.answered
    room.teams.negotiator(mids["dan"])  # the teacher reassigns it
    assert room.seats["baku"].negotiator == mids["dan"] and room.names["baku"] == "Dan"
    # the team's channel: its members and the teacher, nobody else
    room.say("baku", "team", "accept the next one", member=mids["alice"])
    ours = [m for m in room.messages_for("baku") if m["to"] == "team"]
    assert [(m["text"], m["name"]) for m in ours] == [("accept the next one", "Alice")]
    assert not any(m["to"] == "team" for m in room.messages_for("stepanakert"))
    with pytest.raises(Refused):
        room.say("teacher", "team", "the teacher writes to a seat instead")
    lines = (room.folder / "transcript.jsonl").read_text()
    assert lines.count('"do":"advise"') == 2 and '"by":"negotiator"' in lines \
        and '"by":"teacher"' in lines
    late = room.advise("stepanakert", "Frank", client="f")  # a late student joins a team
    assert room.seat_of(late) == "stepanakert"


def test_the_teacher_frees_and_moves_people(classroom):
    room, tokens, mids = team(classroom)
    room.teams.move(mids["alice"], "yerevan")  # before the start, to a free seat
    assert room.seat_of(tokens["alice"]) == "yerevan" and room.names["yerevan"] == "Alice"
    assert room.seats["baku"].negotiator == mids["carol"]  # the next in the team
    with pytest.raises(Refused, match="free seat"):
        room.teams.move(mids["dan"], "stepanakert")  # Bob's
    room.teams.free("stepanakert")  # Bob loses the seat; free again before the start
    assert "stepanakert" in room.free() and "stepanakert" not in room.names
    with pytest.raises(Refused, match="holds no seat"):
        room.seat_of(tokens["bob"])
    room.take("stepanakert", "Bob", client="b")  # his browser may take a seat again
    room.teams.free("baku", mids["dan"])  # one person of a team
    assert room.seats["baku"].members == [mids["carol"]]
    room.start()
    with pytest.raises(Refused, match="before the game starts"):
        room.teams.move(mids["carol"], "western_mediators")
    room.teams.free("baku")  # after the start: the model plays it, at once
    assert room.seats["baku"].by_model and room.question("baku") is None
    assert room.game.actions[0]["decision"]["by_model"] is True  # the fallback, as a deadline
    assert '"do":"free","actor":"baku","member":null' in \
        (room.folder / "transcript.jsonl").read_text()


def test_a_seat_whose_pages_all_closed_is_the_models_after_the_grace_period(classroom,
                                                                           clock):
    room, tokens, mids = team(classroom, Settings(deadline=None, grace=60))
    for who in ("alice", "carol", "dan", "bob"):
        room.teams.page(mids[who], who, True)
    room.start()
    q = room.question("baku")
    clock.now = 10
    for who in ("alice", "carol", "dan"):  # the whole team leaves
        room.teams.page(mids[who], who, False)
    room.teams.page(mids["alice"], "alice", False)  # a disconnect reported twice
    clock.now = 69
    classroom.tick()
    assert not q.answered and not room.seats["baku"].away
    clock.now = 70
    classroom.tick()
    assert q.answered and q.reply.value.by_model and room.seats["baku"].away
    assert room.question("baku") is None  # and every later one, while nobody is back
    room.teams.page(mids["dan"], "dan-again", True)  # one member comes back
    assert not room.seats["baku"].away
    lines = (room.folder / "transcript.jsonl").read_text()
    assert '"do":"away","actor":"baku","seconds":60' in lines and '"do":"back"' in lines
    assert not room.seats["stepanakert"].away  # Bob's page stayed open
    told = room.debrief("baku")  # no deadline ran out (there is none): it must not say so
    from sim.play.debrief_views import debrief_text
    said = debrief_text(room.scenario, told)
    assert "when the deadline passed" not in said and "no page of the seat was open" in said
    with pytest.raises(Refused, match="A grace period is from 10 seconds"):
        room.set("grace", 5)
    with pytest.raises(Refused, match="got 4000"):
        check_setting("grace", 4000)


def test_teams_come_back_after_a_restart_and_the_game_replays_exactly(classroom, library,
                                                                     tmp_path, clock):
    room, tokens, mids = team(classroom, Settings(deadline=None, grace=30))
    room.teams.move(mids["dan"], "yerevan")
    room.teams.free("baku", mids["carol"])
    carol = room.advise("baku", "Carol", client="c")  # back, with a new token
    room.start()
    room.teams.negotiator(room.teams.member_of(carol).mid, by=tokens["alice"])
    room.say("baku", "team", "hold firm", member=mids["alice"])
    room.teams.page(mids["bob"], "bob", True)
    clock.now = 31
    classroom.tick()  # Baku's and Yerevan's people never opened a page: the model's
    assert room.seats["baku"].away and room.seats["yerevan"].away and room.game.actions
    again = Classroom(tmp_path / "classroom", library, clock=clock)
    again.load()
    back = again.codes[room.code]
    assert again.broken == [] and back.game.actions == room.game.actions
    assert back.game.record.trace == room.game.record.trace
    for actor, t in room.seats.items():
        b = back.seats[actor]
        assert (b.members, b.negotiator, b.away) == (t.members, t.negotiator, t.away)
    assert back.names == room.names == {"baku": "Carol", "stepanakert": "Bob", "yerevan": "Dan"}
    with pytest.raises(Refused, match="holds no seat"):
        back.seat_of(tokens["carol"])  # her first token went when she was freed
    assert back.teams.decider(carol) == "baku" and back.seat_of(tokens["dan"]) == "yerevan"
    with pytest.raises(Refused, match="already holds"):
        back.advise("stepanakert", "Bob's twin", client="b")  # browsers are remembered
    assert back.advise("stepanakert", "Gus", client="g")  # a new member: a new id
    assert len({m.mid for m in back.teams.members.values()}) == len(back.teams.members)
    assert back.messages[-1]["name"] == "Alice"


def test_yerevan_is_offered_as_a_seat_with_its_stated_positions(classroom):
    """Issue 24: Yerevan was never offered. Its sheet carries what the sources say it
    supports (an international mechanism, as the US and EU mediators do)."""
    room = new_room(classroom)
    assert "yerevan" in room.free()
    sheet = role_sheet(room.scenario, "yerevan")
    assert "international mechanism" in sheet["summary"] and sheet["proposes"]
    mediation = next(p for p in sheet["preferences"] if p["dimension"] == "mediation")
    assert mediation["values"][0] == ("international format with a mandate", 1.0)
    room.take("yerevan", "Dan", client="d")
    room.start()
    assert '"type":"start","seats":["yerevan"]' in (room.folder / "transcript.jsonl").read_text()


def test_a_game_saved_before_teams_comes_back_one_person_a_seat(classroom, library,
                                                                tmp_path, clock):
    """Its seats.jsonl and seat lines name no member: each seat's one person is its
    negotiator, as before."""
    import json
    room = new_room(classroom)
    tokens = {a: room.take(a, n) for a, n in (("baku", "Alice"), ("stepanakert", "Bob"))}
    for name, drop in (("seats.jsonl", ("member", "client")), ("transcript.jsonl", ("member",))):
        path = room.folder / name
        lines = [json.loads(line) for line in path.read_text().splitlines()]
        path.write_text("".join(json.dumps({k: v for k, v in e.items() if k not in drop}) + "\n"
                                for e in lines))
    again = Classroom(tmp_path / "classroom", library, clock=clock)
    again.load()
    back = again.codes[room.code]
    assert back.names == {"baku": "Alice", "stepanakert": "Bob"}
    back.start()
    q = back.question("baku")
    back.decide(tokens["baku"], q.number, q.modelled)
    assert back.advise("baku", "Carol") and back.teams.made == 1  # p1: no clash with ids


def test_a_taken_plural_seat_and_an_advisers_message_read_right(classroom):
    """'US/EU mediators are taken', and the export names who wrote a team message (it named
    the seat's negotiator for an adviser's words)."""
    import csv
    import io

    from sim.web.classroom.exports import session_csv
    room = new_room(classroom)
    room.take("western_mediators", "Hana", client="h")
    with pytest.raises(Refused, match="^US/EU mediators are taken"):
        room.take("western_mediators", "Ivo", client="i")
    ivo = room.advise("western_mediators", "Ivo", client="i")
    room.say("western_mediators", "team", "wait for Yerevan",
             member=room.teams.member_of(ivo).mid)
    rows = csv.DictReader(io.StringIO(session_csv(next(iter(classroom.sessions.values())))))
    said = [r for r in rows if r["type"] == "message"]
    assert [(r["player"], r["text"]) for r in said] == [("Ivo", "wait for Yerevan")]
