"""The class export has a row for each game's end and each meeting held (issue 24, item 8):
the day, the meetings held, and by whom the game ended (the teacher, the game's own end,
the horizon), in the CSV and the JSON, the existing columns and keys unchanged."""
from __future__ import annotations

import csv
import io
import json

from sim.play.classview import end_day
from sim.web.classroom.classroom import ClassCaps, Classroom
from sim.web.classroom.exports import COLUMNS, session_csv, session_json
from sim.web.classroom.room import Settings

BEFORE = ["session", "game", "code", "scenario", "seed", "at", "type", "day", "actor",
          "player", "to", "text", "decision", "model", "agrees_with_model", "by_model",
          "crossed", "outcome"]  # the columns before this issue, in their order
KEYS = {"game", "code", "scenario", "seed", "state", "transcript", "debriefs"}


def games(library, tmp_path):
    classroom = Classroom(tmp_path / "classroom", library, ClassCaps(3, 4), lambda: 0.0)
    session = classroom.new_session("class")
    rooms = []
    for seed in (3, 5):
        room = classroom.new_game(session.sid, "march-2023.yaml", seed,
                                  Settings("fast", None, True))
        token = room.take("stepanakert", "Bob")
        room.start()
        rooms.append((room, token))
    return session, rooms


def play_out(room, token) -> None:
    while room.state == "running":
        q = room.question("stepanakert")
        room.decide(token, q.number, q.modelled)


def test_game_end_and_meeting_rows_in_the_csv_and_the_json(library, tmp_path):
    session, ((horizon, token), (ended, _)) = games(library, tmp_path)
    play_out(horizon, token)  # to its horizon
    ended.end()  # by the teacher, at once
    assert COLUMNS[:len(BEFORE)] == BEFORE
    table = list(csv.DictReader(io.StringIO(session_csv(session))))
    assert list(table[0]) == COLUMNS
    ends = {r["code"]: r for r in table if r["type"] == "game_end"}
    assert set(ends) == {horizon.code, ended.code}
    h, e = ends[horizon.code], ends[ended.code]
    assert (h["ended_by"], float(h["day"])) == ("horizon", horizon.game.horizon)
    assert int(h["meetings_held"]) == horizon.game.record.meetings_held > 0
    assert (e["ended_by"], e["meetings_held"]) == ("teacher", "0")
    assert float(e["day"]) == round(end_day(ended.game), 2) > 0  # the day it had reached
    held = [r for r in table if r["type"] == "meeting_held" and r["code"] == horizon.code]
    assert len(held) == horizon.game.record.meetings_held
    assert all(r["text"] and r["day"] for r in held)
    data = json.loads(session_json(session))
    for game, room in zip(data["games"], (horizon, ended)):
        assert KEYS <= set(game)
        assert game["end"]["ended_by"] == ("horizon" if room is horizon else "teacher")
        assert game["end"]["meetings_held"] == room.game.record.meetings_held
        assert len(game["meetings"]) == room.game.record.meetings_held


def test_a_game_still_running_has_no_end_row(library, tmp_path):
    session, _ = games(library, tmp_path)
    table = list(csv.DictReader(io.StringIO(session_csv(session))))
    assert not [r for r in table if r["type"] == "game_end"]
    assert all(g["end"] is None for g in json.loads(session_json(session))["games"])
