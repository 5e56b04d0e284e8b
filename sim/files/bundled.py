"""The teaching case that ships with negsim: where its params and scenarios are.

Why: a teacher who installs negsim from a wheel (pip, pipx) has no clone of the
repository, yet `negsim run` must find the default scenario from any folder. The wheel
carries params/ and scenarios/ as `sim/bundled/`; an editable install from a clone reads
them where they stand. A `scenarios/` folder in the current folder (a clone, or one made
with `negsim init`) comes first, so a teacher's own edits are what run.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .errors import InputError

DEFAULT_NAME = "march-2023.yaml"
PACKAGE = Path(__file__).resolve().parent.parent


def bundled_root() -> Path:
    """The folder holding the shipped `params/` and `scenarios/`."""
    for root in (PACKAGE / "bundled", PACKAGE.parent):
        if (root / "scenarios" / DEFAULT_NAME).is_file() and (root / "params").is_dir():
            return root
    raise InputError.one("the bundled scenarios are missing from this installation; "
                         "reinstall negsim.", PACKAGE)


def scenarios_folder() -> Path:
    """`scenarios/` here if there is one, else the bundled one."""
    local = Path("scenarios")
    return local if (local / DEFAULT_NAME).is_file() else bundled_root() / "scenarios"


def params_folder() -> Path:
    """`params/` here if it holds a format space, else the bundled one."""
    local = Path("params")
    return local if (local / "format-space.yaml").is_file() else bundled_root() / "params"


def default_scenario() -> Path:
    return scenarios_folder() / DEFAULT_NAME


def init_folder(target: str | Path) -> list[Path]:
    """Copy the bundled case (params/, scenarios/ with the instructor's guide) into
    `target`, for a teacher to edit; an existing non-empty folder is left alone."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError.one("this folder exists and is not empty; give a new folder "
                             "name, so nothing of yours is overwritten.", target)
    root = bundled_root()
    made = []
    for part in ("params", "scenarios"):
        shutil.copytree(root / part, target / part,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        made.append(target / part)
    return made
