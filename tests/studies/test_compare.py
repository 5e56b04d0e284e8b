"""`compare`: every scenario against the first, on the same random numbers, with a paired
interval and words that say the same as the interval."""
from __future__ import annotations

import json

from sim.cli import main
from sim.studies.compare import compare, compare_text

from ..conftest import MARCH, ROOT

ROAD = ROOT / "scenarios" / "whatif-road-reopened.yaml"
WITHDRAW = ROOT / "scenarios" / "whatif-peacekeepers-withdraw.yaml"


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
    if m.covers_zero:
        assert "no difference in median days" in road.difference.words
    else:
        assert ("sooner" if m.estimate < 0 else "later") in road.difference.words


def test_a_real_difference_is_named_with_its_sign_and_interval():
    _, gone = compare([MARCH, WITHDRAW], n=200, workers=2)
    p = gone.difference.p_meeting
    assert p.high < 0 and words_agree(gone.difference)
    assert f"lower by {-p.estimate:.3f} (95% interval {-p.high:.3f} to {-p.low:.3f})" \
        in gone.difference.words
    assert "lower" in compare_text([_, gone])


def test_json_gives_the_difference_for_every_item_but_the_baseline(tmp_path, capsys):
    assert main(["compare", str(MARCH), str(WITHDRAW), "-n", "100", "--out", str(tmp_path),
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["scenarios"]
    assert "difference_vs_baseline" not in rows[0]
    d = rows[1]["difference_vs_baseline"]
    lo, hi = d["p_meeting"]["ci"]
    assert lo <= d["p_meeting"]["estimate"] <= hi < 0
    assert d["p_meeting"]["replications_for_half_width_0_02"] > 0
