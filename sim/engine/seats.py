"""Seats: who answers and proposes for one actor in one replication.

The model (each actor's cited rules, through `evaluate`) holds every seat unless a seat
object is given for it: a person at a terminal (`negsim play`), a browser in the classroom,
or a script (an answers file, a transcript being replayed). The engine puts each question
to the seat as an `Ask` and waits, in simulated time, on `ask.reply`. A seat that knows
its answer at once (a script, a terminal) answers before `ask()` returns; one that needs a
person's minutes answers later (`PersonSeat`), and whoever drives the replication (`Game`)
keeps the clock still until it does. `ask.modelled` is what the model would do: the hint a
player may see, the answer a missed deadline falls back on (`ask.fallback()`), and the
comparison the debrief makes.

Same scenario, seed, decisions and injects: the same game, so a game replays from its
transcript (`Game.actions`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Literal, Protocol

import simpy

from ..model.conditions import Scalar
from ..model.decision import Verdict

Kind = Literal["accept", "refuse", "counter", "propose", "pass"]


class GameOver(Exception):
    """A seat ends the game: the person quit, or a script ran out of decisions."""


@dataclass(frozen=True)
class Moment:
    """What a seat is shown with a question: the day, the world, what happened since."""

    day: float
    date: str
    state: dict[str, Scalar]
    since: list[dict[str, Any]]


@dataclass(frozen=True)
class Decision:
    """An answer (accept; refuse with reasons: rule ids or own words; counter with a
    format) or a turn to propose (propose a format, or pass)."""

    kind: Kind
    reasons: tuple[str, ...] = ()
    format: dict[str, str] | None = None
    by_model: bool = False  # the model decided for the seat (a deadline, or nobody there)


@dataclass
class Ask:
    """One question to a seat; answer it with `ask.answer(decision)`, once."""

    kind: Literal["answer", "propose"]
    actor: str
    moment: Moment
    reply: simpy.Event
    modelled: Decision
    proposer: str | None = None            # answers: who proposed
    format: dict[str, str] | None = None   # answers: the format proposed
    verdict: Verdict | None = None         # answers: the model's verdict, with its reasons
    number: int = -1                       # the game's n-th question (0, 1, ...)
    proposal: int | None = None            # answers: the proposal's id in the trace

    @property
    def answered(self) -> bool:
        return self.reply.triggered

    def answer(self, decision: Decision) -> None:
        self.reply.succeed(decision)

    def fallback(self) -> Decision:
        """The model's decision, marked as taken for the seat (a missed deadline)."""
        m = self.modelled
        return Decision(m.kind, m.reasons, m.format, by_model=True)


class Seat(Protocol):
    """Whoever decides for `actor`: answers each `Ask`, now or later."""

    actor: str

    def ask(self, question: Ask) -> None: ...


class PersonSeat:
    """A person's seat: each question waits, the clock standing still, until whoever
    drives the game (a terminal loop, the classroom server) answers it through
    `Game.answer`, which also records the decision for the replay."""

    def __init__(self, actor: str):
        self.actor = actor

    def ask(self, question: Ask) -> None:
        pass


class ModelSeat:
    """The model as a seat object: for a seat a person has left, or a missed deadline."""

    def __init__(self, actor: str):
        self.actor = actor

    def ask(self, question: Ask) -> None:
        question.answer(question.modelled)


class ScriptedSeat:
    """Replays recorded decisions in order; when they run out the game ends, as it did."""

    def __init__(self, actor: str, decisions: Iterable[Decision]):
        self.actor = actor
        self.decisions = iter(decisions)

    def ask(self, question: Ask) -> None:
        decision = next(self.decisions, None)
        if decision is None:
            raise GameOver(f"no more recorded decisions for {self.actor}")
        question.answer(decision)
