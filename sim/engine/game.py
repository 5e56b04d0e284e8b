"""A game: one replication with person seats, run step by step, and replayed exactly.

A person may take minutes to decide; simulated time must not run on meanwhile. `Game`
steps the SimPy environment until a seat has a question waiting (or the horizon, or a
pace limit), then hands control back to whoever drives it: the terminal loop of
`negsim play`, or the classroom server between two clicks.

Why `actions`: everything people do to a game (answer a question, a teacher's inject, an
early end) goes through `answer`, `inject` and `end`, which note it with the number of
SimPy steps taken before it. `replay` takes the same steps and does the same things at the
same points, so the same scenario, seed, decisions and injects give the same game, in
the browser, after a restart, or from the command line.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Mapping

from ..model.conditions import Scalar
from .compiled import Compiled
from .record import Record
from .seats import Ask, Decision, PersonSeat, Seat
from .talks import Talks
from .view import View


class ReplayError(Exception):
    """A transcript that does not fit the game it names (another scenario, seed or
    version of the model): its decisions no longer meet the same questions."""


class Game:
    def __init__(self, compiled: Compiled, seed: int, seats: Mapping[str, Seat],
                 replication: int = 0):
        self.talks = Talks(compiled, replication, seed, trace=True, seats=seats)
        self.talks.start()
        self.steps = 0        # SimPy steps taken: where each action happened
        self.clock = 0.0      # the simulated day the game has been run to (>= now)
        self.ended = False    # ended early (a teacher, a person quitting)
        self.actions: list[dict[str, Any]] = []

    @property
    def record(self) -> Record:
        return self.talks.record

    @property
    def now(self) -> float:
        return self.talks.env.now

    @property
    def horizon(self) -> float:
        return float(self.talks.sc.spec.horizon_days)

    @property
    def over(self) -> bool:
        return self.ended or self.talks.stop.processed

    @property
    def waiting(self) -> list[Ask]:
        return [] if self.ended else self.talks.waiting

    def view(self, actor: str) -> View:
        """What `actor`'s seat knows of the game so far (the whole trace read)."""
        view = self.talks.seating.views[actor]
        view.new(self.record.trace)
        return view

    def advance(self, until: float | None = None) -> list[Ask]:
        """Run until a seat must decide, the game ends, or simulated day `until`; return the
        questions waiting. A seat that answers at once (a script) never stops the clock,
        so for it this runs the whole game."""
        env = self.talks.env
        while not self.over and not self.waiting:
            if until is not None and env.peek() > until:
                self.clock = max(self.clock, min(until, self.horizon))
                break
            env.step()
            self.steps += 1
        else:
            self.clock = max(self.clock, env.now)
        if self.over:
            self.talks.finish()
        return self.waiting

    def _note(self, do: str, **data: Any) -> None:
        self.actions.append({"do": do, "step": self.steps, **data})

    def answer(self, question: Ask, decision: Decision) -> None:
        """A person's (or, past a deadline, the model's) decision for a waiting question."""
        if question.answered or all(q is not question for q in self.waiting):
            raise ValueError(f"question {question.number} is not waiting for an answer")
        self._note("answer", ask=question.number, actor=question.actor,
                   question={"kind": question.kind, "day": self.now,
                             "format": question.format},
                   decision=dataclasses.asdict(decision))
        question.answer(decision)

    def inject(self, changes: dict[str, Scalar], cause: str,
               to: Iterable[str] | None = None) -> None:
        """Change the world now (a teacher's inject), as an event would; `to`: the seats
        told of it (None: everyone). The clock first moves to the day the pace has reached,
        so the change is dated where the players are."""
        to = None if to is None else sorted(to)
        if self.over:
            raise ValueError("the game is over")
        self._note("inject", day=self.clock, set=dict(changes), cause=cause, to=to)
        self._move_clock(self.clock)
        version = self.talks.world.version
        self.talks.world.set(dict(changes), cause, to)
        if self.talks.world.version != version:
            for question in self.waiting:
                self._ask_again(question)

    def _ask_again(self, q: Ask) -> None:
        """An open question asked again of the world the inject made: the person answers
        in that world, so the model's verdict (the hint, the answer a missed deadline falls
        back on), the state the debrief scores the answer against, and the world the seat
        is shown (what it was told of) must be that world's, not the one before. Only an
        inject can change the world while a question waits (the clock stands still), and
        a replay redoes it at the same step, so the game stays exact."""
        talks, seating = self.talks, self.talks.seating
        if q.kind == "answer":
            q.verdict = v = talks.verdict(q.actor, talks.c.format_index(q.format))
            q.modelled = (Decision("accept") if v.accept
                          else Decision("refuse", tuple(v.reason_ids)))
        else:
            f = talks.choose(q.actor)
            q.modelled = (Decision("pass") if f is None
                          else Decision("propose", format=dict(talks.c.formats[f])))
        seating.truth[q.number] = dict(talks.world.state)
        view = seating.views[q.actor]
        told = view.new(self.record.trace)
        q.moment = dataclasses.replace(q.moment, state=dict(view.state),
                                       since=[*q.moment.since, *told])

    def end(self) -> None:
        """End the game here (a teacher's decision, a person quitting)."""
        if not self.over:
            self._note("end", day=self.clock)  # the day it was ended, for a replay
            self.ended = True
            self.talks.finish()

    def _move_clock(self, day: float) -> None:
        env = self.talks.env
        if day > env.now and env.peek() > day:
            env.run(until=day)

    # --- replay -----------------------------------------------------------------------
    def run_to(self, step: int) -> None:
        """Take SimPy steps until `step` have been taken (a replay's way forward)."""
        env = self.talks.env
        while self.steps < step:
            if self.talks.stop.processed:
                raise ReplayError(f"the game ended after {self.steps} steps; the transcript "
                                  f"goes on to step {step}")
            env.step()
            self.steps += 1

    def _same(self, question: Ask | None, action: Mapping[str, Any]) -> bool:
        """Whether a waiting question is the one the action answered (same seat, kind,
        day and format): a transcript of another game fails here, not later."""
        if question is None or question.actor != action["actor"]:
            return False
        asked = action.get("question")
        return asked is None or (asked["kind"], asked["day"], asked["format"]) == (
            question.kind, self.now, question.format)

    def redo(self, action: Mapping[str, Any]) -> None:
        """Do one recorded action again, at its step."""
        self.run_to(int(action["step"]))
        do = action["do"]
        if do == "answer":
            question = next((q for q in self.waiting if q.number == action["ask"]), None)
            if not self._same(question, action):
                raise ReplayError(f"at step {action['step']} the question {action['ask']} "
                                  f"to {action['actor']} is not the one recorded")
            self.answer(question, decision_from(action["decision"]))
        elif do == "inject":
            self.clock = max(self.clock, float(action["day"]))
            self.inject(action["set"], action["cause"], action.get("to"))
        elif do == "end":
            self.clock = max(self.clock, float(action.get("day", 0.0)))
            self.end()
        else:
            raise ReplayError(f"unknown action {do!r}")


def decision_from(data: Mapping[str, Any]) -> Decision:
    """A Decision from its recorded form (a transcript line is JSON)."""
    fmt = data.get("format")
    return Decision(data["kind"], tuple(data.get("reasons") or ()),
                    None if fmt is None else dict(fmt), bool(data.get("by_model", False)))


def replay(compiled: Compiled, seed: int, seats: Iterable[str],
           actions: Iterable[Mapping[str, Any]], replication: int = 0) -> Game:
    """The game the actions were taken in, taken again: person seats for `seats`, every
    action redone at its step. The game then stands where the last action left it (call
    `advance` to go on)."""
    game = Game(compiled, seed, {a: PersonSeat(a) for a in seats}, replication)
    for action in actions:
        game.redo(action)
    return game
