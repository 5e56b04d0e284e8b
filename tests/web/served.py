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
