"""The teacher page's download of the teaching package (issue 24, item 7): a teacher
action, for the scenario the tab explores, with the explorer's changes; one zip holding
every page. Driven by NiceGUI's simulated user (no browser); the PDFs are the command
line's test (tests/play/test_brief.py), so here no browser is looked for."""
from __future__ import annotations

import io
import zipfile

import pytest

pytest.importorskip("nicegui", reason="install the [web] extra")
from nicegui.testing import User  # noqa: E402

import sim.play.brief.package as package  # noqa: E402

from .test_pages import simulate  # noqa: E402


def test_the_teacher_downloads_the_package_of_the_explored_scenario(server, caplog,
                                                                    monkeypatch):
    srv, token = server
    monkeypatch.setattr(package, "find_browser", lambda: None)
    got: list[bytes] = []

    async def body(user: User) -> None:
        await user.open("/teacher")
        user.find(marker="brief").click()
        await user.should_see("Refused: downloading the teaching package is a teacher action")
        assert not user.download.http_responses
        user.find(marker="token").type(token)
        user.find(marker="unlock").click()
        await user.should_see("Teacher actions are unlocked in this tab")
        user.find(marker="brief").click()
        got.append((await user.download.next(timeout=20)).content)
        await user.should_see("Downloaded: march-2023-teaching-package.zip. No PDF: it "
                              "needs Chromium or Chrome")
    simulate(srv, body, caplog)
    names = zipfile.ZipFile(io.BytesIO(got[0])).namelist()
    assert "march-2023-brief/index.html" in names
    assert "march-2023-brief/confidential-stepanakert.html" in names
    assert "march-2023-brief/teaching-note.html" in names
    assert not [n for n in names if n.endswith(".pdf")]
