"""A server killed outright (a crash, a closed laptop lid, the out-of-memory killer) starts
again on the same port at once and takes its games up again (issue 24, fault 1).

Why a real `kill -9` of a real server: the fault lived in the processes a server leaves
behind. Its worker processes (the explorer's runs, the class view's model runs) held the
listening socket and ignored SIGTERM, so the port stayed taken after the crash."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.web.classroom.classroom import Classroom
from sim.web.common.library import Library

from .served import CHROMIUM, FLAGS, free_port, playwright_or_skip, stop, unlock

playwright = playwright_or_skip()
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")


def serve(port: int, classroom: Path) -> tuple[subprocess.Popen, list[str], str]:
    """`negsim serve` on `port`; (process, the lines it printed up to its token, token).
    The token is empty if it stopped before printing one (it could not listen)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "NICEGUI"))}
    proc = subprocess.Popen([sys.executable, "-m", "sim", "serve", "--port", str(port),
                             "--classroom", str(classroom)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("Teacher token"):
            return proc, lines, line.rsplit(" ", 1)[1].strip()
    return proc, lines, ""


def descendants(pid: int) -> set[int]:
    """Every process under `pid`, read from /proc (children of children too)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        here = todo.pop()
        children = {p for p, pp in parents.items() if pp == here} - found
        found |= children
        todo.extend(children)
    return found


def alive(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def listens(port: int, timeout: float) -> bool:
    """Whether the served page answers on `port` within `timeout` seconds."""
    import urllib.request
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def test_after_kill_9_the_server_starts_again_on_its_port_with_its_games(tmp_path):
    library = Library()
    classroom = Classroom(tmp_path / "classroom", library)
    session = classroom.new_session("Crash")
    classroom.new_game(session.sid, library.default(), 1)
    library.close()
    port = free_port()
    first, _, token = serve(port, tmp_path / "classroom")
    second, workers = None, set()
    try:
        assert token and listens(port, 30)
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            teacher = browser.new_page(viewport={"width": 1280, "height": 720})
            unlock(teacher, f"http://127.0.0.1:{port}", token)
            teacher.get_by_role("button", name="Class view").click()
            # the figure is drawn from the model's runs, in a worker process
            teacher.get_by_test_id("class-figure").first.wait_for(timeout=30_000)
            browser.close()
        workers = descendants(first.pid)
        assert workers, "no worker process was started"
        first.send_signal(signal.SIGKILL)
        first.wait()
        time.sleep(0.5)
        second, lines, token = serve(port, tmp_path / "classroom")
        text = "".join(lines)
        assert token, f"it could not start again:\n{text}"
        assert "1 game(s) taken up again" in text and listens(port, 30)
        deadline = time.time() + 5
        while any(alive(w) for w in workers) and time.time() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if alive(w)]
        assert not left, f"worker processes outlived the killed server: {left}"
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                stop(proc)
        for pid in workers:  # what the killed server left, if the fix failed
            if alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
