"""The SimPy engine: one replication of proposal and response cycles, in days.

Each actor is a process with an inbox (a `simpy.Store`). Proposers wake on their own random
schedule and send a format to every party it needs; each party answers after its response
delay with `evaluate`'s verdict (accept, or refuse with every reason, perhaps with a
counter-proposal). When all accept, a meeting is scheduled after a lead time and is held
only if every party still accepts on the day. Events (dated, random, reactions to outcomes)
change the world state, which switches rules on and off; reservations concede over time.

No file I/O and no plotting here: a replication returns a compact `Record` (and, when
asked, its trace as a list of dicts).
"""
from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator, Protocol

import simpy

from . import conditions
from .conditions import Scalar
from .decision import (Reason, Verdict, broken_rules, choose_format, influence, utility,
                       verdict)
from .scenario import Scenario
from .schema import Actor, Fixed, Proposer, Quantity, Triangular, Uniform


def sample(q: Quantity, rng: random.Random) -> float:
    """One draw of a number or distribution from the params."""
    if isinstance(q, (int, float)):
        return float(q)
    if isinstance(q, Fixed):
        return q.value
    if isinstance(q, Uniform):
        return rng.uniform(q.low, q.high)
    assert isinstance(q, Triangular)
    return rng.triangular(q.low, q.high, q.mode)


class Compiled:
    """What every replication of a scenario shares: formats, parties, utilities, and the
    rules each format breaks in each world state (memoised: the state space is small)."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.formats = list(scenario.space.formats())
        self.index = {tuple(f.values()): i for i, f in enumerate(self.formats)}
        self.parties = [scenario.parties(f) for f in self.formats]
        self.can_be_party = {a for ps in self.parties for a in ps}
        self.variables = list(scenario.variables)
        self.utility = {a: [utility(actor, f) for f in self.formats]
                        for a, actor in scenario.actors.items()}
        self._hard: dict[tuple, tuple[Reason, ...]] = {}
        self._blockers: dict[tuple, frozenset[tuple[str, str]]] = {}
        self._ranked: dict[tuple, list[tuple[float, list[int]]]] = {}
        self._unblocked: dict[tuple, list[tuple[float, list[int]]]] = {}
        self.public = frozenset((a, r.id) for a, actor in scenario.actors.items()
                                for r in (*actor.red_lines, *actor.preconditions) if r.public)
        self.moving = {a for a, actor in scenario.actors.items() if actor.concessions} | {
            inf.target for actor in scenario.actors.values() for inf in actor.influence}


    def state_key(self, state: dict[str, Scalar]) -> tuple:
        return tuple(state[v] for v in self.variables)

    def hard(self, actor: str, key: tuple, state: dict[str, Scalar], f: int
             ) -> tuple[Reason, ...]:
        """The red lines and preconditions format `f` breaks for `actor` in this state."""
        memo = (actor, key, f)
        found = self._hard.get(memo)
        if found is None:
            found = tuple(broken_rules(self.scenario.actors[actor], self.formats[f], state,
                                       self.scenario.space))
            self._hard[memo] = found
        return found

    def blockers(self, key: tuple, state: dict[str, Scalar], f: int) -> frozenset:
        """Every (party, rule id) that blocks format `f` in this state, over all parties."""
        memo = (key, f)
        found = self._blockers.get(memo)
        if found is None:
            found = frozenset((p, r.id) for p in self.parties[f]
                              for r in self.hard(p, key, state, f))
            self._blockers[memo] = found
        return found

    def ranked(self, actor: str, key: tuple, state: dict[str, Scalar]
               ) -> list[tuple[float, list[int]]]:
        """The formats `actor` would propose, grouped by its utility, best first: those it
        breaks no rule of its own with, and, for a mediator, those naming it (as mediator
        or as host)."""
        memo = (actor, key)
        if memo not in self._ranked:
            spec = self.scenario.actors[actor]
            mediator = "mediator" in spec.roles and "principal" not in spec.roles
            groups: dict[float, list[int]] = {}
            for f, fmt in enumerate(self.formats):
                if mediator and actor not in self.scenario.space.party_actors(fmt):
                    continue
                if actor in self.parties[f] and self.hard(actor, key, state, f):
                    continue
                groups.setdefault(round(self.utility[actor][f], 9), []).append(f)
            self._ranked[memo] = sorted(groups.items(), key=lambda g: -g[0])
        return self._ranked[memo]

    def unblocked(self, actor: str, key: tuple, state: dict[str, Scalar],
                  known: frozenset) -> list[tuple[float, list[int]]]:
        """`ranked` without the formats a rule in `known` blocks: what a proposer with this
        knowledge may propose. Memoised by knowledge, which repeats across replications."""
        memo = (actor, key, known)
        found = self._unblocked.get(memo)
        if found is None:
            found = [(value, kept) for value, group in self.ranked(actor, key, state)
                     if (kept := [f for f in group
                                  if known.isdisjoint(self.blockers(key, state, f))])]
            self._unblocked[memo] = found
        return found


@dataclass(frozen=True)
class Moment:
    """What a person playing an actor is shown: the day, the world, what happened since."""

    day: float
    date: str
    state: dict[str, Scalar]
    since: list[dict[str, Any]]


@dataclass(frozen=True)
class Decision:
    """A person's answer: accept, refuse (reasons: rule ids or own words), or counter."""

    kind: str  # "accept" | "refuse" | "counter"
    reasons: tuple[str, ...] = ()
    format: dict[str, str] | None = None


