"""Benchmark of the browser classroom, measured in a real Chromium page (not a test).

    python bench/classroom.py [--switches 50]

Starts `negsim serve` on a free port and drives Debian's Chromium with Playwright:
- the explorer's update time after a switch: from the click on a rule's switch to the
  redrawn heatmap in the page's DOM (after the next animation frame), median and p95 over
  50 switches (target < 200 ms);
- a what-if Run of 1,000 replications (the what-if and the unchanged scenario, 1,000 each,
  same seeds), from the click on Run to the results on the page: the first run of a
  scenario (both runs made) and a second one (the unchanged run kept) (target < 2 s for
  the first).
Beside them, the same first comparison through the Python objects (no server, no
browser), and the machine's load average (the machine is shared: a busy moment slows
every number). The last line is JSON: {"explorer_update_ms": {"median", "p95"},
"whatif_1000_s", "whatif_1000_kept_base_s", "whatif_1000_python_s", "load_average"}.
The next issue adds the classroom game's measures.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.web.served import CHROMIUM, FLAGS, start, stop  # noqa: E402

# Resolves with the milliseconds from the click to a heatmap newer than `version`.
TIMED_SWITCH = """([testid, version]) => new Promise(resolve => {
  const newer = () => {
    const h = document.querySelector('[data-testid=heatmap]');
    return h && Number(h.getAttribute('data-version')) > version;
  };
  const t0 = performance.now();
  const seen = new MutationObserver(() => {
    if (newer()) {
      seen.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  seen.observe(document.body, {subtree: true, childList: true, attributes: true});
  document.querySelector(`[data-testid=${testid}]`).click();
})"""


def version(page: Page) -> int:
    return int(page.get_by_test_id("heatmap").get_attribute("data-version"))


def switch_times(page: Page, url: str, n: int) -> list[float]:
    page.goto(url + "/")
    page.get_by_test_id("heatmap").wait_for()
    times = []
    for _ in range(n):
        times.append(page.evaluate(TIMED_SWITCH, ["rule-baku-not_hosted_by_de_facto_authorities",
                                                  version(page)]))
    return times


def run_seconds(page: Page, n: int) -> float:
    page.get_by_role("tab", name="Run the what-if").click()
    page.get_by_label("Replications").fill(str(n))
    began = time.perf_counter()
    page.get_by_role("button", name="Run").click()
    page.get_by_text(f"Running {n:,} replications").wait_for()  # not the last run's "Done"
    page.get_by_text(f"Done: {n:,} replications each").wait_for(timeout=120_000)
    return time.perf_counter() - began


def api_seconds(n: int) -> float:
    """The same first comparison through the web layer's Python objects, no server and no
    browser: what the page adds is the difference."""
    from sim.web.explorer import Explorer
    from sim.web.library import Library
    from sim.web.runs import Caps, Runner
    library = Library()
    entry = library.entries["march-2023.yaml"]
    ex = Explorer(entry.scenario, entry.name)
    ex.set_rule("stepanakert", "assumptions", "no_talks_in_azerbaijan_under_blockade", False)
    began = time.perf_counter()
    Runner(Caps()).compare(entry.scenario, library.load(entry.name, ex.overrides()), n,
                           entry.scenario.spec.seed)
    seconds = time.perf_counter() - began
    library.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--switches", type=int, default=50)
    args = parser.parse_args()
    proc, url, _ = start(Path(tempfile.mkdtemp()))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            times = switch_times(page, url, args.switches)
            page.get_by_test_id("rule-stepanakert-no_talks_in_azerbaijan_under_blockade") \
                .click()
            first = run_seconds(page, 1000)
            page.get_by_test_id("rule-baku-no_status").click()
            kept = run_seconds(page, 1000)
            browser.close()
    finally:
        stop(proc)
    api = api_seconds(1000)
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"explorer update after a switch, {len(times)} switches in Chromium: median "
          f"{median:.0f} ms, p95 {p95:.0f} ms (fastest {min(times):.0f}, slowest "
          f"{max(times):.0f})   target < 200 ms")
    print(f"what-if Run, 1,000 replications each side, click to results: first {first:.2f} s "
          f"(both runs), then {kept:.2f} s (unchanged run kept)   target < 2 s")
    print(f"the same first Run through the Python objects, no server or browser: {api:.2f} s "
          f"(page / Python: {first / api:.2f})")
    load = os.getloadavg()[0]
    print(f"load average during the benchmark: {load:.2f} on {os.cpu_count()} cores")
    print(json.dumps({"explorer_update_ms": {"median": round(median, 1), "p95": round(p95, 1)},
                      "whatif_1000_s": round(first, 2),
                      "whatif_1000_kept_base_s": round(kept, 2),
                      "whatif_1000_python_s": round(api, 2), "load_average": round(load, 2)}))


if __name__ == "__main__":
    main()
