"""A sweep measures every point against the scenario as written (a grid point when it is
on the grid, else a point run beside it), on the same random numbers; a setting reached
by a sweep, a 2-D sweep or `run --set` gives the same numbers."""
from __future__ import annotations

import sim
from sim.studies.paired import paired_difference

from ..conftest import MAY_REOPEN as MARCH  # has the road_reopens hazard

HAZARD = "events.road_reopens.hazard_per_day"  # 0.002 in whatif-road-may-reopen.yaml


def test_the_baseline_on_the_grid_is_that_point():
    result = sim.sweep(MARCH, [f"{HAZARD}=0.001:0.003:3"], n=80, workers=2)
    assert result.baseline is result.points[1] and result.baseline.difference is None
    assert result.to_json()["baseline"]["point"] == 1
    for p in (result.points[0], result.points[2]):
        assert p.difference == paired_difference(result.baseline.days, p.days, result.seed)


def test_a_drawn_value_is_run_beside_the_grid_and_every_point_compared():
    result = sim.sweep(MARCH, ["baku.reservation=0.5:0.9:2"], n=120, workers=2)
    data = result.to_json()
    assert data["baseline"]["point"] is None
    assert data["baseline"]["values"] == {"baku.reservation": None}
    assert result.baseline.days == sim.run(sim.load(MARCH), n=120, workers=1).days
    high = data["points"][1]["difference_vs_baseline"]["p_meeting"]
    assert high["ci"][1] < 0  # a demanding Baku meets less often, beyond noise


def test_the_same_setting_by_any_route_gives_identical_numbers():
    one = sim.sweep(MARCH, ["baku.reservation=0.5:0.7:2"], n=100, workers=2).points[1]
    two = [p for p in sim.sweep(MARCH, ["baku.reservation=0.5:0.7:2",
                                        f"{HAZARD}=0.002:0.004:2"], n=100,
                                workers=1).points
           if p.values == {"baku.reservation": 0.7, HAZARD: 0.002}][0]
    by_set = sim.run(sim.load(MARCH, ["baku.reservation=0.7"]), n=100, workers=2)
    assert one.days == two.days == by_set.days
    assert one.summary.first_formats == by_set.summary.first_formats