class Seat(Protocol):
    """Takes one actor's decisions instead of `evaluate` (a person, in `negsim play`).
    The engine calls it synchronously: simulated time stands still while it decides."""

    actor: str

    def answer(self, moment: Moment, proposer: str, fmt: dict[str, str],
               modelled: Verdict) -> Decision: ...

    def propose(self, moment: Moment) -> dict[str, str] | None: ...


@dataclass
class Proposal:
    id: int
    day: float
    proposer: str
    format: int
    parties: list[str]
    done: simpy.Event
    answers: dict[str, Verdict] = field(default_factory=dict)
    counter_of: int | None = None
    countered: bool = False
    outcome: str | None = None
    scripted: int | None = None  # index in the scenario's `proposals:`


@dataclass
class Record:
    """The compact result of one replication."""

    replication: int
    met: bool = False
    first_day: float | None = None
    first_format: dict[str, str] | None = None
    proposals: int = 0
    accepted: int = 0
    refused: int = 0
    countered: int = 0
    unanswered: int = 0
    meetings_held: int = 0
    cancellations: int = 0
    refusals: Counter = field(default_factory=Counter)        # (actor, reason id) -> n
    cancel_reasons: Counter = field(default_factory=Counter)  # (actor, reason id) -> n
    events: int = 0
    messages: int = 0
    trace: list[dict[str, Any]] | None = None
    scripted: dict[int, dict[str, Any]] = field(default_factory=dict)  # k -> fate
    seat_log: list[dict[str, Any]] = field(default_factory=list)  # a player's decisions


