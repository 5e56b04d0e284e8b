"""How long a study will take, said before it starts, so that a big request is a choice.

Why measured, not assumed: a replication of the March case takes about 0.8 ms, one of a
case where nothing is feasible a tenth of that, and a laptop may be four times slower than
the machine the numbers were taken on. So the scenario's own replications are timed here,
in this process, for a fraction of a second, and the study's size is multiplied out. Only
a study with more than `QUICK` replications is timed at all: below it, no case takes long.
"""
from __future__ import annotations

import time

from ..engine import Compiled, replicate
from ..model.scenario import Scenario

QUICK = 200_000  # replications: under this, no bundled case takes a minute on one core
LONG_S = 600.0  # seconds: a study expected to take longer asks for --yes
SAMPLE = 60  # replications timed (after a few to warm the caches)


def per_replication(scenario: Scenario) -> float:
    """Seconds one replication of `scenario` takes on one core of this computer."""
    compiled = Compiled(scenario)
    for i in range(5):
        replicate(compiled, i, 0)
    start = time.perf_counter()
    for i in range(SAMPLE):
        replicate(compiled, i, 0)
    return (time.perf_counter() - start) / SAMPLE


def seconds(scenario: Scenario, replications: int, workers: int) -> float:
    """Expected seconds for `replications` replications on `workers` processes (the
    results, figures and process start add about a tenth; measured on the bundled cases)."""
    return per_replication(scenario) * replications / max(1, workers) * 1.1 + 2.0


def duration(s: float) -> str:
    """'about 40 minutes', 'about 3.5 hours': the precision an estimate has."""
    if s < 90:
        return f"about {max(1, round(s))} seconds"
    if s < 90 * 60:
        return f"about {round(s / 60)} minutes"
    return f"about {s / 3600:.1f} hours"


def too_long(scenario: Scenario, replications: int, workers: int,
             what: str) -> str | None:
    """A one-line estimate when the study would take more than LONG_S, else None."""
    if replications <= QUICK:
        return None
    s = seconds(scenario, replications, workers)
    if s <= LONG_S:
        return None
    return (f"{what} ({replications:,} replications in all) would take {duration(s)} on "
            f"{workers} worker{'s' if workers != 1 else ''} here; add --yes to go on, or ask "
            f"for fewer.")
