"""Making games: every value is checked before the first game is made, so a mistake in
the dashboard's fields never leaves part of a class created (a teacher's trial typed 99
games and got 29, a deadline of -5 s and got it)."""
from __future__ import annotations

import pytest

from sim.web.classroom.classroom import NEW_GAMES_AT_ONCE, ClassCaps, Classroom
from sim.web.common.library import Refused
from sim.web.classroom.room import Settings
from sim.web.common.runs import Caps, RunRefused, check_replications, check_seed


@pytest.fixture()
def classroom(library, tmp_path) -> Classroom:
    return Classroom(tmp_path / "classroom", library, ClassCaps(3, 20))


@pytest.mark.parametrize("count, words", [
    (99.0, f"Games: a whole number from 1 to {NEW_GAMES_AT_ONCE} at a time; got 99\\."),
    (0, "got 0"), (2.5, "got 2.5"), (None, "got nothing"), ("", "got nothing"),
    ("three", "got three"),
])
def test_a_count_of_games_outside_what_is_allowed_makes_none(classroom, count, words):
    session = classroom.new_session("Monday")
    with pytest.raises(Refused, match=words):
        classroom.new_games(session.sid, "march-2023.yaml", 1, Settings(), count)
    assert session.rooms == {}


@pytest.mark.parametrize("settings, words", [
    (Settings(deadline=-5), "A deadline is from 10 seconds to an hour .3600., or none; got -5"),
    (Settings(deadline=100000), "got 100000"),
    (Settings(pace="fastest"), "Pace: 'fast', 'demand'"),
])
def test_a_setting_a_game_cannot_take_makes_none(classroom, settings, words):
    session = classroom.new_session("Monday")
    with pytest.raises(Refused, match=words):
        classroom.new_games(session.sid, "march-2023.yaml", 1, settings, 3)
    assert session.rooms == {}


def test_games_are_made_together_or_not_at_all(classroom):
    session = classroom.new_session("Monday")
    made = classroom.new_games(session.sid, "march-2023.yaml", "4", Settings(deadline=None), 15.0)
    assert len(made) == len(session.rooms) == 15 and len({r.code for r in made}) == 15
    made[0].set("deadline", 30.0)  # one game's setting, not every game's
    assert made[0].settings.deadline == 30.0 and made[1].settings.deadline is None
    with pytest.raises(Refused, match="at most 20 games: this one has room for 5 more"):
        classroom.new_games(session.sid, "march-2023.yaml", 4, Settings(), 6)
    assert len(session.rooms) == 15
    with pytest.raises(Refused, match="A seed is a whole number from 0"):
        classroom.new_games(session.sid, "march-2023.yaml", -1, Settings(), 2)
    assert len(session.rooms) == 15


@pytest.mark.parametrize("n, words", [
    (999999, "from 1 to 400 on this server .got 999999."), (0, "got 0"),
    (12.5, "got 12.5"), (None, "got nothing"),
])
def test_replications_a_run_cannot_take_are_said_not_clamped(n, words):
    with pytest.raises(RunRefused, match=words):
        check_replications(n, Caps(max_replications=400))


def test_a_seed_below_zero_is_said_as_typed():
    with pytest.raises(RunRefused, match=r"0 or more \(got -1\)"):
        check_seed(-1.0)
    assert check_seed(7.0) == 7


def test_after_a_restart_sessions_come_back_in_the_order_they_were_made(library, tmp_path,
                                                                        monkeypatch):
    """The dashboard opens the newest session; a session's id ends in random letters, so the
    order of names is not the order of making (a teacher's trial got the older one)."""
    import os

    import sim.web.classroom.classroom as classroom_module
    ids = iter(["ffffff", "000000"])
    monkeypatch.setattr(classroom_module.secrets, "token_hex", lambda n: next(ids))
    first = Classroom(tmp_path / "c", library, ClassCaps(3, 20))
    old, new = first.new_session("Monday"), first.new_session("Tuesday")
    os.utime(old.folder / "session.json", (1_000, 1_000))
    os.utime(new.folder / "session.json", (2_000, 2_000))
    again = Classroom(tmp_path / "c", library, ClassCaps(3, 20))
    again.load()
    assert [s.title for s in again.sessions.values()] == ["Monday", "Tuesday"]
    assert new.sid < old.sid  # by name alone, Tuesday would have come first
