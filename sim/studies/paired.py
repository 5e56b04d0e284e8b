"""Paired differences: how a what-if differs from its baseline, and whether that is more
than noise.

Both arms run the same replications with the same seeds, and every kind of randomness has
its own stream, so replication i of the what-if differs from replication i of the
baseline only through what was changed (common random numbers). The difference is
therefore measured on pairs: a paired bootstrap over replications (Efron and Tibshirani,
*An Introduction to the Bootstrap*, 1993, ch. 13) gives a 95% percentile interval for the
difference in P(meeting by the horizon) and in the median days to a first meeting. When
nothing differs (a scenario against itself) every resample gives 0, and so does the
interval.
"""
from __future__ import annotations

import math
import warnings
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a difference is computed: a plain run does not pay for it
    import numpy as np

RESAMPLES = 2000
TARGET_HALF_WIDTH = 0.02
BLOCK = 100  # resamples drawn at once for the medians (memory: BLOCK x N numbers)


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float

    @property
    def covers_zero(self) -> bool:
        return self.low <= 0.0 <= self.high

    def to_json(self) -> dict:
        return {"estimate": round(self.estimate, 6),
                "ci": [round(self.low, 6), round(self.high, 6)]}


@dataclass(frozen=True)
class Difference:
    """What-if minus baseline, over `n` paired replications."""

    n: int
    p_meeting: Interval
    median_days: Interval | None  # None when either arm never meets
    replications_for_target: int  # N at which the P interval's half-width would be 0.02

    @property
    def words(self) -> str:
        return difference_words(self)

    def to_json(self) -> dict:
        return {"p_meeting": {**self.p_meeting.to_json(),
                              "replications_for_half_width_0_02":
                                  self.replications_for_target},
                "median_days": None if self.median_days is None else
                self.median_days.to_json(),
                "words": self.words}


def paired_difference(base: array, variant: array, seed: int = 0,
                      resamples: int = RESAMPLES) -> Difference:
    """The paired difference of two runs' first-meeting days (one entry per replication,
    the same replications in both; a negative day means no meeting)."""
    if len(base) != len(variant) or not len(base):
        raise ValueError("paired runs need the same, non-zero number of replications")
    import numpy as np
    b = np.asarray(base, dtype=np.int32)
    v = np.asarray(variant, dtype=np.int32)
    n = len(b)
    rng = np.random.default_rng(seed)
    p = _p_interval(b >= 0, v >= 0, rng, resamples)
    return Difference(n, p, _median_interval(b, v, rng, resamples), _needed(n, p))


def _p_interval(base_met: np.ndarray, variant_met: np.ndarray, rng: np.random.Generator,
                resamples: int) -> Interval:
    """Only discordant pairs move the difference: resampling the pairs is drawing how many
    of each kind (met only in the what-if, met only in the baseline, the same) a sample of
    n holds, a multinomial draw; the bootstrap distribution is exact and quick."""
    import numpy as np
    n = len(base_met)
    gained = int(np.sum(variant_met & ~base_met))
    lost = int(np.sum(base_met & ~variant_met))
    estimate = (gained - lost) / n
    if gained == lost == 0:
        return Interval(0.0, 0.0, 0.0)
    draws = rng.multinomial(n, [gained / n, lost / n, 1 - (gained + lost) / n], resamples)
    diffs = (draws[:, 0] - draws[:, 1]) / n
    low, high = np.percentile(diffs, [2.5, 97.5])
    return Interval(estimate, float(low), float(high))


def _median_interval(base: np.ndarray, variant: np.ndarray, rng: np.random.Generator,
                     resamples: int) -> Interval | None:
    """Median day among replications with a meeting, what-if minus baseline."""
    import numpy as np
    if not (base >= 0).any() or not (variant >= 0).any():
        return None
    estimate = float(np.median(variant[variant >= 0]) - np.median(base[base >= 0]))
    if np.array_equal(base, variant):
        return Interval(0.0, 0.0, 0.0)
    b = np.where(base >= 0, base, np.nan)
    v = np.where(variant >= 0, variant, np.nan)
    diffs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a resample with no meeting at all
        for start in range(0, resamples, BLOCK):
            rows = min(BLOCK, resamples - start)
            idx = rng.integers(0, len(b), size=(rows, len(b)))
            diffs.append(np.nanmedian(v[idx], axis=1) - np.nanmedian(b[idx], axis=1))
    d = np.concatenate(diffs)
    d = d[~np.isnan(d)]
    if not len(d):
        return Interval(estimate, math.nan, math.nan)
    low, high = np.percentile(d, [2.5, 97.5])
    return Interval(estimate, float(low), float(high))


def _needed(n: int, p: Interval) -> int:
    """Replications at which the interval's half-width would be about 0.02 (widths shrink
    as one over the square root of N)."""
    half = (p.high - p.low) / 2
    if half <= TARGET_HALF_WIDTH:
        return n
    return int(math.ceil(n * (half / TARGET_HALF_WIDTH) ** 2))


def difference_words(d: Difference) -> str:
    """The difference in one sentence a student can read aloud."""
    p = d.p_meeting
    span = f"95% interval {p.low:+.3f} to {p.high:+.3f}"
    if p.low == p.high == 0.0:
        text = (f"no difference in P(meeting): each of the {d.n:,} replications met (or did "
                f"not) in both alike")
    elif p.covers_zero:
        text = (f"no difference in P(meeting) we can detect with {d.n:,} replications "
                f"({span})")
        if d.replications_for_target > d.n:
            text += (f"; about {d.replications_for_target:,} replications would narrow it "
                     f"to +/-0.02")
    else:  # the interval lies on one side of zero: said as sizes in the named direction
        low, high = sorted((abs(p.low), abs(p.high)))
        text = (f"P(meeting) {'higher' if p.estimate > 0 else 'lower'} by "
                f"{abs(p.estimate):.3f} (95% interval {low:.3f} to {high:.3f})")
    m = d.median_days
    if m is not None and not math.isnan(m.low):
        if m.low == m.high == 0.0:
            text += "; the same median days to the first meeting in every resample"
        elif m.covers_zero:
            text += (f"; no difference in median days we can detect ({m.low:+g} to "
                     f"{m.high:+g})")
        else:
            low, high = sorted((abs(m.low), abs(m.high)))
            text += (f"; the first meeting {'later' if m.estimate > 0 else 'sooner'} by "
                     f"{abs(m.estimate):g} days in the median (95% interval {low:g} to "
                     f"{high:g})")
    return text
