"""The class view's yardstick: the model's runs counted up to the day a game reached."""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.engine import Compiled, Game, PersonSeat, replicate
from sim.play.classview import end_day, meetings_by, model_meeting_days


def test_the_model_runs_meeting_days_are_every_meeting_they_held(march):
    days = model_meeting_days(march, 5, 40)
    compiled = Compiled(march)
    assert [len(d) for d in days] == [replicate(compiled, i, 5).meetings_held
                                      for i in range(40)]
    assert all(list(d) == sorted(d) and all(0 <= x < march.spec.horizon_days for x in d)
               for d in days)
    assert sum(map(len, days)) > 0  # the comparison below is not about empty runs
    whole = meetings_by(days, march.spec.horizon_days)
    assert whole == Counter(len(d) for d in days)


def test_counting_to_an_earlier_day_leaves_out_the_later_meetings():
    days = [(5.0, 40.0), (), (80.0,), (30.0, 30.5)]
    assert meetings_by(days, 30.0) == Counter({0: 2, 1: 2})
    assert meetings_by(days, 30.999) == Counter({0: 2, 1: 1, 2: 1})
    assert meetings_by(days, 90.0) == Counter({2: 2, 0: 1, 1: 1})


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.floats(0, 90), max_size=5).map(lambda d: tuple(sorted(d))),
                min_size=1, max_size=20), st.floats(0, 90), st.floats(0, 90))
def test_by_a_later_day_no_run_has_held_fewer_meetings(days, a, b):
    early, late = sorted((a, b))
    runs = len(days)
    by_early, by_late = meetings_by(days, early), meetings_by(days, late)
    assert sum(by_early.values()) == sum(by_late.values()) == runs
    # the share of runs with at least k meetings never falls as the day moves on
    for k in range(6):
        assert (sum(n for m, n in by_early.items() if m >= k)
                <= sum(n for m, n in by_late.items() if m >= k))


def test_a_game_ended_early_is_measured_to_its_day_a_finished_one_to_the_horizon(march):
    compiled = Compiled(march)
    ended = Game(compiled, 1, {"baku": PersonSeat("baku")})
    ended.advance(until=20)
    ended.end()
    assert ended.over and 0 < end_day(ended) <= 20
    whole = Game(compiled, 1, {})
    whole.advance()
    assert whole.over and end_day(whole) == march.spec.horizon_days
