"""Checks of command-line values made before any work starts, and the progress bar."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..files.errors import InputError


def check_out(out: str | None) -> None:
    """An output folder must be a folder (checked before any work is done)."""
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise InputError.one("--out must be a folder, and this is a file.", out)


def positive(name: str, value: int | None, allow_zero: bool = False) -> None:
    if value is not None and (value < 0 or (value == 0 and not allow_zero)):
        raise InputError.one(f"{name} must be {'zero or more' if allow_zero else 'at least 1'}"
                             f", got {value}.", "command line")


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, unit: str = "replications") -> None:
        self.on = sys.stderr.isatty()
        self.unit = unit

    def __call__(self, done: int, total: int) -> None:
        if self.on and (done == total or done % max(1, total // 100) == 0):
            bar = "#" * (30 * done // total)
            print(f"\r  [{bar:<30}] {done}/{total} {self.unit}", end="", file=sys.stderr)
            if done == total:
                print(file=sys.stderr)


def common_run_checks(args: argparse.Namespace) -> None:
    check_out(args.out)
    if getattr(args, "output", None) and Path(args.output).is_dir():
        raise InputError.one("-o must name a file, and this is a folder.", args.output)
    positive("-n", args.n)
    positive("--workers", args.workers)
    positive("--seed", args.seed, allow_zero=True)


