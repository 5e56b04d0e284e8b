"""A ledger of finished experiment points, appended as each finishes, for `--resume`.

Big sweeps and sensitivity runs write one CSV row per finished point (flushed at once),
beside a `design.json` that says what the run is. A run killed half-way leaves its folder;
`--resume FOLDER` checks the design is the same, skips the points already in the ledger and
appends the rest. Rows hold only numbers (and each replication's first-meeting day,
packed, so a resumed sweep still gives paired differences), so memory never holds all
records.
"""
from __future__ import annotations

import base64
import csv
import json
import os
from array import array
from pathlib import Path
from typing import Any

from ..files.errors import InputError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

LOCK_NAME = ".negsim.lock"
FIELDS = ["point", "p_meeting", "ci_low", "ci_high", "median_days", "replications", "days"]
NUMBERS = FIELDS[1:-1]


def pack(days: array | None) -> str:
    """Days per replication as base64 of 16-bit integers (2 bytes a replication)."""
    return "" if days is None else base64.b64encode(days.tobytes()).decode()


def unpack(text: str | None) -> array | None:
    if not text:
        return None
    days = array("h")
    days.frombytes(base64.b64decode(text))
    return days


class Ledger:
    def __init__(self, folder: Path, design: dict[str, Any], resume: bool = False):
        self.path = folder / "points.csv"
        design_file = folder / "design.json"
        self.done: dict[int, dict[str, float | None]] = {}
        if resume:
            if not design_file.is_file():
                raise InputError.one("this folder has no design.json: it is not a sweep or "
                                     "sensitivity run that can be resumed.", folder)
            try:
                old = json.loads(design_file.read_text())
            except (OSError, ValueError) as exc:
                raise InputError.one(f"this folder's design.json cannot be read ({exc}); the "
                                     f"run cannot be resumed: start it again.", folder)
            if old != design:
                changed = sorted(k for k in set(old) | set(design) if old.get(k) != design.get(k))
                raise InputError.one(f"the run in this folder differs from the one asked for "
                                     f"(in: {', '.join(changed)}); resume it with the same "
                                     f"scenario and options.", folder)
            if self.path.is_file():
                for row in csv.DictReader(self.path.open()):
                    try:  # a row cut short by a kill is run again
                        done = {k: (None if row[k] == "" else float(row[k]))
                                for k in NUMBERS}
                        done["days"] = unpack(row.get("days"))
                        self.done[int(row["point"])] = done
                    except (TypeError, ValueError, KeyError):
                        continue
        else:
            design_file.write_text(json.dumps(design, indent=2) + "\n")
        new = not self.path.is_file()
        self.file = self.path.open("a", newline="")
        self.writer = csv.DictWriter(self.file, fieldnames=FIELDS)
        if new:
            self.writer.writeheader()
            self.file.flush()

    def add(self, point: int, p: float, lo: float, hi: float, median: float | None,
            n: int, days: array | None = None) -> None:
        row = {"point": point, "p_meeting": p, "ci_low": lo, "ci_high": hi,
               "median_days": "" if median is None else median, "replications": n,
               "days": pack(days)}
        self.writer.writerow(row)
        self.file.flush()
        self.done[point] = {"p_meeting": p, "ci_low": lo, "ci_high": hi,
                            "median_days": median, "replications": n, "days": days}

    def close(self) -> None:
        self.file.close()


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


class FolderLock:
    """One negsim at a time in a results folder that is being written or resumed.

    Why: two `--resume` of the same sweep would run the same points twice and append them
    twice to the ledger; the second must stop at once with a clear message. The lock is
    the operating system's (flock), so it ends with its process, even one killed with
    SIGKILL: a folder left by a killed run is never locked for ever."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.fd: int | None = None

    def acquire(self) -> "FolderLock":
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:
            raise InputError.one("no such results folder (finished and renamed, or deleted "
                                 "meanwhile?).", self.folder)
        except OSError as exc:
            raise InputError.one(f"cannot write in this folder ({exc.strerror}).", self.folder)
        if not _try_lock(fd):
            os.close(fd)
            raise InputError.one("another negsim is working in this folder right now (the "
                                 "run that made it, or another --resume). Wait for it to "
                                 "finish or stop it, then resume; two at once would run the "
                                 "same points twice.", self.folder)
        try:  # the folder may have been finished (renamed) while we opened the lock
            same = os.path.samestat(os.fstat(fd), os.stat(self.path))
        except OSError:
            same = False
        if not same:
            os.close(fd)
            raise InputError.one("no such results folder (finished and renamed meanwhile?).",
                                 self.folder)
        os.truncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd
        return self

    def release(self) -> None:
        """Unlock and remove the lock file (left behind, it would be harmless)."""
        if self.fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None


def abandoned(folder: Path) -> bool:
    """Whether a hidden `.partial-PID` folder was left by a process that has ended: its
    lock is free (or, from an older negsim without a lock, its process is gone)."""
    lock = folder / LOCK_NAME
    if lock.is_file():
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            return False
        try:
            return _try_lock(fd)
        finally:
            os.close(fd)
    pid = folder.name.rpartition("-")[2]
    if fcntl is None or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def leftover_note(folder: Path) -> str:
    """What to do with a folder an ended process left half-written."""
    if (folder / "design.json").is_file():
        done = 0
        if (folder / "points.csv").is_file():
            done = max(0, (folder / "points.csv").read_text(errors="replace").count("\n") - 1)
        return (f"an unfinished sweep or sensitivity run ({done} points done) whose "
                f"process has ended. Continue it with the same command and "
                f"--resume {folder}, or delete the folder.")
    return ("left by a run that stopped before it finished (killed, or the machine went "
            "down). A run cannot be continued: run it again, and delete this folder.")
