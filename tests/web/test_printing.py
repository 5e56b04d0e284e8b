"""The debrief and the class view on A4, printed by Debian's Chromium from a real server:
two games (one with two people played to a meeting, one with one person), both ended by
the teacher; then the seat's debrief and the class view as PDFs. A teacher hands these out
after class, so the pages must not cut a column off, and the class view should give each
group its own page. One server and one browser for the whole module (kept short)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sim.cli import main

from .served import (CHROMIUM, FLAGS, join, new_games, play, playwright_or_skip, start,
                     stop, unlock)

playwright = playwright_or_skip()

A4_WIDTH = 794  # CSS pixels: 210 mm at 96 per inch
GAMES = 2
# Set NEGSIM_PRINT_OUT to a folder to keep the PDFs (to look at them, e.g. with pdftoppm).
OUT = os.environ.get("NEGSIM_PRINT_OUT")


def pages_of(pdf: bytes) -> int:
    """The pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))




def play_to_meeting(pages, limit: float = 40.0) -> None:
    """Each player accepts every proposal and passes every turn until both see a meeting."""
    play(pages, lambda: all(p.get_by_text("MEETING HELD").count() for p in pages), limit)


def show_debrief(page, words: str) -> None:
    page.get_by_text("The game is over").wait_for(timeout=20_000)
    page.get_by_label("Your answer").fill(words)
    page.get_by_role("button", name="Show my debrief").click()
    page.get_by_text("Each decision beside the modelled actor's").wait_for()


def in_print(page) -> dict:
    """In print emulation at A4's width: the document's overflow; each table whose content
    is wider than the box it sits in (a column the printer would cut); the controls still
    shown (buttons, fields, the header); and the text that prints (innerText leaves out
    what is not displayed)."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
    page.wait_for_timeout(300)
    found = page.evaluate("""() => ({
        doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tables: [...document.querySelectorAll('table')].map(t => ({
            id: t.dataset.testid || '', width: t.scrollWidth,
            room: t.parentElement.clientWidth})).filter(t => t.width > t.room),
        count: document.querySelectorAll('table').length,
        controls: [...document.querySelectorAll('button, input, textarea, header')]
            .filter(e => e.getClientRects().length).map(e => e.innerText || e.tagName),
        text: document.body.innerText})""")
    page.emulate_media(media="screen")
    return found


def page_texts(pdf: bytes, folder: Path) -> list[str]:
    """Each page's text, by poppler's pdftotext (pages end with a form feed)."""
    path = folder / "printed.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict:
    """Play, end, print: the PDFs of the seat's debrief, the class view and the HTML
    debrief a replay writes, and what each looks like in print emulation."""
    folder = tmp_path_factory.mktemp("printing")
    proc, url, token = start(folder)
    result: dict = {"codes": [], "folder": folder}
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            teacher = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            unlock(teacher, url, token)
            codes = result["codes"] = new_games(teacher, GAMES)
            first = [join(browser, url, codes[0], "Alice", "baku", (1280, 720)),
                     join(browser, url, codes[0], "Bob", "stepanakert", (1280, 720))]
            second = join(browser, url, codes[1], "Chloe", "baku", (1280, 720))
            teacher.get_by_role("button", name="Start every game").click()
            play_to_meeting(first)
            for i in range(GAMES):  # the cards are in the games' order
                teacher.get_by_role("button", name="End the game").nth(i).click()
                teacher.get_by_role("button", name="End it").click()
            for page, words in zip((*first, second), ("Khojaly", "the road open", "a venue")):
                show_debrief(page, f"I wanted {words}")
            result["debrief"] = first[0].pdf(format="A4", print_background=True)
            result["debrief_print"] = in_print(first[0])
            teacher.get_by_role("button", name="Class view").click()
            teacher.get_by_test_id("class-table").wait_for()
            teacher.get_by_test_id("class-figure").first.wait_for(timeout=30_000)
            result["class"] = teacher.pdf(format="A4", print_background=True)
            result["screen"] = teacher.screenshot()  # on screen, at 1280 x 720
            result["screen_full"] = teacher.screenshot(full_page=True) if OUT else b""
            result["class_print"] = in_print(teacher)
            transcript, = folder.glob("results/classroom/*/g1/transcript.jsonl")
            assert main(["play", "--replay", str(transcript), "--out", str(folder / "r")]) == 0
            html = next((folder / "r").glob("*/debrief-baku.html"))
            page = browser.new_page(viewport={"width": A4_WIDTH, "height": 1123})
            page.goto(html.as_uri())
            result["html"] = page.pdf(format="A4")
            result["html_print"] = in_print(page)
            browser.close()
    finally:
        stop(proc)
    if OUT:
        Path(OUT).mkdir(parents=True, exist_ok=True)
        for name in ("debrief", "class", "html"):
            (Path(OUT) / f"{name}.pdf").write_bytes(result[name])
        (Path(OUT) / "screen-class.png").write_bytes(result["screen"])
        (Path(OUT) / "screen-class-full.png").write_bytes(result["screen_full"])
    return result


def test_the_class_view_is_a_summary_page_then_a_page_per_game(printed):
    assert 0 < pages_of(printed["class"]) <= GAMES + 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_each_game_of_the_class_view_starts_a_page_with_its_seats_together(printed):
    texts = page_texts(printed["class"], printed["folder"])
    assert "Class view: Seminar" in texts[0] and "Debrief:" not in texts[0]
    starts = [t.split()[1] if t.split()[:1] == ["Game"] else None for t in texts[1:]]
    assert starts == printed["codes"]  # one page each, in the session's order
    assert "Baku (as Alice)" in texts[1] and "Stepanakert (as Bob)" in texts[1]


def test_a_seats_debrief_prints_on_a_page_or_two_without_the_rest_of_the_page(printed):
    assert 0 < pages_of(printed["debrief"]) <= 2
    text = printed["debrief_print"]["text"]
    assert "Debrief: Baku (as Alice)" in text and "I wanted Khojaly" in text
    assert "Your role sheet" not in text and "The game as you know it" not in text


def test_the_replays_html_debrief_prints_on_a_page_or_two(printed):
    assert 0 < pages_of(printed["html"]) <= 2
    assert "Debrief: you played Baku" in printed["html_print"]["text"]


@pytest.mark.parametrize("which", ["class_print", "debrief_print", "html_print"])
def test_nothing_is_cut_off_and_no_control_is_printed(printed, which):
    found = printed[which]
    assert found["count"] > 0  # the tables were there to be measured
    assert found["tables"] == [] and found["doc"] <= 0, found["tables"]
    assert found["controls"] == []
