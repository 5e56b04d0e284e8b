"""PDF by headless Chromium's own print (`--print-to-pdf`): the HTML's @page rules make
it A4, so the PDF and a browser's print of the same file agree.

Why Chromium and no PDF library: the pages are HTML already; a browser prints them as a
teacher's browser would, and negsim needs no extra dependency. Without Chromium or Chrome,
the package stays HTML (it prints to A4 from any browser) and the caller says so.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from ...files.errors import InputError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
              "chrome", "/usr/bin/chromium", "/usr/bin/chromium-browser",
              "/usr/bin/google-chrome",
              "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
              "/Applications/Chromium.app/Contents/MacOS/Chromium")
AT_ONCE = 2       # browsers printing at the same time (this machine has 2 cores)
TIMEOUT = 90      # seconds one page may take to print
NO_BROWSER = ("No PDF: it needs Chromium or Chrome, and neither was found; the HTML files "
              "print to A4 from any browser.")


def find_browser(candidates: Sequence[str] = CANDIDATES) -> str | None:
    """The first Chromium or Chrome on this machine ($NEGSIM_CHROMIUM first, if set)."""
    chosen = os.environ.get("NEGSIM_CHROMIUM")
    for name in ([chosen] if chosen else []) + list(candidates):
        found = shutil.which(name) or (name if os.path.isfile(name) and
                                       os.access(name, os.X_OK) else None)
        if found:
            return found
    return None


def command(browser: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    args = [browser, "--headless", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions",
            f"--user-data-dir={profile}", "--no-pdf-header-footer",
            "--print-to-pdf-no-header", f"--print-to-pdf={pdf}", page.resolve().as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return args


def print_pdfs(browser: str, pages: Sequence[Path]) -> list[Path]:
    """Each HTML page printed to a PDF beside it, `AT_ONCE` at a time; the PDFs' paths.
    A page that fails to print is an error naming it (the caller's folder is then
    removed whole)."""
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="negsim-chromium-") as tmp:
        queue = list(pages)
        while queue:
            batch, queue = queue[:AT_ONCE], queue[AT_ONCE:]
            running = []
            for k, page in enumerate(batch):
                pdf = page.with_suffix(".pdf")
                profile = Path(tmp) / f"profile-{len(made) + k}"
                proc = subprocess.Popen(command(browser, page, pdf, profile),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
                running.append((page, pdf, proc))
            try:
                for page, pdf, proc in running:
                    made.append(finished(browser, page, pdf, proc))
            finally:  # a failed page: stop the other browser of its batch too
                for _, _, proc in running:
                    if proc.poll() is None:
                        stop(proc)
    return made


def stop(proc: subprocess.Popen) -> None:
    """End a browser this module started, with the helpers it started (its own process
    group, made by `start_new_session`)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):  # (no groups: Windows)
        proc.kill()
    proc.communicate()


def finished(browser: str, page: Path, pdf: Path, proc: subprocess.Popen) -> Path:
    """The PDF once its browser has ended; an error naming the page if it failed."""
    try:
        _, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        stop(proc)
        raise InputError.one(f"{browser} did not print {page.name} within {TIMEOUT} s; try "
                             f"again, or use --no-pdf.", page)
    if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        last = (err or b"").decode(errors="replace").strip().splitlines()[-1:]
        raise InputError.one(f"{browser} could not print {page.name} to PDF "
                             f"({'; '.join(last) or f'exit {proc.returncode}'}); use "
                             f"--no-pdf for the HTML alone.", page)
    return pdf
