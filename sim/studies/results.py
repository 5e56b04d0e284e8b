"""Results folders: `results/<scenario>-<UTC timestamp>/`, written whole or not at all.

Everything is written into a hidden temporary folder beside the final one and renamed when
complete; on any error or Ctrl-C the temporary folder is removed. An existing folder is
never overwritten (a suffix -2, -3, ... is added).
"""
from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import os
import platform
import re
import shutil
import warnings
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from ..files.errors import InputError, InputWarning, Problem
from ..model.scenario import Scenario
from .chunks import Partial
from .ledger import LOCK_NAME, FolderLock, abandoned, leftover_note
from .rows import columns


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("negsim", "simpy", "pydantic", "pyyaml", "matplotlib"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def utc_stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


# What the disk says when it has no room (a quota and a file-size limit say the same).
FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
REFUSED = {errno.EACCES, errno.EROFS, errno.EPERM}
ROW = 120  # bytes a replication takes in replications.csv (about 110 in the March case)
TRACE = 50_000  # bytes of a traced replication's JSON lines
FIGURES = 1_500_000  # bytes of a run's five PNG figures (about 1 MB)


def run_size(replications: int, traced: int = 0, svg: bool = False) -> int:
    """Bytes a run's results folder is expected to take."""
    return replications * ROW + traced * TRACE + FIGURES * (2 if svg else 1)


def size_of(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) \
        if folder.is_dir() else 0


def megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} KB"


class ResultsFolder:
    """A context manager: `with ResultsFolder(root, name) as folder: ...` writes into
    `folder.path` (temporary) and publishes `folder.final` when the block succeeds.

    `keep_partial=True` (sweeps, sensitivity runs) leaves the temporary folder after an
    error or Ctrl-C, so `--resume` can continue it; `resume=PATH` reopens such a folder."""

    def __init__(self, root: str | Path, name: str, stamp: str | None = None,
                 keep_partial: bool = False, resume: str | Path | None = None,
                 needed: int = FIGURES):
        self.keep_partial, self.resume = keep_partial, resume is not None
        self.needed = needed  # bytes the results are expected to take (checked first)
        if resume is not None:
            self.path = Path(resume)
            if not self.path.is_dir():
                raise InputError.one("no such results folder to resume.", self.path)
            self.root = self.path.parent
            self.name = re.sub(r"\.partial-\d+$", "", self.path.name.lstrip("."))
        else:
            self.root = Path(root)
            self.name = f"{name}-{stamp or utc_stamp()}"
            self.path = self.root / f".{self.name}.partial-{os.getpid()}"
        self.final: Path | None = None

    def __enter__(self) -> "ResultsFolder":
        if not self.resume:
            for left in sorted(self.root.glob(".*.partial-*")) if self.root.is_dir() else []:
                if left.is_dir() and abandoned(left):
                    warnings.warn(InputWarning(Problem(str(left), leftover_note(left))))
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                free = shutil.disk_usage(self.root).free
                if free < self.needed:
                    raise InputError.one(
                        f"the results need about {megabytes(self.needed)} and this disk has "
                        f"{megabytes(free)} free; free some space or choose another --out.",
                        self.root)
                self.path.mkdir()
            except OSError as exc:
                raise InputError.one(f"cannot create the results folder here ({exc}).",
                                     self.root)
        try:
            self.lock = FolderLock(self.path).acquire()
        except InputError:
            if not self.resume:
                shutil.rmtree(self.path, ignore_errors=True)
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.lock.release()
            ledger = self.path / "points.csv"
            worth_keeping = ledger.is_file() and ledger.read_text().count("\n") > 1
            written = size_of(self.path)
            removed = not (self.keep_partial and worth_keeping) and not self.resume
            if removed:
                shutil.rmtree(self.path, ignore_errors=True)
            if isinstance(exc, OSError) and exc.errno in FULL:
                kept = ("removed" if removed else "kept, to continue with --resume once "
                        "there is room")
                raise InputError.one(
                    f"there is no room to write the results ({exc.strerror}): they need about "
                    f"{megabytes(max(self.needed, written))}, {megabytes(written)} had been "
                    f"written when it filled; the unfinished folder was {kept}. Free some "
                    f"space or choose another --out.", self.root) from None
            if isinstance(exc, OSError) and exc.errno in REFUSED and not exc.filename:
                raise InputError.one(f"cannot write the results here ({exc.strerror}); the "
                                     f"unfinished folder was removed. Choose another --out.",
                                     self.root) from None
            return
        if not self.path.name.startswith("."):
            self.final = self.path  # resumed a finished run: it stays where it is
            self.lock.release()
            return
        target, k = self.root / self.name, 1
        while target.exists():
            k += 1
            target = self.root / f"{self.name}-{k}"
        os.rename(self.path, target)  # renamed before unlocking: a waiting --resume
        self.lock.path = target / LOCK_NAME  # then finds no folder, not a moving one
        self.lock.release()
        self.final = target


class PartialWriter:
    """The sink of an experiment: one CSV row per replication (its outcome and its draws),
    and the traces of the first `trace_k` replications as JSON lines."""

    def __init__(self, folder: Path, scenario: Scenario, trace_k: int = 0):
        self.start = scenario.start
        self.trace_k = trace_k
        self.csv_file: IO[str] = open(folder / "replications.csv", "w", newline="")
        self.csv = csv.writer(self.csv_file)
        self.csv.writerow(columns(scenario))
        self.folder = folder
        self.trace_file: IO[str] | None = None

    def __call__(self, partial: Partial) -> None:
        self.csv.writerows(partial.rows)
        for r in partial.traced:
            if r.replication >= self.trace_k or r.trace is None:
                continue
            if self.trace_file is None:
                self.trace_file = open(self.folder / "trace.jsonl", "w")
            for item in r.trace:
                date = self.start + dt.timedelta(days=int(item["day"]))
                self.trace_file.write(json.dumps({"replication": r.replication,
                                                  "date": date.isoformat(), **item}) + "\n")

    def close(self) -> None:
        self.csv_file.close()
        if self.trace_file is not None:
            self.trace_file.close()


def summary_document(scenario: Scenario, result: dict[str, Any], sets: list[str]) -> dict:
    """summary.json: what was run (file hash, seed, N, versions) and what came out."""
    return {
        "scenario": scenario.name, "title": scenario.spec.title,
        "scenario_file": str(scenario.path), "scenario_sha256": scenario.digest,
        "params_files": [str(p) for p in scenario.files[1:]], "overrides": sets,
        "start": scenario.start.isoformat(), "horizon_days": scenario.spec.horizon_days,
        "created_utc": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(), **result,
    }


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n")


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
