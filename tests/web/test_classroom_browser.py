"""The classroom end to end, in Debian's Chromium: a teacher makes a game, two browsers
join as Baku and Stepanakert and play to a meeting, the teacher's inject reaches both, the
server is killed mid-game and started again, the game finishes, nothing is lost, and both
debriefs and the class view show the game. (One long test: the simulated users cover the
many smaller cases.)"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path


from sim.cli import main

from .served import join, play, playwright_or_skip, start, stop, teacher_with_a_game, unlock

playwright = playwright_or_skip()






def back(page, address: str) -> None:
    """Open the seat again after the restart (NiceGUI may be reloading the page itself)."""
    for _ in range(3):
        try:
            page.goto(address)
            page.get_by_text("You play").wait_for(timeout=10_000)
            return
        except playwright.Error:
            time.sleep(0.5)
    raise AssertionError("the seat did not come back")


def sees(page, text: str) -> bool:
    return page.get_by_text(text).count() > 0


def state(page) -> str:
    return page.get_by_test_id("game-state").inner_text()


def test_a_class_game_from_two_browsers_survives_a_restart(tmp_path):
    proc, url, token = start(tmp_path)
    port = int(url.rsplit(":", 1)[1])
    try:
        with playwright.sync_playwright() as p:
            browser, teacher, code = teacher_with_a_game(p, url, token)
            baku = join(browser, url, code, "Alice", "baku")
            step = join(browser, url, code, "Bob", "stepanakert")
            teacher.get_by_test_id(f"start-{code}").click()
            both = (baku, step)
            clicks = play(both, lambda: sees(baku, "MEETING HELD") and sees(step, "MEETING HELD"))
            # The teacher's inject reaches both seats.
            teacher.get_by_test_id(f"inject-{code}").click()
            teacher.get_by_role("option", name="military situation: armed incidents").click()
            teacher.get_by_test_id(f"inject-send-{code}").click()
            teacher.get_by_text(re.compile(r"Injected on day \d+: military situation: armed "
                                           r"incidents, to everyone\.")).wait_for()
            for page in both:
                page.get_by_text("military situation: armed incidents (teacher's inject)") \
                    .wait_for()
            before = clicks_made(tmp_path)
            clicks += play(both, lambda: clicks_made(tmp_path) >= before + 2)
            # Killed mid-game (no shutdown at all), then started again on the same port.
            made = clicks_made(tmp_path)
            proc.kill()
            proc.wait()
            proc, url, token = start(tmp_path, port=port)
            for page in both:
                back(page, f"{url}/play/{code}")
            assert clicks_made(tmp_path) == made  # every decision made before the kill
            play(both, lambda: "over" in state(baku) and "over" in state(step), limit=60)
            for page, words in ((baku, "I wanted Khojaly"), (step, "I wanted the road open")):
                page.get_by_label("Your answer").fill(words)
                page.get_by_role("button", name="Show my debrief").click()
                page.get_by_text("Each decision beside the modelled actor's").wait_for()
                assert sees(page, words) and sees(page, "meeting held")
            unlock(teacher, url, token)
            teacher.get_by_role("button", name="Class view").click()
            teacher.get_by_text(f"Game {code}").first.wait_for()
            assert sees(teacher, "Debrief: Baku (as Alice)")
            assert sees(teacher, "Debrief: Stepanakert (as Bob)")
            teacher.get_by_test_id("class-table").wait_for()
            teacher.locator("img").first.wait_for(timeout=30_000)  # the class vs the model
            assert baku.errors == [] and step.errors == []
            browser.close()
    finally:
        stop(proc)
    transcript, = tmp_path.glob("results/classroom/*/g1/transcript.jsonl")
    assert main(["play", "--replay", str(transcript), "--out", str(tmp_path / "r")]) == 0
    for actor in ("baku", "stepanakert"):
        data = json.loads(next((tmp_path / "r").glob(f"*/debrief-{actor}.json")).read_text())
        assert data["over"] and data["decisions"]
        assert data["reflection"]["answer"]
    assert clicks > 0


def clicks_made(folder: Path) -> int:
    """Decisions in the game's transcript on disk."""
    found = list(folder.glob("results/classroom/*/g1/transcript.jsonl"))
    if not found:
        return 0
    return sum('"do":"answer"' in line for line in found[0].read_text().splitlines())
