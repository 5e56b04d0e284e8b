"""Push, not poll (issue 24, item 4): a room tells the pages open on it of each change, and
a page that has gone is told no more (no dead client kept by a room)."""
from __future__ import annotations

import asyncio
import logging

import pytest

from sim.web.classroom.notify import Notifier

from .test_classroom_pages import join, ready_game, simulate


def test_every_subscriber_is_told_until_it_unsubscribes():
    notifier, told = Notifier(), []
    first = notifier.subscribe(lambda: told.append("first"))
    notifier.subscribe(lambda: told.append("second"))
    notifier.notify()
    assert told == ["first", "second"] and len(notifier) == 2
    first()
    first()  # twice is harmless
    notifier.notify()
    assert told == ["first", "second", "second"] and len(notifier) == 1


def test_a_subscriber_that_fails_is_dropped_and_the_others_are_still_told(caplog):
    notifier, told = Notifier(), []

    def broken() -> None:
        raise RuntimeError("a page went wrong")
    notifier.subscribe(broken)
    notifier.subscribe(lambda: told.append(1))
    with caplog.at_level(logging.ERROR):
        notifier.notify()
        notifier.notify()
    assert told == [1, 1] and len(notifier) == 1
    assert sum("told no more" in r.getMessage() for r in caplog.records) == 1


def test_one_that_unsubscribes_while_told_does_not_stop_the_others():
    notifier, told = Notifier(), []
    leave = notifier.subscribe(lambda: (told.append("leaving"), leave()))
    notifier.subscribe(lambda: told.append("staying"))
    notifier.notify()
    notifier.notify()
    assert told == ["leaving", "staying", "staying"]


def test_a_room_tells_its_subscribers_of_each_change(server):
    srv, _ = server
    room = ready_game(srv)
    told = []
    room.watchers.subscribe(lambda: told.append(room.version))
    room.start()
    assert told and told[-1] == room.version


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_page_that_has_gone_is_no_longer_told(server, caplog):
    """A seat page and the teacher's card follow the room; a tab that moves to another page,
    and a browser that is gone, leave no subscription behind."""
    srv, _ = server
    room = ready_game(srv)

    async def body(_, another) -> None:
        alice, bob = another(), another()
        await join(alice, room.code, "Alice", "baku")
        await join(bob, room.code, "Bob", "stepanakert")
        assert len(room.watchers) == 2  # one seat page each (the join page follows none)
        room.start()
        await alice.should_see(marker="decision", retries=20)
        alice.find(marker="nav-join").click()  # the same tab, another page: the seat
        await alice.should_see(marker="code")  # page's elements are gone
        assert len(room.watchers) == 1
        bob.client.delete()  # what NiceGUI does once a browser has been gone a while
        await asyncio.sleep(0)
        assert len(room.watchers) == 0
        room.changed()  # and telling nobody is fine
    simulate(srv, body, caplog)