class Talks:
    """One replication: the SimPy environment, the actors' processes and the world state."""

    def __init__(self, compiled: Compiled, replication: int, seed: int, trace: bool = False,
                 seat: Seat | None = None):
        sc = compiled.scenario
        self.c, self.sc = compiled, sc
        self.rng = random.Random(f"{seed}:{replication}")
        self.env = simpy.Environment()
        self.stop = self.env.event()
        self.record = Record(replication, trace=[] if trace else None)
        self.state = dict(sc.state)
        self.key = compiled.state_key(self.state)
        self.inbox = {a: simpy.Store(self.env) for a in sc.actors}
        self.base = {a: sample(actor.reservation, self.rng) for a, actor in sc.actors.items()}
        self.pressure: dict[tuple[str, int], float] = Counter()
        self.last_change = 0.0
        self.known = {a: compiled.public for a in sc.actors}  # frozensets, replaced on learning
        self.refused_value: dict[str, dict[int, tuple[tuple, float]]] = {a: {} for a in sc.actors}
        self.meetings_pending = 0
        self.open: set[int] = set()  # proposals still waiting for answers
        self.next_id = 0
        self.seat = seat
        self.shown = 0  # trace entries already shown to the seat
        if seat is not None and self.record.trace is None:
            self.record.trace = []

    # --- the world state -----------------------------------------------------------------

    def read(self, key: str) -> Scalar | None:
        return self.state.get(key)

    def holds(self, cond) -> bool:
        return cond is None or conditions.holds(cond, self.read)

    def set_state(self, changes: dict[str, Scalar], cause: str) -> None:
        new = {**self.state, **changes}
        if new == self.state:
            return
        self._accrue_pressure()
        self.state, self.key = new, self.c.state_key(new)
        self.record.events += 1
        self.log("event", cause=cause, set=dict(changes))

    def _accrue_pressure(self) -> None:
        span = self.env.now - self.last_change
        for a, actor in self.sc.actors.items():
            for i, c in enumerate(actor.concessions):
                if conditions.holds(c.when, self.read):
                    self.pressure[(a, i)] += span
        self.last_change = self.env.now

    def reservation(self, a: str) -> float:
        """The actor's level now: its draw, conceded under pressure, shifted by influence."""
        level = self.base[a]
        if a not in self.c.moving:
            return level
        span = self.env.now - self.last_change
        for i, c in enumerate(self.sc.actors[a].concessions):
            days = self.pressure[(a, i)] + (span if conditions.holds(c.when, self.read) else 0)
            moved = level - c.per_day * days
            level = max(moved, min(level, c.floor)) if c.per_day > 0 else min(moved, max(level, c.ceiling))
        level += influence(a, self.sc.actors, self.state)
        return min(1.0, max(0.0, level))

    def verdict(self, a: str, f: int) -> Verdict:
        return verdict(self.sc.actors[a], list(self.c.hard(a, self.key, self.state, f)),
                       self.c.utility[a][f], self.reservation(a))

    # --- trace -----------------------------------------------------------------------------

    def log(self, kind: str, **data: Any) -> None:
        if self.record.trace is not None:
            self.record.trace.append({"day": round(self.env.now, 3), "type": kind, **data})

    # --- processes -------------------------------------------------------------------------

    def run(self) -> Record:
        sc = self.sc
        for event in sc.spec.events:
            self.env.process(self.scheduled(event) if event.date else self.random_event(event))
        for a, actor in sc.actors.items():
            self.env.process(self.responder(a))
            if actor.proposer is not None and sc.spec.actor_proposals:
                self.env.process(self.proposer(a, actor))
        for k, scripted in enumerate(sc.spec.proposals):
            self.record.scripted[k] = {"outcome": "outside_horizon", "reasons": {}}
            self.env.process(self.script(k, scripted))
        self.env.process(self.horizon())
        self.env.run(until=self.stop)
        self.record.unanswered = len(self.open)
        return self.record

    def horizon(self) -> Iterator[simpy.Event]:
        yield self.env.timeout(self.sc.spec.horizon_days)
        if not self.stop.triggered:
            self.stop.succeed()

    def scheduled(self, event) -> Iterator[simpy.Event]:
        day = (event.date - self.sc.start).days
        if 0 <= day < self.sc.spec.horizon_days:
            yield self.env.timeout(day)
            self.set_state(event.set, event.id)

    def random_event(self, event) -> Iterator[simpy.Event]:
        while True:
            yield self.env.timeout(self.rng.expovariate(event.hazard_per_day))
            if self.holds(event.active_when):
                self.set_state(event.set, event.id)
                if event.once:
                    return

    def proposer(self, a: str, actor: Actor) -> Iterator[simpy.Event]:
        spec = actor.proposer
        while True:
            yield self.env.timeout(sample(spec.interval, self.rng))
            if self.meetings_pending or not self.holds(spec.active_when):
                continue
            f = self.seat_proposal() if self.seat and self.seat.actor == a else self.choose(a)
            if f is not None:
                proposal = self.propose(a, f)
                yield proposal.done

    def script(self, k: int, scripted) -> Iterator[simpy.Event]:
        """Deliver a proposal the sources report, on its date (`proposals:` in a scenario)."""
        day = (scripted.date - self.sc.start).days
        if 0 <= day < self.sc.spec.horizon_days:
            yield self.env.timeout(day)
            self.record.scripted[k] = {"outcome": "unanswered", "reasons": {}}
            f = self.c.index[tuple(scripted.format[d] for d in self.sc.space.dimensions)]
            self.propose(scripted.proposer, f, scripted=k)

    def responder(self, a: str) -> Iterator[simpy.Event]:
        """The actor answers its inbox in order, each after its response delay."""
        while True:
            proposal = yield self.inbox[a].get()
            yield self.env.timeout(sample(self.sc.actors[a].response_delay, self.rng))
            self.answer(a, proposal)

    # --- proposals -------------------------------------------------------------------------

    def choose(self, a: str) -> int | None:
        """The proposer's best format among those not known to fail (`choose_format`):
        not blocked by a rule it knows, nor recently refused for its value in this state."""
        spec = self.sc.actors[a].proposer
        forget = spec.forget_after_days if spec else Proposer.model_fields[
            "forget_after_days"].default
        memory = self.refused_value[a]

        def eligible(f: int) -> bool:
            seen = memory.get(f)
            return not (seen and seen[0] == self.key and self.env.now - seen[1] < forget)

        is_party = a in self.c.can_be_party
        level = self.reservation(a) if is_party else None
        ranked = self.c.unblocked(a, self.key, self.state, self.known[a])
        return choose_format(ranked, level, eligible if memory else _always,
                             lambda n: int(self.rng.random() * n))

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
            if self.seat is not None and self.seat.actor == a:  # a player stands by their own
                own = Verdict(a, True, own.utility, own.reservation)
            proposal.answers[a] = own
        for party in parties:
            if party != a:
                self.record.messages += 1
                self.inbox[party].put(proposal)
        if len(proposal.answers) == len(parties):
            self.resolve(proposal)
        return proposal

    def answer(self, a: str, proposal: Proposal) -> None:
        v = self.verdict(a, proposal.format)
        counter = None
        if self.seat is not None and self.seat.actor == a:
            v, counter = self.seat_answer(proposal, v)
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
        learner = proposal.proposer
        learned = {(a, r.id) for r in v.reasons if r.kind != "utility"}
        if not learned <= self.known[learner]:
            self.known[learner] = self.known[learner] | learned
        if not v.hard:
            self.refused_value[learner][proposal.format] = (self.key, self.env.now)
        self.react("refused", a, proposal.format)
        if (self.sc.spec.actor_proposals and not (self.seat and self.seat.actor == a)
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

    # --- a person in one actor's seat ---------------------------------------------------------

    def moment(self) -> Moment:
        since = self.record.trace[self.shown:]
        self.shown = len(self.record.trace)
        date = self.sc.start + dt.timedelta(days=int(self.env.now))
        return Moment(self.env.now, date.isoformat(), dict(self.state), since)

    def seat_answer(self, proposal: Proposal, modelled: Verdict) -> tuple[Verdict, int | None]:
        """The person's answer as a Verdict (their reasons kept), and a counter-format."""
        a, fmt = self.seat.actor, self.c.formats[proposal.format]
        moment = self.moment()
        decision = self.seat.answer(moment, proposal.proposer, dict(fmt), modelled)
        reasons = []
        for text in decision.reasons:
            rule = self.sc.actors[a].rule(text)
            if rule is not None:
                kind = "red_line" if rule in self.sc.actors[a].red_lines else "precondition"
                reasons.append(Reason(a, kind, rule.id, rule.says, rule.public))
            else:
                reasons.append(Reason(a, "stated", "own_words", text))
        accept = decision.kind == "accept"
        if not accept and not reasons:
            reasons.append(Reason(a, "stated", "no_reason_given", "no reason given"))
        counter = None
        if decision.kind == "counter" and decision.format:
            counter = self.c.index[tuple(decision.format[d] for d in self.sc.space.dimensions)]
        self.record.seat_log.append({
            "kind": "answer", "day": round(self.env.now, 3), "date": moment.date,
            "state": moment.state, "proposal": proposal.id, "proposer": proposal.proposer,
            "proposed_on": (self.sc.start + dt.timedelta(days=int(proposal.day))).isoformat(),
            "format": dict(fmt), "decision": decision.kind,
            "reasons": [r.id if r.kind != "stated" else r.says for r in reasons],
            "counter": decision.format,
            "modelled": {"accept": modelled.accept, "reasons": modelled.reason_ids,
                         "utility": round(modelled.utility, 3),
                         "reservation": round(modelled.reservation, 3)}})
        verdict_ = Verdict(a, accept, modelled.utility, modelled.reservation,
                           () if accept else tuple(reasons))
        return verdict_, counter

    def seat_proposal(self) -> int | None:
        """The person's turn to propose (None: they pass)."""
        moment = self.moment()
        fmt = self.seat.propose(moment)
        modelled = self.choose(self.seat.actor)
        self.record.seat_log.append({
            "kind": "proposal", "day": round(self.env.now, 3), "date": moment.date,
            "state": moment.state, "format": fmt,
            "modelled": {"format": None if modelled is None else self.c.formats[modelled]}})
        if fmt is None:
            return None
        return self.c.index[tuple(fmt[d] for d in self.sc.space.dimensions)]

    # --- meetings and reactions --------------------------------------------------------------

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
                    if not (self.seat is not None and self.seat.actor == a)]
        if all(v.accept for v in verdicts):
            self.record.meetings_held += 1
            self.log("meeting_held", id=proposal.id, format=fmt)
            if not self.record.met:
                self.record.met = True
                self.record.first_day = self.env.now
                self.record.first_format = dict(fmt)
            if proposal.scripted is not None:
                self.record.scripted[proposal.scripted] = {"outcome": "held", "reasons": {}}
            self.react("held", None, proposal.format)
            if self.sc.spec.stop_at_first_meeting and not self.stop.triggered:
                self.stop.succeed()
        else:
            self.record.cancellations += 1
            reasons = {v.actor: v.reason_ids for v in verdicts if not v.accept}
            self.record.cancel_reasons.update((a, r) for a, ids in reasons.items() for r in ids)
            self.log("meeting_cancelled", id=proposal.id, format=fmt, reasons=reasons)
            if proposal.scripted is not None:
                self.record.scripted[proposal.scripted] = {"outcome": "cancelled",
                                                           "reasons": reasons}
            self.react("cancelled", None, proposal.format)

    def react(self, outcome: str, by: str | None, f: int) -> None:
        """Reactions of every actor to an outcome; each fires with its probability."""
        lookup = self.sc.space.lookup(self.c.formats[f], self.state)
        for actor in self.sc.actors.values():
            for r in actor.reactions:
                if r.after != outcome or (r.by is not None and r.by != by):
                    continue
                if r.format is not None and not conditions.holds(r.format, lookup):
                    continue
                if self.rng.random() < r.probability:
                    self.env.process(self.delayed(r.set, sample(r.delay, self.rng),
                                                  f"{actor.id}.{r.id}"))

    def delayed(self, changes: dict[str, Scalar], delay: float, cause: str
                ) -> Iterator[simpy.Event]:
        yield self.env.timeout(delay)
        self.set_state(changes, cause)


def _always(f: int) -> bool:
    return True


def replicate(compiled: Compiled, replication: int, seed: int, trace: bool = False,
              seat: Seat | None = None) -> Record:
    """Run replication `replication` of a scenario: all its randomness comes from
    (seed, replication), so it gives the same record in any process, in any order."""
    return Talks(compiled, replication, seed, trace, seat).run()


def first_day_index(record: Record) -> int | None:
    """The day number (0 = start date) of the first meeting."""
    return None if record.first_day is None else int(math.floor(record.first_day))
