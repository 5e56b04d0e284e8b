"""What a seat's page says when the game changes under an open question (issue 24): an
inject asks it again of the new world (wrong result 5), and a deadline that runs out on the
on-demand pace says that the model answered and that the clock waits (wrong result 8)."""
from __future__ import annotations

import pytest

from sim.web.classroom.classroom import ClassCaps, Classroom
from sim.web.classroom.notices import clock_waits, timed_out
from sim.web.classroom.room import Settings

from .test_classroom_pages import join, ready_game, simulate


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock() -> Clock:
    return Clock()


def demand_game(library, tmp_path, clock):
    classroom = Classroom(tmp_path / "classroom", library, ClassCaps(3, 4), clock)
    session = classroom.new_session("class")
    room = classroom.new_game(session.sid, "march-2023.yaml", 1,
                              Settings("demand", 10.0, True))
    tokens = {a: room.take(a, n) for a, n in (("baku", "Alice"), ("stepanakert", "Bob"))}
    room.start()
    room.advance_now()
    return room, tokens


def test_on_demand_a_passed_deadline_says_the_model_answered_and_the_clock_waits(
        library, tmp_path, clock):
    room, _ = demand_game(library, tmp_path, clock)
    (actor, _, _), = room.waiting_on()
    q = room.question(actor)
    assert timed_out(room, actor) is None and clock_waits(room) is None
    clock.now = 11
    room.tick()
    assert q.answered and room.question(actor) is None  # gone from the page ...
    said = timed_out(room, actor)  # ... and said at once, before any Advance
    assert said.startswith("Time ran out: the model answered for you: ")
    verb = {"accept": "accepted", "refuse": "refused", "propose": "proposed",
            "pass": "passed"}[q.modelled.kind]
    assert verb in said
    assert "Advance" in clock_waits(room)
    room.advance_now()
    if room.question(actor) is not None:  # its next question: the notice has done its work
        assert timed_out(room, actor) is None


def test_the_seat_page_says_the_deadline_passed_and_the_clock_waits(server, caplog):
    srv, _ = server
    room = ready_game(srv, Settings("demand", None, True), seed=1)

    async def body(_, another) -> None:
        alice, bob = another(), another()
        await join(alice, room.code, "Alice", "baku")
        await join(bob, room.code, "Bob", "stepanakert")
        room.start()
        room.advance_now()
        (actor, _, _), = room.waiting_on()
        page = alice if actor == "baku" else bob
        await page.should_see(marker="decision", retries=20)
        q = room.question(actor)
        room.answer(q, q.fallback())  # what the deadline's tick does
        await page.should_see("Time ran out: the model answered for you", retries=20)
        await page.should_see("The clock waits for the teacher to press Advance")
    simulate(srv, body, caplog)


def test_an_inject_redraws_the_open_questions_hint_on_the_seat_page(server, caplog):
    """Seed 0, Stepanakert alone: its first question is a meeting the model accepts; after
    'offensive under way' the hint must read as a refusal, not 'no rule against it'."""
    srv, _ = server
    room = ready_game(srv, Settings("fast", None, True), seed=0)

    async def body(_, another) -> None:
        bob = another()
        await join(bob, room.code, "Bob", "stepanakert")
        room.start()
        await bob.should_see("The modelled Stepanakert would accept (no rule against it)",
                             retries=20)
        room.inject({"security": "offensive"}, "offensive under way", None)
        await bob.should_see("The modelled Stepanakert would refuse", retries=20)
        await bob.should_not_see("no rule against it")
    simulate(srv, body, caplog)
