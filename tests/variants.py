"""Build scenario variants in a temporary folder (the shipped params, one scenario edited)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .conftest import MARCH


def variant(tmp: Path, edit, base: Path = MARCH, name: str = "variant") -> Path:
    """Copy `base` with absolute params paths, let `edit(data)` change it, write it."""
    data = yaml.safe_load(base.read_text())
    data["params"] = [str((base.parent / p).resolve()) for p in data["params"]]
    if data.get("history"):
        data["history"] = str((base.parent / data["history"]).resolve())
    edit(data)
    path = tmp / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path
