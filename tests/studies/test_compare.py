"""`compare`: every scenario against the first, on the same random numbers, with a paired
interval and words that say the same as the interval."""
from __future__ import annotations

import json

from sim.cli import main
from sim.studies.compare import compare, compare_text

from ..conftest import AUGUST, MARCH, ROOT

ROAD = ROOT / "scenarios" / "whatif-road-reopened.yaml"
RESTORED = ROOT / "scenarios" / "whatif-humanitarian-restored.yaml"


def test_a_scenario_against_itself_differs_by_exactly_zero():
    first, again = compare([MARCH, MARCH], n=150, workers=1)
    assert first.difference is None
    d = again.difference
    assert (d.p_meeting.estimate, d.p_meeting.low, d.p_meeting.high) == (0.0, 0.0, 0.0)
    assert (d.median_days.low, d.median_days.high) == (0.0, 0.0)
    assert d.words.startswith("no difference")


def words_agree(d) -> bool:
    p = d.p_meeting
    if p.covers_zero:
        return d.words.startswith("no difference")
    return ("higher" if p.estimate > 0 else "lower") in d.words.split(";")[0]


def test_march_against_the_road_reopened_words_agree_with_the_interval():
    _, road = compare([MARCH, ROAD], n=200, workers=2)
    assert words_agree(road.difference)
    m = road.difference.median_days
    if (m.low, m.high) == (0.0, 0.0):
        assert "the same median days to the first meeting in every resample" \
            in road.difference.words
    elif m.covers_zero:
        assert "no difference in median days" in road.difference.words
    else:
        assert ("sooner" if m.estimate < 0 else "later") in road.difference.words


def test_a_real_difference_is_named_with_its_sign_and_interval():
    _, restored = compare([AUGUST, RESTORED], n=200, workers=2)
    p = restored.difference.p_meeting
    assert p.low > 0 and words_agree(restored.difference)
    assert f"higher by {p.estimate:.3f} (95% interval {p.low:.3f} to {p.high:.3f})" \
        in restored.difference.words
    assert "higher" in compare_text([_, restored])


def test_json_gives_the_difference_for_every_item_but_the_baseline(tmp_path, capsys):
    assert main(["compare", str(AUGUST), str(RESTORED), "-n", "100", "--out", str(tmp_path),
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["scenarios"]
    assert "difference_vs_baseline" not in rows[0]
    d = rows[1]["difference_vs_baseline"]
    lo, hi = d["p_meeting"]["ci"]
    assert 0 < lo <= d["p_meeting"]["estimate"] <= hi
    assert d["p_meeting"]["replications_for_half_width_0_02"] > 0
