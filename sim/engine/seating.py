"""The engine's side of the seat interface: questions out, decisions in.

Turns a proposal that reached a seated actor, or its turn to propose, into an `Ask` with
the model's own decision beside it; turns the seat's `Decision` back into the verdict or
the format the proposal cycle works with, and logs both for the debrief. Each seat sees
the game through its actor's `View`: what that actor would know, not the whole trace.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Mapping

import simpy

from ..model.decision import BELOW_RESERVATION, Reason, Verdict, rule_kind
from .compiled import Compiled
from .proposal import Proposal
from .record import Record
from .seats import Ask, Decision, Moment, Seat
from .view import View
from .world import World


class Seating:
    """The seats of one replication and the questions they have not answered yet."""

    def __init__(self, env: simpy.Environment, compiled: Compiled, world: World,
                 record: Record, seats: Mapping[str, Seat],
                 choose: Callable[[str], int | None]):
        self.env, self.c, self.sc, self.world = env, compiled, compiled.scenario, world
        self.record, self.seats, self.choose = record, seats, choose
        self.asked: list[Ask] = []
        self.views = {a: View(self.sc, a) for a in seats}
        self.truth: dict[int, dict] = {}  # question number -> the world's state when asked

    def moment(self, a: str) -> Moment:
        """The date, the world as `a` knows it, and what `a` has learned since last asked."""
        since = self.views[a].new(self.record.trace)
        date = self.sc.start + dt.timedelta(days=int(self.env.now))
        return Moment(self.env.now, date.isoformat(), dict(self.views[a].state), since)

    @property
    def waiting(self) -> list[Ask]:
        """Questions put to seats and not answered yet."""
        self.asked = [q for q in self.asked if not q.answered]
        return self.asked

    def put(self, question: Ask) -> Ask:
        """Put a question to its seat; it is answered now or while the clock stands still."""
        question.number = len(self.truth)
        self.truth[question.number] = dict(self.world.state)
        self.asked.append(question)
        try:
            self.seats[question.actor].ask(question)
        except BaseException:  # the seat ended the game (GameOver, Ctrl-C): not waiting
            self.asked.remove(question)
            raise
        return question

    def ask_answer(self, a: str, proposal: Proposal, modelled: Verdict) -> Ask:
        fmt = dict(self.c.formats[proposal.format])
        hint = (Decision("accept") if modelled.accept
                else Decision("refuse", tuple(modelled.reason_ids)))
        return self.put(Ask("answer", a, self.moment(a), self.env.event(), hint,
                            proposal.proposer, fmt, modelled, proposal=proposal.id))

    def answered(self, question: Ask, proposal: Proposal) -> tuple[Verdict, int | None]:
        """The seat's answer as a Verdict (its reasons kept), and a counter-format."""
        a, modelled = question.actor, question.verdict
        decision: Decision = question.reply.value
        actor = self.sc.actors[a]
        reasons = []
        for text in decision.reasons:
            rule = actor.rule(text)
            if rule is not None:
                reasons.append(Reason(a, rule_kind(rule), rule.id, rule.says, rule.public))
            elif text == BELOW_RESERVATION:  # the model's own reason, given back for a seat
                reasons.append(Reason(a, "utility", text, "below its reservation level"))
            else:
                reasons.append(Reason(a, "stated", "own_words", text))
        accept = decision.kind == "accept"
        if not accept and not reasons:
            reasons.append(Reason(a, "stated", "no_reason_given", "no reason given"))
        counter = None
        if decision.kind == "counter" and decision.format:
            counter = self.c.format_index(decision.format)
        self.record.seat_log.append({
            "kind": "answer", "ask": question.number, "actor": a,
            "day": round(self.env.now, 3), "date": question.moment.date,
            "state": self.truth[question.number], "known": question.moment.state,
            "proposal": proposal.id, "proposer": proposal.proposer,
            "proposed_on": (self.sc.start + dt.timedelta(days=int(proposal.day))).isoformat(),
            "format": question.format, "decision": decision.kind,
            "reasons": [r.id if r.kind != "stated" else r.says for r in reasons],
            "counter": decision.format, "counter_id": None, "by_model": decision.by_model,
            "modelled": {"accept": modelled.accept, "reasons": modelled.reason_ids,
                         "utility": round(modelled.utility, 3),
                         "reservation": round(modelled.reservation, 3)}})
        v = Verdict(a, accept, modelled.utility, modelled.reservation,
                    () if accept else tuple(reasons))
        return v, counter

    def ask_proposal(self, a: str) -> Ask:
        modelled = self.choose(a)
        hint = (Decision("pass") if modelled is None
                else Decision("propose", format=dict(self.c.formats[modelled])))
        return self.put(Ask("propose", a, self.moment(a), self.env.event(), hint))

    def proposed(self, question: Ask) -> int | None:
        """The seat's turn to propose, answered (None: it passes)."""
        decision: Decision = question.reply.value
        fmt = decision.format if decision.kind == "propose" else None
        self.record.seat_log.append({
            "kind": "proposal", "ask": question.number, "actor": question.actor,
            "day": round(self.env.now, 3), "date": question.moment.date,
            "state": self.truth[question.number], "known": question.moment.state,
            "format": fmt, "proposal": None, "by_model": decision.by_model,
            "modelled": {"format": question.modelled.format}})
        return None if fmt is None else self.c.format_index(fmt)
