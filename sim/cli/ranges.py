"""The range of every number on the command line, checked as the line is read.

Why at parsing: a value out of range (`-n 1000000000000000`, `--workers 5000`, `--port
99999`) must be one line and exit 2 before any file is read, any worker started or any
token printed; argparse calls these checks for each value, so no command can forget one.
The ranges and their reasons live in `model.limits`.
"""
from __future__ import annotations

import argparse
from typing import Callable

from ..model import limits
from ..studies.pool import default_workers


def _number(text: str) -> int:
    try:
        return int(text.strip().replace("_", ""))
    except ValueError:
        digits = sum(c.isdigit() for c in text)
        if digits > 100:
            raise argparse.ArgumentTypeError(f"expected a whole number; got one of {digits:,} "
                                             f"digits") from None
        raise argparse.ArgumentTypeError(f"expected a whole number; got "
                                         f"'{limits.shown(text)}'") from None


def ranged(name: str, low: int, high: int, why: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else one line with the range
    and the reason for its top."""
    def check(text: str) -> int:
        value = _number(text)
        if not low <= value <= high:
            got = f"{value}" if len(str(value)) <= 30 else f"a number of {len(str(value))} digits"
            raise argparse.ArgumentTypeError(
                f"must be from {low:,} to {high:,}{f' ({why})' if why else ''}; got "
                f"{got}")
        return value
    check.__name__ = name  # argparse names the type in its own messages
    return check


def replications(name: str = "-n") -> Callable[[str], int]:
    return ranged(name, 1, limits.MAX_REPLICATIONS,
                  "replications.csv keeps a row for each, about 110 bytes")


def workers() -> Callable[[str], int]:
    cores = default_workers()
    return ranged("--workers", 1, cores * limits.WORKERS_PER_CORE,
                  f"{limits.WORKERS_PER_CORE} per core on this computer's {cores}: more "
                  f"processes than that only take memory and open files")


def seed(name: str = "--seed") -> Callable[[str], int]:
    return ranged(name, 0, limits.MAX_SEED, "the random streams use 64 bits")


def trace() -> Callable[[str], int]:
    return ranged("--trace", 0, limits.MAX_TRACE, "each trace is read by eye")


def samples() -> Callable[[str], int]:
    return ranged("--samples", 1, limits.MAX_POINTS, "each sample is a whole experiment")


def seeds() -> Callable[[str], int]:
    return ranged("--seeds", 1, limits.MAX_SEEDS)


def port() -> Callable[[str], int]:
    return ranged("--port", limits.FIRST_PORT, limits.LAST_PORT, "what TCP allows")


def max_replications() -> Callable[[str], int]:
    return ranged("--max-replications", 1, limits.MAX_REPLICATIONS)


def max_runs() -> Callable[[str], int]:
    cores = default_workers()
    return ranged("--max-runs", 1, cores * limits.WORKERS_PER_CORE,
                  f"{limits.WORKERS_PER_CORE} per core on this computer's {cores}")
