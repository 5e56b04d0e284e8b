"""Paired differences: an interval that is honest about noise, and words that agree."""
from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.studies.experiment import run
from sim.studies.paired import paired_difference

from ..conftest import MARCH

days = st.lists(st.integers(-1, 60), min_size=5, max_size=300)


def test_a_run_against_itself_differs_by_exactly_nothing(march):
    a = run(march, 300, 2023, 1)
    d = paired_difference(a.days, run(march, 300, 2023, 1).days)
    assert (d.p_meeting.estimate, d.p_meeting.low, d.p_meeting.high) == (0.0, 0.0, 0.0)
    assert (d.median_days.low, d.median_days.high) == (0.0, 0.0)
    assert d.words.startswith("no difference")


def test_a_what_if_that_blocks_meetings_is_detected_and_said_so(march):
    base = run(march, 400, 2023, 1)
    strict = run(sim.load(MARCH, ["stepanakert.reservation=0.95"]), 400, 2023, 1)
    d = paired_difference(base.days, strict.days)
    assert d.p_meeting.high < 0 and d.p_meeting.estimate < -0.5
    assert "lower by" in d.words and "no difference in P" not in d.words
    # sizes in the named direction: no negative number beside "lower by" (a trial read
    # "lower by 0.905 (95% interval -0.923 to -0.887)" as a contradiction)
    p = d.p_meeting
    assert (f"lower by {-p.estimate:.3f} (95% interval {-p.high:.3f} to {-p.low:.3f})"
            in d.words)


def test_one_replication_that_differs_is_not_called_a_difference():
    base = array("h", [5] * 400)
    variant = array("h", [5] * 399 + [-1])
    d = paired_difference(base, variant)
    assert d.p_meeting.estimate == -1 / 400 and d.p_meeting.covers_zero
    assert "no difference in P(meeting) we can detect with 400 replications" in d.words


@settings(max_examples=60, deadline=None)
@given(days, st.data())
def test_the_interval_holds_the_estimate_and_swapping_the_arms_mirrors_it(base, data):
    variant = data.draw(st.lists(st.integers(-1, 60), min_size=len(base), max_size=len(base)))
    d = paired_difference(array("h", base), array("h", variant), seed=3)
    assert d.p_meeting.low <= d.p_meeting.estimate + 1e-12
    assert d.p_meeting.estimate <= d.p_meeting.high + 1e-12
    mirror = paired_difference(array("h", variant), array("h", base), seed=3)
    assert abs(mirror.p_meeting.estimate + d.p_meeting.estimate) < 1e-12
    assert ("no difference" in d.words.split(";")[0]) == d.p_meeting.covers_zero
