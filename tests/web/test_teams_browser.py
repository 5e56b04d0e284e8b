"""Seats in Debian's Chromium: one browser cannot take a second seat of a game (issue 24,
fault 4: one browser took all four and orphaned three); a second student joins a taken
seat's team as its adviser, sees the question, is refused a decision, and talks in the
team's channel, seen by the team and the teacher only; the teacher hands the negotiator's
role on from the game card, and the new negotiator decides."""
from __future__ import annotations

from .served import join, playwright_or_skip, start, stop, teacher_with_a_game
from .test_accessibility import faults

playwright = playwright_or_skip()
SHOTS = None  # a folder to keep screenshots of the pages in, when looking at them


def find(page, url: str, code: str, name: str) -> None:
    page.goto(url + "/join")
    page.get_by_label("Game code").fill(code)
    page.get_by_label("Your name or pseudonym").fill(name)
    page.get_by_role("button", name="Find the game").click()


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_one_browser_one_seat_and_a_team_in_a_seat(tmp_path):
    proc, url, token = start(tmp_path)
    try:
        with playwright.sync_playwright() as p:
            browser, teacher, code = teacher_with_a_game(p, url, token, (1280, 720))
            alice = join(browser, url, code, "Alice", "baku", (1280, 720))
            # the same browser, another tab: a second seat is refused
            tab = alice.context.new_page()
            find(tab, url, code, "Alice again")
            tab.get_by_test_id("take-stepanakert").click()
            tab.get_by_text("This browser already holds the Baku seat").wait_for()
            assert tab.get_by_text("You play").count() == 0
            tab.close()
            # another browser joins Alice's team; Yerevan is offered too
            carol = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            find(carol, url, code, "Carol")
            carol.get_by_test_id("take-yerevan").wait_for()
            shot(carol, "join")
            carol.get_by_role("button", name="Join the Baku team as adviser").click()
            carol.get_by_text("You play Baku (as Carol)").wait_for()
            carol.get_by_text("You advise: Alice, the negotiator").wait_for()
            bob = join(browser, url, code, "Bob", "stepanakert", (1280, 720))
            teacher.get_by_test_id(f"start-{code}").click()
            carol.get_by_test_id("accept").click()  # seed 1: Baku answers first
            carol.get_by_text("Only your team's negotiator (Alice)").wait_for()
            carol.get_by_label("Message").fill("Accept only with a mediator")
            carol.get_by_role("combobox", name="To").click()
            carol.get_by_role("option", name="your team only").click()
            carol.get_by_role("button", name="Send").click()
            said = "Baku (Carol) to the Baku team only: Accept only with a mediator"
            alice.get_by_text(said).wait_for()
            shot(carol, "adviser")
            assert faults(carol) == []  # an adviser's page: the team, the channel
            # the teacher sees the channel, and hands the role to Carol
            teacher.get_by_text("Seats and teams").click()
            teacher.get_by_test_id(f"make-negotiator-{code}-p2").click()
            alice.get_by_text("You advise: Carol, the negotiator").wait_for()
            carol.get_by_role("button", name="Hand on").wait_for()
            teacher.get_by_text("Messages", exact=True).first.click()
            teacher.get_by_text(said).wait_for()
            shot(teacher, "dashboard")
            assert faults(teacher) == []  # the seat controls
            carol.get_by_test_id("accept").click()
            carol.get_by_text("You accept").first.wait_for()
            assert bob.get_by_text("Accept only with a mediator").count() == 0
            assert alice.errors == bob.errors == []
            browser.close()
    finally:
        stop(proc)
