"""Fixtures for the web tests: a small library of scenarios (March and the history it
names), made once per module from a copy of the bundled case."""
from __future__ import annotations

import pytest

from sim.files.bundled import init_folder
from sim.web.library import Library

KEEP = {"march-2023.yaml", "history-2023.yaml", "august-2023.yaml"}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Library:
    root = tmp_path_factory.mktemp("case")
    init_folder(root / "case")
    for path in (root / "case" / "scenarios").glob("*.yaml"):
        if path.name not in KEEP:
            path.unlink()
    lib = Library(root / "case" / "scenarios", root / "uploads")
    yield lib
    lib.close()
