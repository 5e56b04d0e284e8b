"""Reading a sensitivity analysis honestly: what its index means, and when its numbers are
too uncertain to rank anything.

Sobol indices estimated from few samples can come out negative or above 1, and their
intervals can be wider than the differences between parameters; a student should be told,
with the sample size that would do, rather than shown a confident-looking bar chart.
"""
from __future__ import annotations

import math
from typing import Sequence

MAX_WIDTH = 0.1  # a Sobol interval wider than this cannot rank parameters that differ less

METHOD_WORDS = {
    "morris": "\u03bc* is how much the outcome moves, on average, when this parameter alone "
              "steps across its range (a screening measure: it ranks, it does not "
              "apportion); \u03c3 is how much that move depends on the other parameters "
              "(large \u03c3: interactions or a curved effect).",
    "sobol": "S1 is the share of the outcome's variance due to this parameter alone (0 to "
             "1; all the S1 add up to at most 1, the rest comes from interactions); ST "
             "adds the interactions it takes part in.",
}


def index_warnings(indices: Sequence[dict], method: str, samples: int) -> list[str]:
    """Plain warnings for Sobol indices outside [0, 1] or with a 95% interval wider than
    0.1, each with the number of base samples that would narrow it enough (interval widths
    shrink as one over the square root of the samples)."""
    if method != "sobol":
        return []
    out = []
    for i in indices:
        for key, conf in (("S1", "conf"), ("ST", "ST_conf")):
            value, half = i.get(key), i.get(conf)
            if value is None or half is None:
                continue
            problems = []
            if value < 0 or value > 1:
                problems.append(f"its {key} = {value:.2f} lies outside [0, 1]")
            if 2 * half > MAX_WIDTH:
                problems.append(f"the 95% interval of its {key} is {2 * half:.2f} wide")
            if problems:
                out.append(f"{i.get('label', i['param'])}: {' and '.join(problems)}; too "
                           f"few samples to trust it. Use --samples "
                           f"{needed(samples, half)} or more.")
    return out


def needed(samples: int, half: float) -> int:
    """Base samples for a 95% interval at most 0.1 wide (widths shrink as one over the
    square root of the samples), as a power of two (Sobol sequences like them)."""
    n = max(samples * 2, math.ceil(samples * (2 * half / MAX_WIDTH) ** 2))
    return 2 ** math.ceil(math.log2(n))


def caution(indices: Sequence[dict], method: str, samples: int) -> str | None:
    """The warnings in one sentence, for the figure (the text output lists each)."""
    if not index_warnings(indices, method, samples):
        return None
    worst = max(needed(samples, i.get(c) or 0.0) for i in indices for c in ("conf", "ST_conf"))
    return (f"CAUTION: too few samples ({samples}) to trust these indices: some lie outside "
            f"[0, 1] or have a 95% interval wider than {MAX_WIDTH:g}. Use --samples {worst} "
            f"or more before ranking the parameters.")
