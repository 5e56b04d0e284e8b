"""The classroom without a browser: codes, seats and tokens, forged requests, deadlines and
pace, messages, injects, transcripts that survive a restart, exports."""
from __future__ import annotations

import csv
import io
import json

import pytest

from sim.cli import main
from sim.engine import Decision
from sim.play.classview import end_day
from sim.play.timeline import Teller
from sim.web.classroom.classroom import ClassCaps, Classroom
from sim.web.classroom.exports import session_csv, session_json
from sim.web.common.library import Refused
from sim.web.classroom.room import Settings
from sim.web.common.security import Attempts

from .test_library import GOOD


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def classroom(library, tmp_path, clock) -> Classroom:
    return Classroom(tmp_path / "classroom", library, ClassCaps(3, 4), clock)


def game(classroom: Classroom, seed: int = 7, settings: Settings | None = None):
    session = classroom.sessions.get("s") or next(iter(classroom.sessions.values()), None)
    session = session or classroom.new_session("Monday <b>seminar</b>")
    room = classroom.new_game(session.sid, "march-2023.yaml", seed, settings)
    tokens = {a: room.take(a, n) for a, n in (("baku", "Alice"), ("stepanakert", "Bob"))}
    return room, tokens


def play_on(room, tokens, choose=lambda q: q.modelled, limit: int = 1000) -> None:
    for _ in range(limit):
        waiting = room.waiting_on()
        if room.state != "running" or not waiting:
            return
        actor = waiting[0][0]
        q = room.question(actor)
        room.decide(tokens[actor], q.number, choose(q))


def test_a_code_finds_its_game_and_wrong_codes_are_limited(classroom):
    room, _ = game(classroom)
    tab = Attempts(10)
    assert classroom.join(room.code.lower(), tab) is room
    assert classroom.join(" " + "-".join(room.code) + " ", tab) is room
    for _ in range(10):
        with pytest.raises(Refused, match="No game has that code"):
            classroom.join("ZZZZZZ" if room.code != "ZZZZZZ" else "YYYYYY", tab)
    with pytest.raises(Refused, match="Too many wrong codes"):
        classroom.join(room.code, tab)  # even the right one, for a minute


def test_wrong_codes_lock_out_only_the_machines_that_typed_them(classroom):
    """Issue 24, fault 2: 7 machines x 11 wrong codes; every other machine still joins
    with the right code, and each guessing machine waits, whatever tab it opens."""
    room, _ = game(classroom)
    wrong = "ZZZZZZ" if room.code != "ZZZZZZ" else "YYYYYY"
    for k in range(7):
        for _ in range(11):
            with pytest.raises(Refused):
                classroom.join(wrong, Attempts(10), f"10.0.0.{20 + k}")
        with pytest.raises(Refused, match="Too many wrong codes"):
            classroom.join(room.code, Attempts(10), f"10.0.0.{20 + k}")  # a new tab too
    for k in range(25):  # a class of 25 on its own machines
        assert classroom.join(room.code, Attempts(10), f"10.0.1.{k}") is room


def test_a_seat_is_taken_once_and_only_before_the_clock_starts(classroom):
    room, tokens = game(classroom)
    with pytest.raises(Refused, match="taken"):
        room.take("baku", "Carol")
    with pytest.raises(Refused, match="not a seat"):
        room.take("moscow", "Carol")  # never proposes, never asked
    dan = room.take("yerevan", "Dan")  # a seat: a person may put formats to the parties
    assert "yerevan" in room.playable and room.seat_of(dan) == "yerevan"
    room.start()
    with pytest.raises(Refused, match="has started"):
        room.take("russian_peacekeepers", "Carol")
    assert {room.seat_of(t) for t in tokens.values()} == {"baku", "stepanakert"}


def test_a_forged_request_for_another_seat_or_game_is_refused(classroom):
    room, tokens = game(classroom)
    other, other_tokens = game(classroom, seed=8)
    room.start()
    actor, _, _ = room.waiting_on()[0]
    q = room.question(actor)
    someone_else = tokens["stepanakert" if actor == "baku" else "baku"]
    with pytest.raises(Refused):
        room.decide(someone_else, q.number, q.modelled)  # another seat's question
    with pytest.raises(Refused, match="no seat"):
        room.decide(other_tokens[actor], q.number, q.modelled)  # another game's token
    with pytest.raises(Refused, match="no seat"):
        room.decide(None, q.number, q.modelled)
    with pytest.raises(Refused, match="no longer waiting"):
        room.decide(tokens[actor], q.number + 1, q.modelled)
    with pytest.raises(Refused, match="no seat"):
        other.reflect(tokens[actor], "words")
    assert room.question(actor) is q and not q.answered  # nothing happened
    room.decide(tokens[actor], q.number, q.modelled)
    assert q.answered


