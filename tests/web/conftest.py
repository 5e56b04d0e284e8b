"""Fixtures for the web tests: a small library of scenarios (March and the history it
names), made once per module from a copy of the bundled case; and a server over it."""
from __future__ import annotations

import pytest

from sim.files.bundled import init_folder
from sim.web.classroom.classroom import Classroom
from sim.web.common.library import Library
from sim.web.common.runs import Caps, Runner
from sim.web.common.security import TeacherToken
from sim.web.pages.session import Server

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


@pytest.fixture()
def server(library, tmp_path) -> tuple[Server, str]:
    """A server (at most 400 replications a Run, 2 Runs at once, 1 worker) and its teacher
    token's text; its worker process is shut down after the test."""
    token, text = TeacherToken.new()
    runner = Runner(Caps(400, 2), workers=1)
    yield Server(library, token, runner, Classroom(tmp_path / "classroom", library)), text
    runner.close()
