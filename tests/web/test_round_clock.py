"""The class-wide round clock without a browser and without sleeping: a clock passed in is
moved by hand. Start, pause, reset, next round, the minutes a teacher may set, and a clock
kept on disk so that a restarted server (a new Classroom on the same folder) keeps it."""
from __future__ import annotations

import json

import pytest

from sim.web.classroom.classroom import Classroom
from sim.web.classroom.round_clock import FILE, RoundClock, clock_text
from sim.web.common.library import Refused


class Wall:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def wall() -> Wall:
    return Wall()


def test_a_round_counts_down_pauses_and_ends(wall):
    c = RoundClock(None, wall)
    assert c.state == "idle" and c.text() == ""  # a class not using it sees nothing
    c.set_minutes("5")
    c.start()
    assert c.text() == "Round 1 – 5:00 left"
    wall.now += 108.2
    assert c.text() == "Round 1 – 3:12 left"  # whole seconds, rounded up
    c.pause()
    wall.now += 600  # paused: no time passes for the round
    assert c.text() == "Round 1 – 3:12 left (paused)" and c.state == "paused"
    c.start()
    wall.now += 191.6
    assert c.text() == "Round 1 – 0:01 left"
    wall.now += 0.5
    assert c.state == "up" and c.text() == "Round 1 – time is up"
    with pytest.raises(Refused, match="time is up: press Next round"):
        c.start()


def test_next_round_starts_at_once_and_reset_goes_back_to_round_one(wall):
    c = RoundClock(None, wall)
    c.start()
    wall.now += 400
    c.next_round()
    assert c.text() == "Round 2 – 5:00 left" and c.state == "running"
    wall.now += 30
    c.reset()
    assert (c.round, c.state, c.text()) == (1, "idle", "")
    wall.now += 100
    assert c.left() == 300


def test_changing_the_minutes_keeps_the_time_used(wall):
    c = RoundClock(None, wall)
    c.start()
    wall.now += 120
    c.set_minutes(3)
    assert c.text() == "Round 1 – 1:00 left"
    c.set_minutes(1.5)  # shorter than the time used: up at once
    assert c.state == "up"


@pytest.mark.parametrize("value", ["0", "0.5", "61", "-5", "five", "", None, "nan", "inf",
                                   True])
def test_minutes_outside_the_range_are_refused_in_one_line(wall, value):
    c = RoundClock(None, wall)
    with pytest.raises(Refused) as refused:
        c.set_minutes(value)
    assert str(refused.value).startswith("Minutes a round: a number from 1 to 60; got ")
    assert "\n" not in str(refused.value)
    assert c.minutes == 5  # unchanged


def test_clock_text():
    assert [clock_text(s) for s in (0, 0.4, 59.01, 60, 3600)] == \
        ["0:00", "0:01", "1:00", "1:00", "60:00"]


def test_the_clock_is_kept_in_the_classroom_folder_across_a_restart(library, tmp_path, wall):
    root = tmp_path / "classroom"
    first = Classroom(root, library, wall=wall)
    first.round_clock.set_minutes(4)
    first.round_clock.start()
    wall.now += 50
    first.round_clock.next_round()
    wall.now += 30
    assert json.loads((root / FILE).read_text())["round"] == 2
    again = Classroom(root, library, wall=wall)  # the server started again
    assert again.round_clock.text() == "Round 2 – 3:30 left"
    wall.now += 20  # a running round ran on while the server was down
    assert again.round_clock.text() == "Round 2 – 3:10 left"
    again.round_clock.pause()
    wall.now += 500
    third = Classroom(root, library, wall=wall)
    assert third.round_clock.text() == "Round 2 – 3:10 left (paused)"
    assert third.broken == []


def test_a_clock_file_that_cannot_be_read_is_said_and_replaced(library, tmp_path, wall):
    root = tmp_path / "classroom"
    root.mkdir()
    (root / FILE).write_text('{"minutes": 900, "round": 2')
    c = Classroom(root, library, wall=wall)
    assert c.round_clock.state == "idle" and c.round_clock.minutes == 5
    assert any("round clock" in b for b in c.broken)
    (root / FILE).write_text(json.dumps({"minutes": 900, "round": 2, "used": 0,
                                         "since": None}))
    assert Classroom(root, library, wall=wall).round_clock.minutes == 5  # out of range
