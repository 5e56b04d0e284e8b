"""One replication of the talks: proposal and response cycles in simulated days.

Proposers wake on their own random schedule and send a format to every party it needs;
each party answers at its desk after its response delay, with the one decision function's
verdict. When all accept, a meeting is set a lead time ahead and held only if every party
still accepts on the day. The world (`world.py`) changes meanwhile; proposers learn from
refusals (`knowledge.py`); a seat may decide for an actor instead of the model. No file
I/O and no plotting here: a replication returns a compact `Record`.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

import simpy

from ..model.decision import Verdict
from .compiled import Compiled
from .decisions import Decisions
from .desk import Desk
from .knowledge import Knowledge
from .meetings import Meetings
from .proposal import Proposal
from .idle import Idle
from .proposer import Proposer
from .randomness import Streams
from .record import Record
from .seating import Seating
from .seats import Ask, Seat
from .world import World


BY_MODEL = {False: {}, True: {"by_model": True}}  # in a trace entry only when it is so


class Talks(Decisions, Meetings):
    """The SimPy environment of one replication, its actors' processes and its world."""

    def __init__(self, compiled: Compiled, replication: int, seed: int, trace: bool = False,
                 seats: Mapping[str, Seat] | None = None):
        sc = compiled.scenario
        self.c, self.sc = compiled, sc
        self.streams = Streams(seed, replication, compiled.purpose_keys)
        self.env = simpy.Environment()
        self.stop = self.env.event()
        self.seats = dict(seats or {})
        self.record = Record(replication, trace=[] if trace or self.seats else None)
        self.tracing = self.record.trace is not None  # no trace (common): no log entries
        self.world = World(self.env, compiled, self.streams, self.record,
                           self.log if self.tracing else None)
        self.knowledge = Knowledge(compiled)
        self.desks: dict[str, Desk] = {}  # made when an actor first receives a proposal
        self.meetings_pending = 0
        self.agreed: dict[int, Proposal] = {}  # meetings agreed, their day still to come
        self.joined: dict[int, list[Proposal]] = {}  # later agreements on the same meeting
        self.world.on_cancel = self.cancel_meetings
        self.world.on_change = self.rouse
        self.open: set[int] = set()  # proposals still waiting for answers
        self.idle = Idle(self.world, self.knowledge, compiled.can_be_party, compiled.moving)
        self.sleepers: dict[str, Proposer] = {}  # model proposers that may sleep while idle
        self.next_id = 0
        self.seating = Seating(self.env, compiled, self.world, self.record, self.seats,
                               self.choose) if self.seats else None

    def log(self, kind: str, **data: Any) -> None:
        self.record.trace.append({"day": round(self.env.now, 3), "type": kind, **data})

    # --- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start every process; the environment then runs (`run`) or is stepped (`Game`)."""
        sc = self.sc
        self.world.start()
        if sc.spec.actor_proposals:
            for a, draw in self.c.interval.items():
                if a in self.seats or self.c.model_proposes[a]:
                    # Sleep only with no seat in the game (a game's transcript counts SimPy
                    # steps) and on intervals that cannot fall on the same day as another
                    # event's (a fixed interval can; there the order of the two matters).
                    sleeps = not self.seats and a in self.c.continuous_interval
                    p = Proposer(self.env, draw, self.streams["schedule", a], self.turn, a,
                                 self.may_sleep if sleeps else None)
                    if sleeps:
                        self.sleepers[a] = p
                    p.start()
        for k, scripted in enumerate(sc.spec.proposals):
            self.record.scripted[k] = {"outcome": "outside_horizon", "reasons": {}}
            self.env.process(self.script(k, scripted))
        self.env.timeout(self.sc.spec.horizon_days).callbacks.append(self.end)

    def run(self) -> Record:
        self.start()
        self.env.run(until=self.stop)
        return self.finish()

    def finish(self) -> Record:
        self.record.unanswered = len(self.open)
        return self.record

    @property
    def waiting(self) -> list[Ask]:  # seats' open questions: the clock stands still
        return self.seating.waiting if self.seating else []

    def end(self, _: simpy.Event | None = None) -> None:
        """The horizon (or the first meeting, when the scenario stops there)."""
        if not self.stop.triggered:
            self.stop.succeed()

    # --- processes -------------------------------------------------------------------------

    def turn(self, a: str) -> simpy.Event | None:
        """`a`'s turn to propose: unless a meeting is pending or its proposer's condition
        fails, the model chooses a format (or the seat does) and proposes it. Returns what
        to wait for before the next turn."""
        if self.meetings_pending or not self.world.holds(self.c.active_when[a]):
            return None
        if a in self.seats:
            return self.seat_turn(a)
        if self.idle.holds(a, self.env.now):
            return None  # nothing it chooses from has changed since it last passed
        stream = self.streams["choice", a]
        before = stream.state
        f = self.choose(a)
        if f is None:
            self.idle.note(a, stream.state != before, self.env.now)
            return None
        return self.propose(a, f).done

    def seat_turn(self, a: str) -> simpy.Event | None:
        question = self.seating.ask_proposal(a)

        def proposed() -> Proposal | None:
            f = self.seating.proposed(question)
            if f is None:
                return None
            proposal = self.propose(a, f, by_model=self.record.seat_log[-1]["by_model"])
            self.record.seat_log[-1]["proposal"] = proposal.id
            return proposal
        if question.answered:
            made = proposed()
            return None if made is None else made.done
        over = self.env.event()  # the seat's reply, then the answers to its proposal

        def replied(_) -> None:
            made = proposed()
            if made is None:
                over.succeed()
            else:
                made.done.callbacks.append(lambda _: over.succeed())
        question.reply.callbacks.append(replied)
        return over

    def script(self, k: int, scripted) -> Iterator[simpy.Event]:
        """Deliver a proposal the sources report, on its date (`proposals:` in a scenario)."""
        day = (scripted.date - self.sc.start).days
        if 0 <= day < self.sc.spec.horizon_days:
            yield self.env.timeout(day)
            self.record.scripted[k] = {"outcome": "unanswered", "reasons": {}}
            self.propose(scripted.proposer, self.c.format_index(scripted.format), scripted=k)

    def desk(self, a: str) -> Desk:
        desk = self.desks.get(a)
        if desk is None:
            desk = self.desks[a] = Desk(self.env, self.c.delay[a], self.streams["delay", a],
                                        self.answer_at_desk(a))
        return desk

    def answer_at_desk(self, a: str):
        """What `a`'s desk does with a proposal when its delay is over: the model answers at
        once; a seat is asked, and the desk waits for its reply."""
        def answer(proposal: Proposal) -> simpy.Event | None:
            if a not in self.seats:
                self.answer(a, proposal, self.refusal(a, proposal.format), None)
                return None
            if proposal.refusals:  # another party has refused it: a person is not asked
                self.not_asked(a, proposal)
                return None
            question = self.seating.ask_answer(a, proposal, self.verdict(a, proposal.format))

            def answered(_=None) -> None:
                v, counter = self.seating.answered(question, proposal)
                entry = self.record.seat_log[-1]
                made = self.answer(a, proposal, None if v.accept else v, counter,
                                   entry["by_model"])
                if made is not None:
                    entry["counter_id"] = made.id
            if question.answered:
                answered()
                return None
            question.reply.callbacks.append(answered)
            return question.reply
        return answer

    def not_asked(self, a: str, proposal: Proposal) -> None:
        """A proposal reaches a person's desk after another party refused it: it no longer
        stands, so the person is told, not asked, and it is resolved as refused."""
        proposal.answered.add(a)
        if self.tracing:
            self.log("not_asked", id=proposal.id, actor=a, refused_by=list(proposal.refusals))
        self.resolve_if_answered(proposal)

    # --- the proposal cycle ----------------------------------------------------------------

    def propose(self, a: str, f: int, counter_of: int | None = None,
                scripted: int | None = None, by_model: bool = False) -> Proposal:
        parties = self.c.parties[f]
        proposal = Proposal(self.next_id, self.env.now, a, f, parties, self.env.event(),
                            counter_of=counter_of, scripted=scripted,
                            version=self.world.version)
        self.next_id += 1
        self.record.proposals += 1
        self.open.add(proposal.id)
        if self.tracing:
            self.log("proposal", id=proposal.id, proposer=a, format=self.c.formats[f],
                     counter_of=counter_of, **BY_MODEL[by_model])
        if a in parties:
            proposal.answered.add(a)
            # The proposer answers its own proposal at once: a player stands by it; the
            # model gives its verdict (a scripted proposal may break the proposer's rules).
            own = None if a in self.seats else self.refusal(a, f)
            if own is not None:
                proposal.refusals[a] = own
        for party in parties:
            if party != a:
                self.record.messages += 1
                self.desk(party).put(proposal)
        self.resolve_if_answered(proposal)
        return proposal

    def answer(self, a: str, proposal: Proposal, refusal: Verdict | None,
               counter: int | None, by_model: bool = False) -> Proposal | None:
        """`a`'s answer; returns its counter-proposal, if it made one. `by_model`: a
        seat's deadline passed and the model answered for it (the trace says so)."""
        self.record.messages += 1
        proposal.answered.add(a)
        if self.tracing:
            words = [r.says for r in refusal.reasons if r.kind == "stated"] if refusal else []
            self.log("answer", id=proposal.id, actor=a, accept=refusal is None,
                     reasons=[] if refusal is None else refusal.reason_ids,
                     **({"words": words} if words else {}),  # a player's own words
                     **BY_MODEL[by_model])
        if refusal is not None:
            proposal.refusals[a] = refusal
            self.refused(a, proposal, refusal)
        made = None
        if counter is not None:
            proposal.countered = True
            made = self.propose(a, counter, counter_of=proposal.id, by_model=by_model)
        self.resolve_if_answered(proposal)
        return made

    def refused(self, a: str, proposal: Proposal, v: Verdict) -> None:
        counts = self.record.refusals
        for r in v.reasons:
            counts[(a, r.id)] += 1
        self.knowledge.learn(proposal.proposer, v, proposal.format, self.world.key,
                             self.env.now)
        self.world.react("refused", a, proposal.format, proposal.proposer)
        if (self.sc.spec.actor_proposals and a not in self.seats
                and self.streams["counter", a].random() < self.c.counter_probability[a]):
            f = self.choose(a)
            if f is not None and f != proposal.format:
                proposal.countered = True
                self.propose(a, f, counter_of=proposal.id)

    def resolve_if_answered(self, proposal: Proposal) -> None:
        if len(proposal.answered) == len(proposal.parties):
            self.resolve(proposal)

    def resolve(self, proposal: Proposal) -> None:
        self.open.discard(proposal.id)
        if not proposal.refusals:
            proposal.outcome = "accepted"
            self.record.accepted += 1
            self.schedule_meeting(proposal)
        elif proposal.countered:
            proposal.outcome = "countered"
            self.record.countered += 1
        else:
            proposal.outcome = "refused"
            self.record.refused += 1
        if self.tracing:
            self.log("resolved", id=proposal.id, outcome=proposal.outcome)
        if proposal.scripted is not None:
            self.record.scripted[proposal.scripted] = {
                "outcome": "accepted" if proposal.outcome == "accepted" else "refused",
                "reasons": {a: v.reason_ids for a, v in proposal.refusals.items()}}
        proposal.done.succeed()


def replicate(compiled: Compiled, replication: int, seed: int, trace: bool = False,
              seats: Mapping[str, Seat] | None = None) -> Record:
    """Run replication `replication` of a scenario: all its randomness comes from
    (seed, replication, purpose), so it gives the same record in any process, in any
    order, and one purpose's draws do not move when another's change."""
    return Talks(compiled, replication, seed, trace, seats).run()
