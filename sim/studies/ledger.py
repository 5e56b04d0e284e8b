"""A ledger of finished experiment points, appended as each finishes, for `--resume`.

Big sweeps and sensitivity runs write one CSV row per finished point (flushed at once),
beside a `design.json` that says what the run is. A run killed half-way leaves its folder;
`--resume FOLDER` checks the design is the same, skips the points already in the ledger and
appends the rest. Rows hold only numbers, so memory never holds all records.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..files.errors import InputError

FIELDS = ["point", "p_meeting", "ci_low", "ci_high", "median_days", "replications"]


class Ledger:
    def __init__(self, folder: Path, design: dict[str, Any], resume: bool = False):
        self.path = folder / "points.csv"
        design_file = folder / "design.json"
        self.done: dict[int, dict[str, float | None]] = {}
        if resume:
            if not design_file.is_file():
                raise InputError.one("this folder has no design.json: it is not a sweep or "
                                     "sensitivity run that can be resumed.", folder)
            old = json.loads(design_file.read_text())
            if old != design:
                changed = sorted(k for k in set(old) | set(design) if old.get(k) != design.get(k))
                raise InputError.one(f"the run in this folder differs from the one asked for "
                                     f"(in: {', '.join(changed)}); resume it with the same "
                                     f"scenario and options.", folder)
            if self.path.is_file():
                for row in csv.DictReader(self.path.open()):
                    try:  # a row cut short by a kill is run again
                        self.done[int(row["point"])] = {
                            k: (None if row[k] == "" else float(row[k])) for k in FIELDS[1:]}
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
            n: int) -> None:
        row = {"point": point, "p_meeting": p, "ci_low": lo, "ci_high": hi,
               "median_days": "" if median is None else median, "replications": n}
        self.writer.writerow(row)
        self.file.flush()
        self.done[point] = {"p_meeting": p, "ci_low": lo, "ci_high": hi,
                            "median_days": median, "replications": n}

    def close(self) -> None:
        self.file.close()
