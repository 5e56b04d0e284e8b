"""The classroom pages, driven by NiceGUI's simulated users (several at once, no browser):
the teacher's dashboard, joining, deciding, hints, messages, reloads, the debrief."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re

import httpx
import pytest

pytest.importorskip("nicegui", reason="install the [web] extra")
from nicegui import core  # noqa: E402
from nicegui.testing import User  # noqa: E402
from nicegui.testing.user_simulation import user_simulation  # noqa: E402

from sim.web.app import root_page  # noqa: E402
from sim.web.classroom.room import Settings  # noqa: E402
from sim.web.pages.session import Server  # noqa: E402


def browser(user: User, store: dict[str, str] | None = None) -> User:
    """Give a simulated user a localStorage (the seat token lives there)."""
    store = {} if store is None else store
    user.javascript_rules[re.compile(r'localStorage\.setItem\(("[^"]+"), ("[^"]+")\)')] = \
        lambda m: store.__setitem__(json.loads(m[1]), json.loads(m[2])) or True
    user.javascript_rules[re.compile(r'localStorage\.getItem\(("[^"]+")\)')] = \
        lambda m: store.get(json.loads(m[1]))
    user.storage = store
    return user


def simulate(server: Server, body, caplog) -> None:
    async def main() -> None:
        async with user_simulation(root=root_page(server)) as first:
            def another() -> User:
                return browser(User(httpx.AsyncClient(transport=httpx.ASGITransport(core.app),
                                                       base_url="http://test")))
            await body(browser(first), another)
            errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
            assert not errors, errors
    with caplog.at_level(logging.ERROR):
        asyncio.run(main())


async def unlock(user: User, token: str) -> None:
    await user.open("/teacher")
    user.find(marker="token").type(token)
    user.find(marker="unlock").click()
    await user.should_see("Teacher actions are unlocked in this tab")


async def join(user: User, code: str, name: str, actor: str) -> None:
    await user.open("/join")
    user.find(marker="code").type(code.lower())
    user.find(marker="name").type(name)
    user.find(marker="find").click()
    await user.should_see(marker=f"take-{actor}")
    user.find(marker=f"take-{actor}").click()
    await user.should_see("You play")


def test_the_teacher_makes_a_game_two_students_join_and_one_decides(server, caplog):
    srv, token = server

    async def body(teacher: User, another) -> None:
        await teacher.open("/classroom")
        await teacher.should_see(marker="locked")  # not without the token
        await unlock(teacher, token)
        teacher.find(marker="nav-classroom").click()
        await teacher.should_see(marker="session-title")
        teacher.find(marker="session-title").type("Monday seminar")
        teacher.find(marker="new-session").click()
        await teacher.should_see("New games in Monday seminar")
        teacher.find(marker="new-seed").clear().type("1")
        teacher.find(marker="new-count").clear().type("99")  # said, not clamped
        teacher.find(marker="create-games").click()
        await teacher.should_see("Games: a whole number from 1 to 15 at a time; got 99.")
        assert not srv.classroom.codes
        teacher.find(marker="new-count").clear().type("1")
        teacher.find(marker="create-games").click()
        await teacher.should_see(marker="join-code")
        room, = srv.classroom.codes.values()
        alice, bob = another(), another()
        await join(alice, room.code, "Alice <b>", "baku")
        await join(bob, room.code, "Bob", "stepanakert")
        await alice.should_see("You play Baku (as Alice <b>)")  # as text
        await alice.should_see("preparing: read your role sheet")
        teacher.find(marker=f"start-{room.code}").click()
        await alice.should_see(marker="decision", retries=20)  # seed 1: Baku answers first
        await alice.should_see("By your stated preferences this format is worth")
        alice.find(marker="refuse").click()
        await alice.should_see("Give at least one reason")
        alice.find(marker="own-words").type("not before the road reopens")
        alice.find(marker="refuse").click()
        await alice.should_see("You refuse (\u201cnot before the road reopens\u201d)", retries=20)
        await teacher.should_see("people: Baku: Alice <b>; Stepanakert: Bob", retries=20)
        decisions = [e for e in (room.folder / "transcript.jsonl").read_text().splitlines()
                     if '"do":"answer"' in e]
        assert len(decisions) == 1 and "not before the road reopens" in decisions[0]
        teacher.find(marker=f"end-{room.code}").click()  # asks first: it cannot be undone
        await teacher.should_see(f"End game {room.code} now?")
        assert room.state != "over"
        teacher.find(marker=f"confirm-end-{room.code}").click()
        for _ in range(50):
            if room.state == "over":
                break
            await asyncio.sleep(0.05)
        assert room.state == "over"
    simulate(srv, body, caplog)


def ready_game(srv: Server, settings: Settings | None = None, seed: int = 1):
    """A game of March 2023 in a new class session of the served classroom."""
    session = srv.classroom.new_session("class")
    return srv.classroom.new_game(session.sid, "march-2023.yaml", seed, settings)


def test_hidden_hints_messages_as_text_and_a_reload_gets_the_seat_back(server, caplog):
    srv, _ = server
    room = ready_game(srv, Settings("fast", None, False))

    async def body(_, another) -> None:
        alice, bob = another(), another()
        await join(alice, room.code, "Alice", "baku")
        await join(bob, room.code, "Bob", "stepanakert")
        room.start()
        await alice.should_see(marker="decision", retries=20)
        await alice.should_see("The teacher has hidden the model's hints")
        await alice.should_not_see(marker="hint-value")
        alice.find(marker="message-text").type("<img src=x onerror=alert(1)> let us meet")
        alice.find(marker="message-send").click()
        await bob.should_see("Baku (Alice) to everyone: <img src=x onerror=alert(1)> let us "
                             "meet", retries=20)
        alice.find(marker="message-to").elements.pop().set_value("teacher")
        alice.find(marker="message-text").type("a question for you")
        alice.find(marker="message-send").click()
        await alice.should_see("Baku (Alice) to the teacher: a question for you")
        await asyncio.sleep(1.1)
        await bob.should_not_see("a question for you")
        # A reload: the same browser storage brings the seat back ...
        again = browser(another(), alice.storage)
        await again.open(f"/play/{room.code}")
        await again.should_see("You play Baku (as Alice)", retries=20)
        await again.should_see(marker="decision")
        # ... and a browser without it, or with another game's token, has no seat.
        stranger = another()
        stranger.storage[f"negsim-seat-{room.code}"] = "forged-token"
        await stranger.open(f"/play/{room.code}")
        await stranger.should_see("This browser holds no seat in this game", retries=20)
    simulate(srv, body, caplog)


def test_the_end_asks_the_reflection_then_shows_the_debrief_and_the_class_view(server,
                                                                               caplog):
    srv, token = server
    room = ready_game(srv)

    async def body(teacher, another) -> None:
        alice = another()
        await join(alice, room.code, "Alice", "baku")
        room.start()
        await alice.should_see(marker="decision", retries=20)
        room.end()
        await alice.should_see("what did you want for Baku in this game", retries=20)
        alice.find(marker="reflection").type("Talks on my ground")
        alice.find(marker="show-debrief").click()
        await alice.should_see("Debrief: Baku (as Alice)")
        await alice.should_see("Talks on my ground")
        await teacher.open(f"/classroom/{room.folder.parent.name}")
        await teacher.should_see(marker="locked")  # a new tab is locked
        await unlock(teacher, token)
        teacher.find(marker="nav-classroom").click()
        await teacher.should_see(marker="class-view")
        teacher.find(marker="class-view").click()
        await teacher.should_see(marker="class-table")
        await teacher.should_see(f"ended on day {int(room.game.clock)}")
        await teacher.should_see(f"Game {room.code}")
        await teacher.should_see(marker="class-figure", retries=100)
        # ended by the teacher: set against the model's runs to the day it reached
        day = int(room.game.clock)
        figure, = teacher.find(marker="class-figure").elements
        assert f"meetings held by {room.scenario.start + dt.timedelta(days=day)} (day {day})" \
            in figure.props["alt"]
    simulate(srv, body, caplog)


def test_a_student_who_joined_first_can_write_to_those_who_joined_after(server, caplog):
    """Issue 24, wrong result 8: Alice's recipient list had only 'everyone' and 'the
    teacher' until a reload; it gains Bob's seat once he takes it."""
    srv, _ = server
    room = ready_game(srv)

    async def body(alice: User, another) -> None:
        await join(alice, room.code, "Alice", "baku")
        bob = another()
        await join(bob, room.code, "Bob", "stepanakert")
        for _ in range(40):  # the seat page looks again every half second
            options = alice.find(marker="message-to").elements.pop().options
            if "stepanakert" in options:
                break
            await asyncio.sleep(0.1)
        assert options.get("stepanakert") == "Stepanakert (Bob)", options
        await alice.should_see("You play Baku")
    simulate(srv, body, caplog)


def test_a_browser_slow_to_keep_the_token_still_gets_its_seat(server, caplog, monkeypatch):
    """Found by bench/classroom.py under load: keeping the seat token in the browser waited
    for its answer, and a browser that answered after 1 s had taken the seat but was never
    sent to it (the click raised). The seat now opens whether or not the browser answers."""
    srv, _ = server
    room = ready_game(srv)
    monkeypatch.setattr("sim.web.pages.join_page.BROWSER_WAIT", 0.3)

    async def body(_, another) -> None:
        slow = another()
        for rule in [r for r in slow.javascript_rules if "setItem" in r.pattern]:
            del slow.javascript_rules[rule]  # keeping a value is never answered ...
        slow.javascript_rules[re.compile(r'localStorage\.setItem\(("negsim-browser"), '
                                         r'("[^"]+")\)')] = \
            lambda m: slow.storage.__setitem__(json.loads(m[1]), json.loads(m[2])) or True
        await slow.open("/join")  # ... but its browser id (one seat a browser) is
        slow.find(marker="code").type(room.code.lower())
        slow.find(marker="name").type("Alice")
        slow.find(marker="find").click()
        await slow.should_see(marker="take-baku")
        slow.find(marker="take-baku").click()
        await slow.should_see("You play", retries=100)  # after BROWSER_WAIT at most
    simulate(srv, body, caplog)
