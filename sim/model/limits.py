"""The range of every number, date and size negsim accepts, each with its reason.

Why one place: a value outside these ranges is almost always a typo (a year 9999, a lead
time of 1e300 days, a billion replications), and left unchecked it ends in an overflow
deep in the engine, a date matplotlib cannot draw, or a run that never ends. The schema,
the validators and the command line all read these numbers, so the error a user sees, the
schema an editor shows and the help text say the same range.
"""
from __future__ import annotations

import datetime as dt

# Dates: the case is 2022-2023; a century either side holds any teaching variant, and
# keeps every date plus the longest horizon inside what Python and matplotlib can draw.
FIRST_YEAR, LAST_YEAR = 1900, 2100
FIRST_DATE, LAST_DATE = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)

# Days: a first-meeting day is kept in two bytes per replication (up to 32,767, about 90
# years), so no horizon, delay, interval or lead time may be longer.
MAX_DAYS = 32_767

# Replications: replications.csv holds a row for each (about 110 bytes), so ten million
# is about 1.1 GB of results and some hours on a laptop; more belongs in several runs.
MAX_REPLICATIONS = 10_000_000

# Seeds: the random streams mix 64 bits of the seed; a bigger seed would repeat a smaller
# one's numbers. 2**63 - 1 also fits every tool that reads summary.json as a signed int.
MAX_SEED = 2**63 - 1

# Workers: the replications are pure computation, so more processes than cores only add
# memory and open pipes (5,000 exhaust the open-file limit); a few per core is the most
# that can help (a core's second process fills its waits on the pipe).
WORKERS_PER_CORE = 4

# Traces: one JSON line per event of each traced replication (about 50 KB each), for
# reading by eye; a thousand is more than anyone reads.
MAX_TRACE = 1_000

# Sweeps and sensitivity runs: a point is a whole experiment.
MAX_STEPS = 1_000  # values of one --vary
MAX_POINTS = 10_000  # points of a sweep grid, or of a sensitivity design

# Free-run seeds of the backtest's record.
MAX_SEEDS = 100_000

# Text: the longest text in the shipped files is 439 characters; 10,000 holds a long
# note and keeps wrapping, figures and messages quick.
MAX_TEXT = 10_000

# Files: NEGSIM_MAX_FILE_MB, in megabytes (a scenario or params file is a few KB).
MAX_FILE_MB = 1_000

# Weights of preferences: only their ratios matter; beyond a million, sums lose the
# small ones to rounding.
MAX_WEIGHT = 1_000_000.0

# Ports: what TCP allows (0 means "any free port", which a class cannot be told).
FIRST_PORT, LAST_PORT = 1, 65_535


def date_problem(value: dt.date) -> str | None:
    """Why a date is out of range, or None."""
    if FIRST_DATE <= value <= LAST_DATE:
        return None
    return f"a date must be from {FIRST_YEAR} to {LAST_YEAR}; got {value.isoformat()}"


def shown(text: str, most: int = 60) -> str:
    """A long value as its start and its length, so an error about it stays one line."""
    return text if len(text) <= most else f"{text[:most]}... ({len(text):,} characters)"
