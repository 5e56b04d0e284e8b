"""The projector view (/projector/CODE): what the whole room sees of a game, and nothing a
seat keeps to itself. The public events without a browser; then one page in Chromium that
shows the code, the address, a QR code, the seats and the round clock, updates by itself,
and holds no private rule, hint, token, message or inject sent to one seat."""
from __future__ import annotations

import re

from sim.play.roles import playable, role_sheet
from sim.web.classroom.classroom import Classroom
from sim.web.classroom.public_events import public_events
from sim.web.pages.projector_page import join_address, qr_svg

from .served import join, playwright_or_skip, start, stop, teacher_with_a_game


def test_only_what_every_seat_is_told_reaches_the_projector(library, tmp_path):
    classroom = Classroom(tmp_path / "classroom", library)
    session = classroom.new_session("Monday")
    room = classroom.new_game(session.sid, "march-2023.yaml", 7)
    room.take("baku", "Alice")
    assert public_events(room) == []  # not started
    room.start()
    room.inject({"security": "incidents"}, "told to Baku alone", ["baku"])
    room.inject({"checkpoint": True}, "said to everyone", None)
    room.end()
    told = [words for _, words in public_events(room, limit=100)]
    assert told[-1] == "The game starts" and told[0].startswith("The game is over: ")
    assert any("said to everyone" in w for w in told)
    assert not any("told to Baku alone" in w or "told to you only" in w for w in told)
    seen = [e for e in room.game.record.trace if e["type"] in ("proposal", "answer")]
    assert seen and not any(w.lower().startswith(("proposal", "baku accepts")) for w in told)
    assert [w for _, w in public_events(room, limit=2)] == told[:2]  # the latest first


def test_the_qr_code_opens_the_join_page_with_the_code():
    typed, opened = join_address("http://192.0.2.7:8080/", "ABC234")
    assert (typed, opened) == ("http://192.0.2.7:8080/join",
                               "http://192.0.2.7:8080/join?code=ABC234")
    svg = qr_svg(opened, "ABC234")
    assert svg.startswith('<svg role="img" aria-label="QR code: opens '
                          'http://192.0.2.7:8080/join?code=ABC234, the join page with game '
                          'code ABC234"')
    assert "<path" in svg and "<script" not in svg


def secrets_of(sc) -> list[str]:
    """Every private rule's sentence and quote on the scenario's role sheets."""
    found = []
    for actor in playable(sc):
        for rule in role_sheet(sc, actor)["private"]:
            found += [rule["says"], rule["quote"]]
    return [s for s in found if s]


def test_the_projector_shows_the_game_to_the_room_and_nothing_secret(tmp_path, library):
    playwright = playwright_or_skip()
    sc = library.entries["march-2023.yaml"].scenario
    private = secrets_of(sc)
    assert private  # the case has private rules: the check below means something
    proc, url, token = start(tmp_path)
    try:
        with playwright.sync_playwright() as p:
            browser, teacher, code = teacher_with_a_game(p, url, token, (1280, 720))
            teacher.get_by_label("Minutes a round (1-60)").fill("4")
            teacher.get_by_role("button", name="Set minutes").click()
            teacher.get_by_role("button", name="Start the clock").click()
            baku = join(browser, url, code, "Alice", "baku")
            seat_token = baku.evaluate(f"localStorage.getItem('negsim-seat-{code}')")
            room = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            room.errors = []
            room.on("pageerror", lambda exc: room.errors.append(str(exc)))
            # the link on the game's card opens it in a new tab
            with teacher.context.expect_page() as opened:
                teacher.get_by_role("link", name="Projector view").click()
            opened.value.close()
            room.goto(f"{url}/projector/{code.lower()}")
            assert room.get_by_test_id("projector-code").inner_text() == code
            assert room.get_by_test_id("projector-address").inner_text() == f"{url}/join"
            qr = room.get_by_test_id("projector-qr").locator("svg[role=img]")
            assert f"join?code={code}" in qr.get_attribute("aria-label")
            seats = room.get_by_test_id("projector-seats")
            assert "Baku: Alice" in seats.inner_text()
            assert "Stepanakert: open" in seats.inner_text()
            assert re.fullmatch(r"Round 1 – [34]:\d\d left",
                                room.get_by_test_id("round-clock").inner_text())
            # it follows the game by itself: started, a message and an inject to Baku only
            teacher.get_by_test_id(f"start-{code}").click()
            room.get_by_text("The game starts").wait_for()
            assert "Stepanakert: the model" in seats.inner_text()
            baku.get_by_label("Message").fill("Only for the teacher: meet in Khojaly?")
            baku.get_by_role("combobox", name="To").click()
            baku.get_by_role("option", name="the teacher").click()
            baku.get_by_role("button", name="Send").click()
            teacher.get_by_test_id(f"inject-{code}").click()
            teacher.get_by_role("option", name="military situation: armed incidents").click()
            teacher.get_by_role("combobox", name="To").first.click()  # the inject's
            teacher.get_by_role("option", name="to Baku (Alice) only").click()
            teacher.get_by_test_id(f"inject-send-{code}").click()
            baku.get_by_text("[told to you only]").wait_for()
            room.wait_for_timeout(1500)  # past the projector's next redraw
            page = room.content()
            for text in [*private, seat_token, token, "told to you only", "teacher's inject",
                         "Only for the teacher", "modelled", "would accept"]:
                assert text not in page, text
            assert room.errors == []
            browser.close()
    finally:
        stop(proc)