def test_decisions_are_checked_before_they_reach_the_game(classroom):
    room, tokens = game(classroom, seed=2)  # first question: Stepanakert answers
    room.start()
    actor = room.waiting_on()[0][0]
    q = room.question(actor)
    assert q.kind == "answer"
    for bad, words in [(Decision("pass"), "Here you may"),
                       (Decision("refuse"), "at least one reason"),
                       (Decision("counter", ("x",), {"venue": "baku"}), "one value for each"),
                       (Decision("refuse", ("x" * 301,)), "too long")]:
        with pytest.raises(Refused, match=words):
            room.decide(tokens[actor], q.number, bad)
    assert not q.answered


def test_a_missed_deadline_lets_the_model_decide_and_the_debrief_says_so(classroom, clock):
    room, tokens = game(classroom, 1, Settings("fast", 60.0, True))  # Baku answers first
    room.start()
    actor, _, _ = room.waiting_on()[0]
    q = room.question(actor)
    clock.now = 30
    room.tick()
    assert not q.answered and room.seconds_left(q) == 30
    room.set("paused", True)
    clock.now = 500  # paused: the deadline does not run
    room.tick()
    assert not q.answered
    room.set("paused", False)
    clock.now = 531
    room.tick()
    assert q.answered and q.reply.value.by_model
    data = room.debrief(actor)
    assert data["by_model"] == 1 and data["decisions"][0]["by_model"] is True
    assert data["decisions"][0]["decision"] == q.modelled.kind
    assert data["decisions"][0]["agrees_with_model"] is True
    # the seat's timeline says the model decided, not "You accept" (a teacher's trial)
    told = [text for _, text in Teller(room.scenario, actor).lines(
        room.game.view(actor).seen)]
    mine = [t for t in told if "the model decided for you" in t]
    assert len(mine) == 1 and mine[0].startswith("[the model decided for you: time ran out, "
                                                 "or no page was open] You")
    other = "stepanakert" if actor == "baku" else "baku"
    theirs = [t for _, t in Teller(room.scenario, other).lines(room.game.view(other).seen)]
    assert not any(t.startswith("[your deadline") for t in theirs)


def test_a_paced_clock_moves_with_real_time_and_on_demand_waits_for_the_teacher(classroom,
                                                                                 clock):
    room, _ = game(classroom, settings=Settings(2.0, None, True))
    room.start()
    assert room.game.clock == 0
    clock.now = 30  # half a minute at 2 days a minute: one day
    room.tick()
    assert room.game.clock == pytest.approx(1.0) or room.waiting_on()
    other, _ = game(classroom, seed=9, settings=Settings("demand", None, True))
    other.start()
    clock.now = 600
    other.tick()
    assert other.game.clock == 0 and not other.waiting_on()
    other.advance_now()
    assert other.waiting_on()  # ran to the next decision of a person


def test_messages_stay_in_their_game_are_text_and_are_limited(classroom):
    room, tokens = game(classroom)
    other, _ = game(classroom, seed=8)
    room.say("baku", "stepanakert", "  <script>alert(1)</script>\x07 hello ")
    room.say("baku", "teacher", "only for the teacher")
    room.say("teacher", "all", "five minutes left")
    mine = [m["text"] for m in room.messages_for("stepanakert")]
    assert mine == ["<script>alert(1)</script>  hello", "five minutes left"]
    assert other.messages == []
    with pytest.raises(Refused):
        room.say("baku", "russian_peacekeepers", "to a seat nobody holds")
    with pytest.raises(Refused, match="too long"):
        room.say("baku", "all", "x" * 501)
    for _ in range(12):
        room.say("stepanakert", "all", "spam")
    with pytest.raises(Refused, match="Too many messages"):
        room.say("stepanakert", "all", "spam")
    lines = (room.folder / "transcript.jsonl").read_text()
    assert "only for the teacher" in lines and "only for the teacher" not in \
        (other.folder / "transcript.jsonl").read_text()


def test_an_inject_to_one_seat_reaches_that_seat_only(classroom):
    room, _ = game(classroom)
    room.start()
    room.inject({"security": "incidents"}, "teacher's inject", ["baku"])
    assert room.game.view("baku").state["security"] == "incidents"
    assert room.game.view("stepanakert").state["security"] == "calm"
    with pytest.raises(Refused, match="not a state"):
        room.inject({"weather": "rain"}, "x", None)
    with pytest.raises(Refused, match="seat a person holds"):
        room.inject({"security": "calm"}, "x", ["yerevan"])


def test_a_restart_takes_every_game_up_where_it_was(library, tmp_path, clock):
    first = Classroom(tmp_path / "c", library, clock=clock)
    room, tokens = game(first)
    room.start()
    room.say("stepanakert", "all", "ready")
    play_on(room, tokens, limit=4)
    room.inject({"checkpoint": True}, "teacher's inject", None)
    room.set("hints", False)
    half = list(room.game.actions)
    with open(room.folder / "transcript.jsonl", "a") as f:
        f.write('{"type": "message", "fr')  # a line torn by a crash
    again = Classroom(tmp_path / "c", library, clock=clock)
    again.load()
    back = again.codes[room.code]
    assert again.broken == [] and back.game.actions == half
    assert back.game.record.trace == room.game.record.trace
    assert back.settings.hints is False and back.messages[-1]["text"] == "ready"
    assert {back.seat_of(t) for t in tokens.values()} == {"baku", "stepanakert"}
    play_on(back, tokens)
    play_on(room, tokens)  # the same decisions in the game that never stopped
    assert back.state == room.state == "over"
    assert back.game.record.trace == room.game.record.trace


