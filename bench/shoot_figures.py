"""Retake the README's explorer screenshots from the real pages (a `negsim serve` in a
subprocess, Debian's Chromium through Playwright), so that they show what the model carries
now. Run from the repository: `python bench/shoot_figures.py`.

Why a script: the screenshots are of pages whose text comes from the params; when a rule
or a number changes, the figures must be taken again, not edited by hand.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from sim.web.app import READY  # noqa: E402
from tests.web.served import CHROMIUM, FLAGS, start, stop, wait_for_line  # noqa: E402

OUT = ROOT / "docs" / "pages" / "img"


def pick(page, label: str, option: str) -> None:
    """Choose `option` in the Quasar select labelled `label`."""
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, url, _ = start(Path(tmp), "--max-replications", "1000")
        try:
            assert wait_for_line(proc, READY, 120), "the server's workers never got ready"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(url + "/")
                page.get_by_test_id("cell-stepanakert-none").wait_for()
                page.screenshot(path=str(OUT / "browser-explorer.png"))
                pick(page, "Scenario", "Baku-Stepanakert talks, August 2023")
                page.wait_for_timeout(1500)
                pick(page, "Baku's terms",
                     "practical contacts, including under the Russian peacekeepers' mediation")
                page.get_by_text("state.baku_terms=practical_contacts").wait_for()
                page.get_by_role("tab", name="Run the what-if").click()
                page.get_by_label("Replications").fill("1000")
                page.get_by_role("button", name="Run").click()
                page.get_by_text("Done: 1,000 replications each").wait_for(timeout=120_000)
                page.wait_for_timeout(800)
                page.screenshot(path=str(OUT / "browser-whatif-run.png"))
                browser.close()
        finally:
            stop(proc)
    print(f"Saved {OUT / 'browser-explorer.png'} and {OUT / 'browser-whatif-run.png'}")


if __name__ == "__main__":
    main()
