"""One replication of the talks: proposal and response cycles in simulated days.

Proposers wake on their own random schedule and send a format to every party it needs;
each party answers its inbox in order, after its response delay, with the verdict of the
one decision function (accept, or refuse with every reason, perhaps with a counter-
proposal). When all accept, a meeting is set a lead time ahead and held only if every
party still accepts on the day. The world (`world.py`) changes meanwhile; proposers learn
from refusals (`knowledge.py`); a seat (`seats.py`) may decide for an actor instead of the
model. No file I/O and no plotting here: a replication returns a compact `Record`.
"""
from __future__ import annotations

import random
from typing import Any, Iterator, Mapping

import simpy

from ..model.decision import Verdict, verdict
from .compiled import Compiled
from .knowledge import Knowledge
from .proposal import Proposal
from .record import Record
from .seating import Seating
from .seats import Ask, Seat
from .world import World, sample


class Talks:
    """The SimPy environment of one replication, its actors' processes and its world."""

    def __init__(self, compiled: Compiled, replication: int, seed: int, trace: bool = False,
                 seats: Mapping[str, Seat] | None = None):
        sc = compiled.scenario
        self.c, self.sc = compiled, sc
        self.rng = random.Random(f"{seed}:{replication}")
        self.env = simpy.Environment()
        self.stop = self.env.event()
        self.seats = dict(seats or {})
        self.record = Record(replication, trace=[] if trace or self.seats else None)
        self.world = World(self.env, compiled, self.rng, self.record, self.log)
        self.inbox = {a: simpy.Store(self.env) for a in sc.actors}
        self.knowledge = Knowledge(compiled)
        self.meetings_pending = 0
        self.open: set[int] = set()  # proposals still waiting for answers
        self.next_id = 0
        self.seating = Seating(self.env, compiled, self.world, self.record, self.seats,
                               self.choose)

    def log(self, kind: str, **data: Any) -> None:
        if self.record.trace is not None:
            self.record.trace.append({"day": round(self.env.now, 3), "type": kind, **data})

    def verdict(self, a: str, f: int) -> Verdict:
        w = self.world
        return verdict(self.sc.actors[a], list(self.c.hard(a, w.key, w.state, f)),
                       self.c.utility[a][f], w.reservation(a))

    def choose(self, a: str) -> int | None:
        w = self.world
        level = w.reservation(a) if a in self.c.can_be_party else None
        return self.knowledge.choose(a, w.key, w.state, level, self.env.now, self.rng)

    # --- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start every process; the environment then runs (`run`) or is stepped (`Game`)."""
        sc = self.sc
        self.world.start()
        for a, actor in sc.actors.items():
            self.env.process(self.responder(a))
            if actor.proposer is not None and sc.spec.actor_proposals:
                self.env.process(self.proposer(a))
        for k, scripted in enumerate(sc.spec.proposals):
            self.record.scripted[k] = {"outcome": "outside_horizon", "reasons": {}}
            self.env.process(self.script(k, scripted))
        self.env.process(self.horizon())

    def run(self) -> Record:
        self.start()
        self.env.run(until=self.stop)
        return self.finish()

    @property
    def waiting(self) -> list[Ask]:
        """Questions put to seats and not yet answered: while any is, the clock stands still."""
        return self.seating.waiting

    def finish(self) -> Record:
        self.record.unanswered = len(self.open)
        return self.record

    def horizon(self) -> Iterator[simpy.Event]:
        yield self.env.timeout(self.sc.spec.horizon_days)
        if not self.stop.triggered:
            self.stop.succeed()

    # --- processes -------------------------------------------------------------------------

    def proposer(self, a: str) -> Iterator[simpy.Event]:
        spec = self.sc.actors[a].proposer
        while True:
            yield self.env.timeout(sample(spec.interval, self.rng))
            if self.meetings_pending or not self.world.holds(spec.active_when):
                continue
            if a in self.seats:
                question = self.seating.ask_proposal(a)
                if not question.answered:
                    yield question.reply
                f = self.seating.proposed(question)
            else:
                f = self.choose(a)
            if f is not None:
                proposal = self.propose(a, f)
                yield proposal.done

    def script(self, k: int, scripted) -> Iterator[simpy.Event]:
        """Deliver a proposal the sources report, on its date (`proposals:` in a scenario)."""
        day = (scripted.date - self.sc.start).days
        if 0 <= day < self.sc.spec.horizon_days:
            yield self.env.timeout(day)
            self.record.scripted[k] = {"outcome": "unanswered", "reasons": {}}
            self.propose(scripted.proposer, self.c.format_index(scripted.format), scripted=k)

    def responder(self, a: str) -> Iterator[simpy.Event]:
        """The actor answers its inbox in order, each after its response delay."""
        while True:
            proposal = yield self.inbox[a].get()
            yield self.env.timeout(sample(self.sc.actors[a].response_delay, self.rng))
            v = self.verdict(a, proposal.format)
            counter = None
            if a in self.seats:
                question = self.seating.ask_answer(a, proposal, v)
                if not question.answered:
                    yield question.reply
                v, counter = self.seating.answered(question, proposal)
            self.answer(a, proposal, v, counter)

    # --- the proposal cycle ----------------------------------------------------------------

    def propose(self, a: str, f: int, counter_of: int | None = None,
                scripted: int | None = None) -> Proposal:
        parties = self.c.parties[f]
        proposal = Proposal(self.next_id, self.env.now, a, f, parties, self.env.event(),
                            counter_of=counter_of, scripted=scripted)
        self.next_id += 1
        self.record.proposals += 1
        self.open.add(proposal.id)
        self.log("proposal", id=proposal.id, proposer=a, format=self.c.formats[f],
                 counter_of=counter_of)
        if a in parties:
            own = self.verdict(a, f)
            if a in self.seats:  # a player stands by their own proposal
                own = Verdict(a, True, own.utility, own.reservation)
            proposal.answers[a] = own
        for party in parties:
            if party != a:
                self.record.messages += 1
                self.inbox[party].put(proposal)
        if len(proposal.answers) == len(parties):
            self.resolve(proposal)
        return proposal

    def answer(self, a: str, proposal: Proposal, v: Verdict, counter: int | None) -> None:
        self.record.messages += 1
        proposal.answers[a] = v
        self.log("answer", id=proposal.id, actor=a, accept=v.accept, reasons=v.reason_ids)
        if not v.accept:
            self.refused(a, proposal, v)
        if counter is not None:
            proposal.countered = True
            self.propose(a, counter, counter_of=proposal.id)
        if len(proposal.answers) == len(proposal.parties):
            self.resolve(proposal)

    def refused(self, a: str, proposal: Proposal, v: Verdict) -> None:
        self.record.refusals.update((a, r.id) for r in v.reasons)
        self.knowledge.learn(proposal.proposer, v, proposal.format, self.world.key,
                             self.env.now)
        self.world.react("refused", a, self.c.formats[proposal.format])
        if (self.sc.spec.actor_proposals and a not in self.seats
                and self.rng.random() < self.sc.actors[a].counter_probability):
            f = self.choose(a)
            if f is not None and f != proposal.format:
                proposal.countered = True
                self.propose(a, f, counter_of=proposal.id)

    def resolve(self, proposal: Proposal) -> None:
        self.open.discard(proposal.id)
        if all(v.accept for v in proposal.answers.values()):
            proposal.outcome = "accepted"
            self.record.accepted += 1
            self.env.process(self.meeting(proposal))
        elif proposal.countered:
            proposal.outcome = "countered"
            self.record.countered += 1
        else:
            proposal.outcome = "refused"
            self.record.refused += 1
        self.log("resolved", id=proposal.id, outcome=proposal.outcome)
        if proposal.scripted is not None:
            self.record.scripted[proposal.scripted] = {
                "outcome": "accepted" if proposal.outcome == "accepted" else "refused",
                "reasons": {a: v.reason_ids for a, v in proposal.answers.items()
                            if not v.accept}}
        proposal.done.succeed()

    def meeting(self, proposal: Proposal) -> Iterator[simpy.Event]:
        self.meetings_pending += 1
        lead = sample(self.sc.spec.lead_time, self.rng)
        fmt = self.c.formats[proposal.format]
        self.log("meeting_scheduled", id=proposal.id, format=fmt,
                 on_day=round(self.env.now + lead, 3))
        yield self.env.timeout(lead)
        self.meetings_pending -= 1
        # A player's acceptance stands on the day; the modelled actors look again.
        verdicts = [self.verdict(a, proposal.format) for a in proposal.parties
                    if a not in self.seats]
        if all(v.accept for v in verdicts):
            self.held(proposal, fmt)
        else:
            self.cancelled(proposal, fmt, {v.actor: v.reason_ids for v in verdicts
                                           if not v.accept})

    def held(self, proposal: Proposal, fmt: dict[str, str]) -> None:
        self.record.meetings_held += 1
        self.log("meeting_held", id=proposal.id, format=fmt)
        if not self.record.met:
            self.record.met = True
            self.record.first_day = self.env.now
            self.record.first_format = dict(fmt)
        if proposal.scripted is not None:
            self.record.scripted[proposal.scripted] = {"outcome": "held", "reasons": {}}
        self.world.react("held", None, fmt)
        if self.sc.spec.stop_at_first_meeting and not self.stop.triggered:
            self.stop.succeed()

    def cancelled(self, proposal: Proposal, fmt: dict[str, str],
                  reasons: dict[str, list[str]]) -> None:
        self.record.cancellations += 1
        self.record.cancel_reasons.update((a, r) for a, ids in reasons.items() for r in ids)
        self.log("meeting_cancelled", id=proposal.id, format=fmt, reasons=reasons)
        if proposal.scripted is not None:
            self.record.scripted[proposal.scripted] = {"outcome": "cancelled",
                                                       "reasons": reasons}
        self.world.react("cancelled", None, fmt)

def replicate(compiled: Compiled, replication: int, seed: int, trace: bool = False,
              seats: Mapping[str, Seat] | None = None) -> Record:
    """Run replication `replication` of a scenario: all its randomness comes from
    (seed, replication), so it gives the same record in any process, in any order."""
    return Talks(compiled, replication, seed, trace, seats).run()
