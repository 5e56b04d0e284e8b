"""Safe by default: the token is random and kept hashed; wrong guesses are limited; the
guard refuses other hosts, other sites' origins and oversized uploads; teacher actions
need the token."""
from __future__ import annotations

import asyncio

import httpx
import pytest

from sim.web.common.library import Refused
from sim.web.common.security import Attempts, SameOriginGuard, TeacherToken, allowed_hosts, hostname
from sim.web.pages.session import Session

from .test_library import GOOD


def test_the_token_is_random_and_only_its_hash_is_kept():
    token, text = TeacherToken.new()
    other, other_text = TeacherToken.new()
    assert text != other_text and len(text.replace("-", "")) == 16
    assert token.matches(text) and token.matches(text.lower().replace("-", " "))
    assert not token.matches(other_text) and not token.matches("")
    kept = repr(token) + repr(vars(token))
    assert text not in kept and text.replace("-", "") not in kept


def test_wrong_guesses_are_limited_per_window():
    now = [0.0]
    attempts = Attempts(3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert not attempts.blocked()
        attempts.fail()
    assert attempts.blocked()
    now[0] = 61
    assert not attempts.blocked()


def test_teacher_actions_need_the_token(server):
    srv, text = server
    session = Session(srv)
    with pytest.raises(Refused, match="teacher action"):
        session.upload("x.yaml", GOOD)
    assert "x.yaml" not in srv.library.entries
    assert session.unlock("AAAA-BBBB-CCCC-DDDD")[0] is False and not session.teacher
    ok, said = session.unlock(text)
    assert ok and session.teacher and text not in said
    session.upload("x.yaml", GOOD)
    session.lock()
    with pytest.raises(Refused, match="teacher action"):
        session.remove("x.yaml")
    session.unlock(text)
    session.remove("x.yaml")


def test_a_tab_that_guesses_too_often_must_wait_even_with_the_right_token(server):
    srv, text = server
    session = Session(srv)
    for _ in range(5):
        session.unlock("WRONG")
    ok, said = session.unlock(text)
    assert not ok and "wait a minute" in said


def test_other_clients_wrong_tokens_never_lock_the_teacher_out(server):
    """Issue 24, fault 3: four tabs of other machines, five wrong tokens each, then the
    teacher's own machine types the right token and is let in."""
    srv, text = server
    for k in range(4):
        guesser = Session(srv, client=f"10.0.0.{10 + k}")
        for _ in range(5):
            assert not guesser.unlock("WRONG")[0]
        assert "wait a minute" in guesser.unlock(text)[1]  # the guesser itself must wait
    teacher = Session(srv, client="10.0.0.2")
    ok, said = teacher.unlock(text)
    assert ok and teacher.teacher, said


def test_a_machine_cannot_guess_tokens_faster_by_opening_tabs(server):
    srv, text = server
    for _ in range(3):
        tab = Session(srv, client="10.0.0.7")
        for _ in range(4):
            tab.unlock("WRONG")
    ok, said = Session(srv, client="10.0.0.7").unlock(text)
    assert not ok and "wait a minute" in said


def test_hosts_are_compared_without_port_and_localhost_is_always_allowed():
    assert hostname("127.0.0.1:8080") == "127.0.0.1" and hostname("[::1]:80") == "::1"
    assert allowed_hosts("127.0.0.1") == {"localhost", "127.0.0.1", "::1"}
    assert "class.example.org" in allowed_hosts("127.0.0.1", ["Class.example.org"])
    assert len(allowed_hosts("0.0.0.0")) > 3


async def _inner(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def request(method: str = "GET", host: str = "127.0.0.1:8080", size: int = 0,
            **headers) -> httpx.Response:
    guard = SameOriginGuard(_inner, {"127.0.0.1", "localhost"}, max_body=1000)

    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(guard),
                                     base_url="http://x") as client:
            return await client.request(method, "/_nicegui_ws/socket.io/",
                                        headers={"host": host, **headers},
                                        content=b"x" * size if method == "POST" else None)
    return asyncio.run(go())


def test_the_guard_refuses_other_hosts_other_origins_and_big_bodies():
    assert request().status_code == 200
    assert request(origin="http://127.0.0.1:8080").status_code == 200
    assert request(host="evil.example:8080").status_code == 400
    assert request(origin="http://evil.example").status_code == 403
    assert request(origin="http://127.0.0.1:9999").status_code == 403
    assert request("POST", size=10).status_code == 200
    assert request("POST", size=5000).status_code == 413


def test_a_tab_exploring_a_removed_upload_falls_back_to_the_default(server):
    srv, text = server
    teacher, student = Session(srv), Session(srv)
    teacher.unlock(text)
    teacher.upload("class.yaml", GOOD)
    student.choose("class.yaml")
    assert student.explorer.base.state["blockade"] is False
    teacher.remove("class.yaml")
    assert student.entry.name == srv.library.default()
    assert student.explorer.base is srv.library.entries[srv.library.default()].scenario
