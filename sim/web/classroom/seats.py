"""A seat's token, and what a player may send: checked before it reaches a game.

Why tokens rather than accounts: a student opens the address, types a code and a name, and
plays; the seat's token (random, 144 bits) stays in that browser (localStorage) and brings
the seat back after a reload, a lost connection or a server restart. The server keeps only
a salted hash of it, on disk beside the transcript, and never prints or logs it.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from ...engine import Ask, Decision
from ...model.scenario import Scenario
from ..common.library import Refused

REASON_CHARS = 300
BROWSER_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


class GameRoom(Protocol):
    """What the teams ask of their game (`room.GameRoom`): its state and clock, who may
    play, its settings, the game, and the transcript they write to. A protocol rather than
    an import, so the room depends on its teams and not the other way round."""

    state: str
    playable: list[str]
    settings: Any
    game: Any
    scenario: Any
    tokens: Any
    clock: Callable[[], float]

    def write(self, entry: dict[str, Any]) -> dict[str, Any]: ...

    def answer(self, q: Any, decision: Any) -> None: ...


@dataclass(frozen=True)
class SeatToken:
    """One person's token: the seat it was handed out for, the person it names (`member`:
    a team holds a seat, each member with their own token) and a digest of the browser it
    went to (one browser, one seat of a game, unless the teacher allows more)."""

    actor: str
    salt: bytes
    digest: bytes
    member: str = ""
    client: str = ""

    @classmethod
    def new(cls, actor: str, member: str = "", client: str = "") -> tuple["SeatToken", str]:
        text = secrets.token_urlsafe(18)
        salt = secrets.token_bytes(16)
        return cls(actor, salt, hashlib.sha256(salt + text.encode()).digest(), member,
                   client), text

    def matches(self, text: str) -> bool:
        return hmac.compare_digest(hashlib.sha256(self.salt + text.encode()).digest(),
                                   self.digest)

    def to_json(self) -> dict[str, str]:
        return {"type": "token", "actor": self.actor, "member": self.member,
                "client": self.client, "salt": self.salt.hex(), "hash": self.digest.hex()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SeatToken":
        """A line of seats.jsonl; one written before teams names its seat's actor as its
        member (one person a seat then)."""
        return cls(str(data["actor"]), bytes.fromhex(data["salt"]), bytes.fromhex(data["hash"]),
                   str(data.get("member") or data["actor"]), str(data.get("client", "")))

    def __repr__(self) -> str:
        return f"SeatToken({self.actor}, {self.member}, <hidden>)"


def browser_digest(browser_id: object) -> str:
    """What the server keeps of a browser's id (random, made by the server, kept in that
    browser's localStorage): a digest, enough to tell one browser from another."""
    if not isinstance(browser_id, str) or not BROWSER_ID.fullmatch(browser_id):
        raise Refused("This browser did not say which it is (is its storage switched off?): "
                      "reload the page and try again.")
    return hashlib.sha256(b"negsim-browser:" + browser_id.encode()).hexdigest()[:32]


def clean_text(text: object, limit: int, what: str) -> str:
    """What a person typed: one stripped string without control characters, not empty, at
    most `limit` characters (shown as text wherever it appears, never as markup)."""
    if not isinstance(text, str):
        raise Refused(f"{what} must be text.")
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\n\t" else " "
                   for ch in text).strip()
    if not kept:
        raise Refused(f"{what} is empty.")
    if len(kept) > limit:
        raise Refused(f"{what} is too long: at most {limit} characters.")
    return kept


def check_format(scenario: Scenario, fmt: object) -> dict[str, str]:
    space = scenario.space
    if not isinstance(fmt, dict) or set(fmt) != set(space.dimensions) or any(
            fmt[d] not in space.values[d] for d in space.dimensions):
        raise Refused("Choose one value for each of " + ", ".join(space.dimensions) + ".")
    return {d: fmt[d] for d in space.dimensions}


def check_decision(scenario: Scenario, q: Ask, d: Decision) -> Decision:
    """A decision fit for the question: the right kind, a whole format, reasons that are
    the actor's own rules or the player's words (at least one when refusing)."""
    kinds = ("accept", "refuse", "counter") if q.kind == "answer" else ("propose", "pass")
    if d.kind not in kinds:
        raise Refused(f"Here you may: {', '.join(kinds)}.")
    reasons = tuple(clean_text(r, REASON_CHARS, "A reason") for r in d.reasons)
    if d.kind in ("refuse", "counter") and not reasons:
        raise Refused("Give at least one reason: tick one of your rules, or write your own "
                      "words.")
    fmt = check_format(scenario, d.format) if d.kind in ("counter", "propose") else None
    return Decision(d.kind, reasons if d.kind in ("refuse", "counter") else (), fmt)
