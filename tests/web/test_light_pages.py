"""What keeps the server light while a class plays (each object it holds is one more for
the garbage collector to walk while every student waits): a seat page writes its status
in place, a closed role sheet has no lines until opened, and what the server loaded at
start is frozen out of every collection."""
from __future__ import annotations

import gc

from sim.web.app import FULL_AFTER, freeze_what_is_loaded
from sim.web.classroom.room import Settings

from .test_classroom_pages import join, ready_game, simulate


def test_the_status_card_is_written_in_place_with_the_rooms_version(server, caplog):
    srv, _ = server
    room = ready_game(srv, Settings("fast", None, True))

    async def body(_, another) -> None:
        alice = another()
        await join(alice, room.code, "Alice", "baku")
        room.start()
        await alice.should_see(marker="decision", retries=20)
        card, = alice.find(marker="status").elements
        room.set("paused", True)
        await alice.should_see("The game is paused by the teacher", retries=20)
        again, = alice.find(marker="status").elements
        assert again is card  # the same card, its lines written anew
        assert card.props["data-version"] == str(room.version)
    simulate(srv, body, caplog)


def test_a_closed_role_sheet_makes_its_lines_when_opened(server, caplog):
    srv, _ = server
    room = ready_game(srv, Settings("fast", None, True))

    async def body(_, another) -> None:
        alice = another()
        await join(alice, room.code, "Alice", "baku")
        await alice.should_see("Your private rules")  # preparing: the sheet is open
        room.start()
        await alice.open(f"/play/{room.code}")  # a page opened while the game runs
        await alice.should_see(marker="decision", retries=20)
        await alice.should_see("Your role sheet: Baku")
        sheet, = alice.find(marker="role-sheet").elements
        assert not sheet.value and not list(sheet)  # closed, and nothing in it
        sheet.set_value(True)
        await alice.should_see("Your private rules")
        assert list(sheet)
    simulate(srv, body, caplog)


def test_what_the_server_loaded_is_frozen_and_full_collections_come_rarer():
    was = gc.get_threshold()
    try:
        freeze_what_is_loaded()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (was[0], was[1], FULL_AFTER)
    finally:
        gc.unfreeze()
        gc.set_threshold(*was)