def test_a_game_ended_on_a_paced_clock_comes_back_on_the_day_it_was_ended(library, tmp_path,
                                                                            clock):
    """The class view counts an ended game's meetings to that day: a restart keeps it."""
    first = Classroom(tmp_path / "c", library, clock=clock)
    room, _ = game(first, settings=Settings(2.0, None, True))
    room.start()
    clock.now = 30 * 7.5  # 7.5 days at 2 days a minute, unless a seat asks first
    room.tick()
    room.end()
    ended = end_day(room.game)
    assert room.game.ended and 0 < ended < room.game.horizon
    again = Classroom(tmp_path / "c", library, clock=clock)
    again.load()
    back = again.codes[room.code].game
    assert back.ended and end_day(back) == ended
    assert back.record.trace == room.game.record.trace


def test_tokens_are_never_kept_in_clear_and_exports_neutralise_formulas(classroom):
    room, tokens = game(classroom)
    room.say("baku", "all", "=HYPERLINK(\"http://x\",\"click\")")
    room.start()
    play_on(room, tokens, lambda q: Decision("refuse", ("+1 for the venue",))
            if q.kind == "answer" else Decision("pass"), limit=3)
    files = "".join(p.read_text() for p in classroom.root.rglob("*") if p.is_file())
    assert not any(t in files for t in tokens.values())
    session = next(iter(classroom.sessions.values()))
    table = list(csv.DictReader(io.StringIO(session_csv(session))))
    texts = [r["text"] for r in table if r["type"] == "message"]
    assert texts == ["'=HYPERLINK(\"http://x\",\"click\")"]
    decisions = [r for r in table if r["type"] == "decision"]
    assert decisions and all(r["decision"].startswith("refuse (+1 for the venue)") or
                             r["decision"] == "passed" for r in decisions)
    room.reflect(tokens["baku"], "-1 for me")
    table = list(csv.DictReader(io.StringIO(session_csv(session))))
    assert [r["text"] for r in table if r["type"] == "reflection"] == ["'-1 for me"]
    data = json.loads(session_json(session))
    assert data["games"][0]["debriefs"]["baku"]["actor"] == "baku"
    assert not any(t in json.dumps(data) for t in tokens.values())


def test_caps_on_sessions_and_games(classroom):
    session = classroom.new_session("one")
    for _ in range(4):
        classroom.new_game(session.sid, "march-2023.yaml", 1)
    with pytest.raises(Refused, match="at most 4 games"):
        classroom.new_game(session.sid, "march-2023.yaml", 1)
    classroom.new_session("two")
    classroom.new_session("three")
    with pytest.raises(Refused, match="already 3 class sessions"):
        classroom.new_session("four")
    room = next(iter(session.rooms.values()))
    token = room.take("baku", "Alice")
    classroom.delete(session.sid)
    assert not session.folder.exists()
    assert room.code not in classroom.codes and room.state == "over"
    with pytest.raises(Refused, match="deleted"):
        room.say("baku", "all", "anyone there?")  # a page left open: nothing is written
    with pytest.raises(Refused):
        classroom.join(room.code, Attempts(10))
    assert room.seat_of(token) == "baku" and not session.folder.exists()


def test_a_game_on_an_uploaded_scenario_comes_back_after_a_restart(library, tmp_path, clock):
    library.upload("class.yaml", GOOD)
    first = Classroom(tmp_path / "c", library, clock=clock)
    session = first.new_session("uploads")
    room = first.new_game(session.sid, "class.yaml", 3)
    library.remove("class.yaml")  # as after a restart: uploads live in a temporary folder
    again = Classroom(tmp_path / "c", library, clock=clock)
    again.load()
    assert again.codes[room.code].scenario.digest == room.scenario.digest
    library.remove("class.yaml")


def test_a_classroom_transcript_replays_from_the_command_line(classroom, tmp_path, capsys):
    room, tokens = game(classroom, seed=5)
    room.start()
    play_on(room, tokens, lambda q: Decision("accept") if q.kind == "answer"
            else Decision("pass"))
    assert room.state == "over"
    scenario = room.scenario.path
    assert main(["play", "--replay", str(room.folder / "transcript.jsonl"), str(scenario),
                 "--out", str(tmp_path / "r")]) == 0
    folder, = (tmp_path / "r").iterdir()
    for actor in ("baku", "stepanakert"):
        replayed = json.loads((folder / f"debrief-{actor}.json").read_text())
        live = room.debrief(actor)
        assert replayed["decisions"] == json.loads(json.dumps(live["decisions"]))
        assert replayed["meetings_held"] == room.game.record.meetings_held
    assert "Replayed" in capsys.readouterr().out
