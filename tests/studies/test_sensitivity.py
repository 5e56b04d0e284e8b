"""Sensitivity that explains itself: parameters in words, what the index means, and a
warning with the sample size to use when an index cannot be trusted."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sim.cli import main
from sim.studies.sensitivity_reading import METHOD_WORDS, caution, index_warnings, needed

from ..conftest import MARCH


def index(s1: float, conf: float, st_: float = 0.5, st_conf: float = 0.01) -> dict:
    return {"param": "baku.reservation", "label": "Baku: reservation level", "S1": s1,
            "conf": conf, "ST": st_, "ST_conf": st_conf}


def test_an_index_outside_0_1_or_with_a_wide_interval_is_named_with_the_samples_to_use():
    assert index_warnings([index(0.3, 0.02)], "sobol", 64) == []
    [outside] = index_warnings([index(-0.1, 0.02)], "sobol", 64)
    assert "Baku: reservation level" in outside and "S1 = -0.10 lies outside [0, 1]" in outside
    [wide] = index_warnings([index(0.3, 0.2)], "sobol", 64)
    assert "interval of its S1 is 0.40 wide" in wide and "--samples 1024" in wide
    assert index_warnings([index(-5, 9)], "morris", 10) == []  # Morris has no such scale


@given(st.integers(2, 4096), st.floats(0.0, 3.0))
def test_the_advised_sample_is_a_larger_power_of_two_that_narrows_the_interval(samples, half):
    n = needed(samples, half)
    assert n > samples and n & (n - 1) == 0
    assert 2 * half * (samples / n) ** 0.5 <= 0.1 + 1e-9  # width shrinks as 1/sqrt(samples)


def test_the_figure_caution_gives_the_largest_sample_needed():
    text = caution([index(0.3, 0.2), index(0.3, 0.02, st_conf=0.4)], "sobol", 64)
    assert "--samples 4096" in text  # the ST interval 0.8 wide: 64 x (0.8 / 0.1)^2
    assert caution([index(0.3, 0.02)], "sobol", 64) is None


def test_a_small_sobol_run_says_what_it_means_and_warns(tmp_path, capsys):
    assert main(["sensitivity", str(MARCH), "--method", "sobol", "--params",
                 "baku.reservation=0.5:0.9", "stepanakert.reservation=0.6:0.97",
                 "--samples", "4", "-n", "10", "--workers", "2", "--out", str(tmp_path),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["what_it_means"] == METHOD_WORDS["sobol"]
    assert {i["label"] for i in out["indices"]} == {"Baku: reservation level",
                                                    "Stepanakert: reservation level"}
    assert out["warnings"] and all("--samples" in w for w in out["warnings"])
