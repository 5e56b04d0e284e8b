"""Checks of command-line values made before any work starts, and the progress bar."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..files.errors import InputError
from ..model.scenario import Scenario
from ..studies import estimate
from ..studies.pool import default_workers


def check_out(out: str | None, option: str = "--out") -> None:
    """An output folder must be a folder, and no file may stand where it or a folder above
    it would be made: checked before any work is done, so that a long run does not end in
    an error about where to write it (what the system itself refuses, a read-only disk,
    still shows only when writing, as one paragraph)."""
    if out is None:
        return
    if Path(out).exists() and not Path(out).is_dir():
        raise InputError.one(f"{option} must be a folder, and this is a file.", out)
    blocker = _file_above(Path(out))
    if blocker is not None:
        raise InputError.one(f"{option} cannot be made here: {blocker} is a file, not a "
                             f"folder.", out)


def check_output_file(output: str | None, option: str = "-o") -> None:
    """An output file must not be a folder, and its folder must exist or be makeable."""
    if output is None:
        return
    if Path(output).is_dir():
        raise InputError.one(f"{option} must name a file, and this is a folder.", output)
    blocker = _file_above(Path(output).parent)
    if blocker is not None:
        raise InputError.one(f"{option} cannot be written here: {blocker} is a file, not a "
                             f"folder.", output)


def _file_above(folder: Path) -> Path | None:
    """The nearest existing path at or above `folder`, when it is a file (so `folder` can
    never be made)."""
    for place in (folder, *folder.parents):
        if place.exists():
            return None if place.is_dir() else place
    return None


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
    """The checks argparse cannot make: where the results go. (Every number's range is
    checked as the line is read: cli.ranges.)"""
    check_out(args.out)
    check_output_file(getattr(args, "output", None))




def check_size(args: argparse.Namespace, scenario: Scenario, replications: int,
               what: str) -> None:
    """A study that would take more than ten minutes here stops with its estimate unless
    --yes is given (on a Dask cluster the cluster's size decides, so no estimate)."""
    if getattr(args, "yes", False) or getattr(args, "dask", None) or os.environ.get(
            "NEGSIM_DASK"):
        return
    workers = getattr(args, "workers", None) or default_workers()
    line = estimate.too_long(scenario, replications, workers, what)
    if line:
        raise InputError.one(line, "command line")
