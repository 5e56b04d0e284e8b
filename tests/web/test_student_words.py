"""A student's pages in a student's words (issue 24, item 5): only the student links in the
header, the role sheet without internal role names and with verbs that agree, refusal
reasons by their sentences with the rule's id on hover. NiceGUI's simulated users."""
from __future__ import annotations

from nicegui.testing import User

from sim.web.classroom.room import Settings

from .test_classroom_pages import join, ready_game, simulate, unlock

TEACHERS = ("nav-teacher", "nav-classroom", "nav-explorer", "nav-sources")


async def sees_links(user: User, markers, shown: bool) -> None:
    for marker in markers:
        if shown:
            await user.should_see(marker=marker)
        else:
            await user.should_not_see(marker=marker)


def test_a_student_sees_only_the_student_links_and_the_teacher_keeps_theirs(server, caplog):
    srv, token = server
    room = ready_game(srv, Settings("fast", None, True), seed=0)

    async def body(teacher: User, another) -> None:
        student = another()
        await student.open("/join")
        await student.should_see(marker="nav-join")
        await sees_links(student, TEACHERS, False)
        await join(student, room.code, "Bob", "stepanakert")  # on to /play/CODE
        await sees_links(student, TEACHERS, False)
        await unlock(teacher, token)  # /teacher
        await sees_links(teacher, TEACHERS, True)
        teacher.find(marker="nav-join").click()  # the same tab on a student's page ...
        await sees_links(teacher, ("nav-teacher",), False)
        await teacher.open("/classroom")  # ... and back on the teacher's
        await sees_links(teacher, TEACHERS, True)
    simulate(srv, body, caplog)


def test_the_seat_page_says_rules_and_roles_in_words_with_the_id_on_hover(server, caplog):
    srv, _ = server
    room = ready_game(srv, Settings("fast", None, True), seed=0)

    async def body(_, another) -> None:
        bob = another()
        await join(bob, room.code, "Bob", "stepanakert")
        await bob.should_see("Your role sheet: Stepanakert (a party to the talks; hosts a "
                             "venue)")
        await bob.should_see("Russian peacekeepers have said in public:")
        await bob.should_see("Baku has said in public:")
        await bob.should_not_see("principal")
        room.start()  # seed 0: a meeting at Khojaly the model accepts, until an offensive
        await bob.should_see(marker="decision", retries=20)
        room.inject({"security": "offensive"}, "offensive under way", None)
        await bob.should_see("The modelled Stepanakert would refuse", retries=20)
        hint, = bob.find(marker="hint-verdict").elements
        assert hint.props["title"] == "Rule: no_contacts_during_offensive"
    simulate(srv, body, caplog)
