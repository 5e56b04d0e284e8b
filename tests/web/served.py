"""A real `negsim serve` in a subprocess and Debian's Chromium driven by Playwright, for
the few end-to-end tests (and the classroom benchmark's twin of this code)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cwd: Path, *args: str, port: int | None = None
          ) -> tuple[subprocess.Popen, str, str]:
    """Start the server; returns (process, base URL, teacher token). NiceGUI reads test
    settings from pytest's variables, so the child gets an environment without them."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "NICEGUI"))}
    proc = subprocess.Popen([sys.executable, "-m", "sim", "serve", "--port", str(port), *args],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    token = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("Teacher token"):
            token = line.rsplit(" ", 1)[1].strip()
            break
    assert token, "negsim serve printed no token"
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise
            time.sleep(0.2)
    return proc, url, token


def wait_for_line(proc: subprocess.Popen, text: str, timeout: float) -> bool:
    """Read the server's output until a line holding `text`; False if none came within
    `timeout` seconds (read on a thread: a server that says nothing must not hang us)."""
    found = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if text in line:
                found.set()
                return
    threading.Thread(target=read, daemon=True).start()
    return found.wait(timeout)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def unlock(page, url: str, token: str) -> None:
    """Unlock the teacher page with the token and open the classroom dashboard."""
    page.goto(url + "/teacher")
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Unlock").click()
    page.get_by_text("Teacher actions are unlocked").wait_for()
    page.get_by_role("button", name="Classroom").click()


def join(browser, url: str, code: str, name: str, actor: str,
         viewport: tuple[int, int] = (1366, 768)):
    """A new browser context joins the game by its code and takes the actor's seat; the
    page keeps its JavaScript errors in `page.errors`."""
    page = browser.new_context(viewport={"width": viewport[0],
                                         "height": viewport[1]}).new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(url + "/join")
    page.get_by_label("Game code").fill(code.lower())
    page.get_by_label("Your name or pseudonym").fill(name)
    page.get_by_role("button", name="Find the game").click()
    page.get_by_test_id(f"take-{actor}").click()
    page.get_by_text("You play").wait_for()
    return page


def playwright_or_skip():
    """Playwright's sync API, at a module's top: skip the module without the [web] or
    [test] extra or without Chromium, but fail in CI, where a skipped browser test would
    pass unseen."""
    import pytest
    pytest.importorskip("nicegui", reason="install the [web] extra")
    sync_api = pytest.importorskip("playwright.sync_api", reason="install the [test] extra")
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message, allow_module_level=True)
    return sync_api


def play(pages, done, limit: float = 40.0) -> int:
    """Each player accepts every proposal and passes every turn, until `done()`; returns
    the clicks that were made."""
    clicks, ends = 0, time.time() + limit
    while not done():
        assert time.time() < ends, "the game did not get there in time"
        acted = False
        for page in pages:
            for testid in ("accept", "pass"):
                button = page.get_by_test_id(testid)
                if button.count() and button.first.is_visible():
                    button.first.click()
                    clicks += 1
                    acted = True
                    page.wait_for_timeout(150)
                    break
        if not acted:
            time.sleep(0.2)
    return clicks


def teacher_with_a_game(p, url: str, token: str, viewport: tuple[int, int] = (1366, 768)):
    """Chromium launched, the teacher's page unlocked on the dashboard, one new game: the
    set-up of every browser test of a class; (browser, teacher page, join code)."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    teacher = browser.new_context(viewport={"width": viewport[0],
                                            "height": viewport[1]}).new_page()
    unlock(teacher, url, token)
    code, = new_games(teacher)
    return browser, teacher, code


def new_games(teacher, count: int = 1, title: str = "Seminar") -> list[str]:
    """On the unlocked dashboard: a new session of `count` games; their join codes."""
    teacher.get_by_label("New session's title (e.g. Monday seminar)").fill(title)
    teacher.get_by_role("button", name="New session").click()
    teacher.get_by_label("Games (1-15)").fill(str(count))
    teacher.get_by_role("button", name="Create").click()
    return [teacher.get_by_test_id(f"code-g{i}").inner_text() for i in range(1, count + 1)]
