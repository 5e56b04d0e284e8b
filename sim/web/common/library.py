"""The scenarios a served explorer offers: the shipped ones and those a teacher uploads.

Why so careful with uploads: a file from the network is read like a teacher's own file
(the same loader, the same messages) but must not reach anything else on the server. Each
upload is written into a fresh copy of the bundled case and may name only the bundled
params files and extend only a bundled scenario; anything else is refused with the line
that says it. Messages never show where files live on the server.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ...files.bundled import DEFAULT_NAME, init_folder, scenarios_folder
from ...files.errors import InputError, known
from ...files.loading import load_scenario
from ...files.overrides import Override
from ...files.yamlfile import read_yaml
from ...model.scenario import Scenario
from ...studies.backtest import Backtest, backtest

MAX_UPLOAD_BYTES = 100_000
MAX_UPLOADS = 20
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,60}\.ya?ml")


class Refused(Exception):
    """A scenario that cannot be offered; the message is safe to show in a browser."""


@dataclass
class Entry:
    name: str          # the file name, also what a downloaded what-if `extends:`
    scenario: Scenario
    uploaded: bool = False
    root: Path = field(default=Path("."))  # stripped from every message

    @property
    def title(self) -> str:
        return self.scenario.spec.title


class Library:
    """Every scenario on offer, by file name, shipped ones first."""

    def __init__(self, folder: Path | None = None, workdir: Path | None = None):
        self.folder = Path(folder or scenarios_folder())
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="negsim-serve-"))
        self.entries: dict[str, Entry] = {}
        self.skipped: list[str] = []
        names = sorted(p.name for p in self.folder.glob("*.yaml"))
        for name in sorted(names, key=lambda n: (n != DEFAULT_NAME, n)):
            try:
                scenario = load_scenario(self.folder / name)
            except InputError as exc:
                self.skipped.append(f"{name}: {exc}")
                continue
            self.entries[name] = Entry(name, scenario, False, self.folder.resolve().parent)
        self._uploads = 0

    @property
    def shipped(self) -> list[str]:
        return [n for n, e in self.entries.items() if not e.uploaded]

    def default(self) -> str:
        return next(iter(self.entries))

    def load(self, name: str, sets: Sequence[Override] = ()) -> Scenario:
        """The scenario `name` with overrides, or Refused with a message fit to show."""
        entry = self.entries[name]
        try:
            return load_scenario(entry.scenario.path, sets)
        except InputError as exc:
            raise Refused(self.safe(str(exc), entry.root)) from None

    def history(self, name: str, sets: Sequence[Override] = ()
                ) -> tuple[Scenario, Backtest] | None:
        """The historical record the scenario names (`history:`), replayed with `sets`."""
        entry = self.entries[name]
        if not entry.scenario.spec.history:
            return None
        path = entry.scenario.path.parent / entry.scenario.spec.history
        try:
            scenario = load_scenario(path, sets)
        except InputError as exc:
            raise Refused(self.safe(str(exc), entry.root)) from None
        return scenario, backtest(scenario)

    @staticmethod
    def safe(message: str, root: Path) -> str:
        """A loader message without the server's folders: 'scenarios/x.yaml, line 3: ...'."""
        for prefix in {str(root) + os.sep, str(root.resolve()) + os.sep}:
            message = message.replace(prefix, "")
        return message

    # --- uploads ----------------------------------------------------------------------
    def upload(self, filename: str, data: bytes) -> Entry:
        """Check and add an uploaded scenario (replacing an earlier upload of that name)."""
        name = Path(filename or "").name
        if not NAME.fullmatch(name):
            raise Refused(f"'{name[:80]}' is not a scenario file name: use letters, digits, "
                          f"'-', '_' and '.', ending in .yaml (e.g. my-case.yaml).")
        if name in self.entries and not self.entries[name].uploaded:
            raise Refused(f"{name}: a shipped scenario has this name; rename your file.")
        if len(data) > MAX_UPLOAD_BYTES:
            raise Refused(f"{name}: the file has {len(data):,} bytes; an uploaded scenario may "
                          f"have at most {MAX_UPLOAD_BYTES:,}.")
        if name not in self.entries and self.uploads() >= MAX_UPLOADS:
            raise Refused(f"{name}: there are already {MAX_UPLOADS} uploaded scenarios; remove "
                          f"one on this page first.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(f"{name}: this is not a text file in UTF-8; a scenario is a YAML "
                          f"text file.") from None
        self._uploads += 1
        root = self.workdir / f"upload-{self._uploads}"
        init_folder(root)  # a fresh copy of the bundled case: the only files it may name
        path = root / "scenarios" / name
        path.write_text(text, encoding="utf-8")
        try:
            confine(path, root)
            scenario = load_scenario(path)
        except InputError as exc:
            shutil.rmtree(root, ignore_errors=True)
            raise Refused(self.safe(str(exc), root)) from None
        old = self.entries.pop(name, None)
        if old is not None:
            shutil.rmtree(old.root, ignore_errors=True)
        entry = Entry(name, scenario, True, root)
        self.entries[name] = entry
        return entry

    def uploads(self) -> int:
        return sum(e.uploaded for e in self.entries.values())

    def remove(self, name: str) -> None:
        entry = self.entries.get(name)
        if entry is None or not entry.uploaded:
            raise Refused(f"{name}: not an uploaded scenario.")
        del self.entries[name]
        shutil.rmtree(entry.root, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def confine(path: Path, root: Path) -> None:
    """Refuse an `extends:`, `params:` or `history:` that leaves the bundled case copied
    into `root`: each must name a bundled file, the way the shipped scenarios do."""
    doc = read_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        return  # not a mapping: the loader says so with its own message
    scenarios, params = root / "scenarios", root / "params"
    shipped = sorted(p.name for p in scenarios.glob("*.yaml") if p != path)

    def inside(value: object, folder: Path) -> bool:
        target = Path(os.path.normpath(scenarios / str(value)))
        return target.parent == folder and target.is_file() and target != path

    problems = []
    for key, folder in (("extends", scenarios), ("history", scenarios)):
        if key in data and not inside(data[key], folder):
            problems.append(doc.error(
                f"'{key}: {str(data[key])[:80]}' is not allowed in an uploaded scenario: it "
                f"may name only a bundled scenario, one of {known(shipped)}.", (key,)))
    items = data.get("params")
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not inside(item, params):
            bundled = sorted(p.name for p in params.glob("*.yaml"))
            problems.append(doc.error(
                f"'{str(item)[:80]}' is not allowed in an uploaded scenario: it may use only "
                f"the bundled params files, written ../params/NAME.yaml with NAME one of "
                f"{known(n.removesuffix('.yaml') for n in bundled)}.", ("params", i)))
    if problems:
        raise InputError([p for e in problems for p in e.problems])
