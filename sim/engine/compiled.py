"""What every replication of a scenario shares, computed once: the formats, who must accept
each, every actor's utility for each, and (memoised by world state) the rules each format
breaks and the formats each proposer would put forward.

Why: a replication asks the same questions thousands of times (does format 412 break a rule
of Baku's while the road is blocked?); the answers depend only on the scenario and the
world state, which takes few values, so they are computed once and looked up after.
"""
from __future__ import annotations

from ..model import conditions
from ..model.conditions import Scalar
from ..model.decision import (RULE_CONDITIONS, Reason, breaks, influence, lapse_holds,
                              reason, state_dependent, utility)
from ..model.scenario import Scenario
from .randomness import is_continuous, is_random, sampler

Ranked = list[tuple[float, list[int]]]  # formats grouped by a proposer's utility, best first


class Compiled:
    """The scenario's formats by index, and the memo tables of its decisions."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.formats = list(scenario.space.formats())
        self.index = {tuple(f.values()): i for i, f in enumerate(self.formats)}
        self.parties = [scenario.parties(f) for f in self.formats]
        self.can_be_party = {a for ps in self.parties for a in ps}
        self.variables = list(scenario.variables)
        # Utilities by format: fixed for most actors; memoised by world state for those
        # whose preferences name state (a demand that counts while the gas is disrupted).
        self.by_state = {a for a, actor in scenario.actors.items() if state_dependent(actor)}
        self.utility = {a: [utility(actor, f) for f in self.formats]
                        for a, actor in scenario.actors.items() if a not in self.by_state}
        self._utility: dict[tuple[str, int], list[float]] = {}
        self.public = frozenset((a, r.id) for a, actor in scenario.actors.items()
                                for r in actor.rules if r.public)
        # Rules about the world (preconditions, and assumed rules like them): what a
        # proposer learns of them from a refusal it forgets after a while (knowledge.py).
        self.about_the_world = frozenset((a, r.id) for a, actor in scenario.actors.items()
                                         for r in actor.rules
                                         if r.__dict__.get("require_state") is not None)
        self.moving = {a for a, actor in scenario.actors.items() if actor.concessions} | {
            inf.target for actor in scenario.actors.values() for inf in actor.influence}
        actors = scenario.actors
        # Samplers of the params' numbers and distributions, built once.
        self.drawn = {a: sampler(actor.reservation) for a, actor in actors.items()
                      if is_random(actor.reservation)}  # reservations drawn per replication
        self.draw_names = {a: f"{a}.reservation" for a in self.drawn}  # their CSV columns
        self.fixed = {a: sampler(actor.reservation)(None) for a, actor in actors.items()
                      if a not in self.drawn}
        self.forget = {a: actor.proposer.forget_after_days for a, actor in actors.items()
                       if actor.proposer is not None}
        self.delay = {a: sampler(actor.response_delay) for a, actor in actors.items()}
        self.interval = {a: sampler(actor.proposer.interval) for a, actor in actors.items()
                         if actor.proposer is not None}
        # Proposers whose intervals are drawn from a continuous distribution (a turn can
        # then not fall on the day of another event: `Talks.start`, sleeping proposers).
        self.continuous_interval = {a for a, actor in actors.items()
                                    if actor.proposer is not None
                                    and is_continuous(actor.proposer.interval)}
        self.active_when = {a: actor.proposer.active_when for a, actor in actors.items()
                            if actor.proposer is not None}
        self.model_proposes = {a: actor.proposer.model_proposes for a, actor in actors.items()
                               if actor.proposer is not None}
        self.counter_probability = {a: actor.counter_probability for a, actor in actors.items()}
        self.reactions: dict[str, list] = {}  # outcome -> [(actor id, reaction)]
        for a, actor in actors.items():
            for r in actor.reactions:
                self.reactions.setdefault(r.after, []).append((a, r))
        self.reaction_delay = {(a, r.id): sampler(r.delay) for a, actor in actors.items()
                               for r in actor.reactions}
        self.lead_time = sampler(scenario.spec.lead_time)
        self.random_events = [e.id for e in scenario.spec.events if e.hazard_per_day]
        self.purpose_keys: dict[tuple[str, str], int] = {}  # shared by the replications' streams
        self._state_ids: dict[tuple, int] = {}
        self.start_state = scenario.state  # a property that builds the dict: once, here
        self.start_key = self.state_key(self.start_state)
        self._hard: dict[tuple, list[tuple[Reason, ...]]] = {}
        self._acceptable: dict[tuple, list] = {}  # (actor, key) -> (broken, utility) by format
        self._checks: dict[str, tuple[list, list]] = {}
        self._item: dict[tuple, list[bool]] = {}
        self._columns: dict[str, list] = {}  # format key -> each format's value
        # keys read -> (each class's formats, each class's first format)
        self._classes: dict[tuple, tuple[list[list[int]], list[int]]] = {}
        self._blockers: dict[tuple, frozenset[tuple[str, str]]] = {}
        self._ranked: dict[tuple, Ranked] = {}
        self._moves: dict[tuple, tuple[tuple[bool, ...], float]] = {}
        self._holds: dict[tuple, bool] = {}
        self._named: dict[str, set[int] | None] = {}
        self._unblocked: dict[tuple, Ranked] = {}

    def format_index(self, fmt: dict[str, str]) -> int:
        return self.index[tuple(fmt[d] for d in self.scenario.space.dimensions)]

    def state_key(self, state: dict[str, Scalar]) -> int:
        """A small integer naming this world state, the key of every memo below (an int
        hashes faster than the tuple of values it stands for)."""
        values = tuple(state[v] for v in self.variables)
        key = self._state_ids.get(values)
        if key is None:
            key = self._state_ids[values] = len(self._state_ids)
        return key

    def holds(self, cond: conditions.Condition, key: int, state: dict[str, Scalar]) -> bool:
        """Whether a condition on the world state holds in this state (a proposer's
        `active_when`, an event's, a reaction's `when`), memoised by state."""
        memo = (id(cond), key)
        found = self._holds.get(memo)
        if found is None:
            found = self._holds[memo] = conditions.holds(cond, state.get)
        return found

    def format_holds(self, cond: conditions.Condition, f: int, key: int,
                     state: dict[str, Scalar]) -> bool:
        """Whether a reaction's `format` condition holds for format `f` here (memoised)."""
        memo = (id(cond), f, key)
        found = self._holds.get(memo)
        if found is None:
            read = self.scenario.space.lookup(self.formats[f], state)
            found = self._holds[memo] = conditions.holds(cond, read)
        return found

    def utilities(self, actor: str, key: int, state: dict[str, Scalar]) -> list[float]:
        """`actor`'s utility for every format, by format index, in this state."""
        found = self.utility.get(actor)
        if found is None:
            found = self._utility.get((actor, key))
            if found is None:
                spec = self.scenario.actors[actor]
                found = self._utility[(actor, key)] = [utility(spec, f, state)
                                                       for f in self.formats]
        return found

    def acceptable(self, actor: str, key: int, state: dict[str, Scalar]) -> list[tuple]:
        """(rules broken, utility) by format for `actor` here: what `accepts` reads, memoised."""
        found = self._acceptable.get((actor, key))
        if found is None:
            found = self._acceptable[(actor, key)] = list(zip(
                self.hard_table(actor, key, state), self.utilities(actor, key, state)))
        return found

    def hard(self, actor: str, key: int, state: dict[str, Scalar], f: int
             ) -> tuple[Reason, ...]:
        """The rules format `f` breaks for `actor` in this state (lapses applied)."""
        return self.hard_table(actor, key, state)[f]

    def hard_table(self, actor: str, key: int, state: dict[str, Scalar]
                   ) -> list[tuple[Reason, ...]]:
        """`hard` for every format, by format index."""
        found = self._hard.get((actor, key))
        if found is None:
            found = self._hard[(actor, key)] = self._hard_all(actor, key, state)
        return found

    def _hard_all(self, actor: str, key: int, state: dict[str, Scalar]
                  ) -> list[tuple[Reason, ...]]:
        """`hard` for every format at once. A proposer ranks every format in a new state,
        so the answers are built together: each rule and lapse is checked once per class
        of formats that look alike to it, and only the formats it breaks are touched."""
        lapses, rules = self.checks(actor)
        lapsed: dict[int, set[str]] = {}  # format -> rule ids a lapse switches off
        for lapse, ids, members, reps in lapses:
            hold = self._class_holds(lapse, lapse_holds, key, reps, state)
            for c in (c for c, h in enumerate(hold) if h):
                for f in members[c]:
                    lapsed.setdefault(f, set()).update(ids)
        found: dict[int, list[Reason]] = {}  # format -> the reasons it breaks, rule order
        for rule, why, members, reps in rules:
            broken = self._class_holds(rule, breaks, key, reps, state)
            for c in (c for c, b in enumerate(broken) if b):
                for f in members[c]:
                    if rule.id not in lapsed.get(f, ()):
                        found.setdefault(f, []).append(why)
        table: list[tuple[Reason, ...]] = [()] * len(self.formats)
        for f, reasons in found.items():
            table[f] = tuple(reasons)
        return table

    def _class_holds(self, item, test, key: int, reps: list[int],
                     state: dict[str, Scalar]) -> list[bool]:
        """`test(item, reader)` for each class of formats (tried on the class's first
        format), memoised per state: a rule reads a few keys (venue.control, agenda), so a
        new state (a what-if, a sweep point) costs a check per class, not per format."""
        memo = (id(item), key)
        found = self._item.get(memo)
        if found is None:
            lookup = self.scenario.space.lookup
            found = self._item[memo] = [test(item, lookup(self.formats[f], state))
                                        for f in reps]
        return found

    def checks(self, actor: str) -> tuple[list, list]:
        """The actor's lapses (lapse, rule ids it switches off, its classes' formats, each
        class's first format) and rules (rule, its reason, classes' formats, first
        formats), in the order `broken_rules` uses."""
        found = self._checks.get(actor)
        if found is None:
            spec = self.scenario.actors[actor]
            every = [r.id for r in spec.rules]
            found = self._checks[actor] = (
                [(lp, lp.rules or every, *self.classes(lp, ("when",))) for lp in spec.lapses],
                [(r, reason(spec, r), *self.classes(r, RULE_CONDITIONS)) for r in spec.rules])
        return found

    def classes(self, item, fields: tuple[str, ...]) -> tuple[list[list[int]], list[int]]:
        """The classes of formats for one rule or lapse (formats that agree on every format
        key it reads share a class; state keys are in the state's key): each class's
        formats, and its first format."""
        space = self.scenario.space
        keys = sorted({t.key for name in fields if (c := getattr(item, name, None)) is not None
                       for t in conditions.leaves(c)
                       if t.key.split(".", 1)[0] in space.dimensions})
        found = self._classes.get(tuple(keys))
        if found is None:  # rules that read the same keys share their classes
            seen: dict[tuple, list[int]] = {}
            columns = [self.column(k) for k in keys] or [[()] * len(self.formats)]
            for f, look in enumerate(zip(*columns)):
                seen.setdefault(look, []).append(f)
            members = list(seen.values())
            found = self._classes[tuple(keys)] = (members, [m[0] for m in members])
        return found

    def column(self, key: str) -> list:
        """Every format's value of a format key (a list attribute as a tuple), read once."""
        found = self._columns.get(key)
        if found is None:  # read once per value of the dimension, then spread over formats
            space, dim = self.scenario.space, key.split(".", 1)[0]
            by_value = {}
            for value in space.values[dim]:
                v = space.lookup({dim: value}, {})(key)
                by_value[value] = tuple(v) if isinstance(v, list) else v
            found = self._columns[key] = [by_value[fmt[dim]] for fmt in self.formats]
        return found

    def moves(self, actor: str, key: int, state: dict[str, Scalar]
              ) -> tuple[tuple[bool, ...], float]:
        """What moves `actor`'s reservation in this state: which of its concessions hold,
        and the sum of the influence shifts on it."""
        memo = (actor, key)
        found = self._moves.get(memo)
        if found is None:
            spec = self.scenario.actors[actor]
            found = (tuple(conditions.holds(c.when, state.get) for c in spec.concessions),
                     influence(actor, self.scenario.actors, state))
            self._moves[memo] = found
        return found

    def blockers(self, key: int, state: dict[str, Scalar], f: int) -> frozenset:
        """Every (party, rule id) that blocks format `f` in this state, over all parties."""
        memo = (key, f)
        found = self._blockers.get(memo)
        if found is None:
            found = frozenset((p, r.id) for p in self.parties[f]
                              for r in self.hard(p, key, state, f))
            self._blockers[memo] = found
        return found

    def ranked(self, actor: str, key: int, state: dict[str, Scalar]) -> Ranked:
        """The formats `actor` would propose, grouped by its utility, best first: those it
        breaks no rule of its own with, and, for a mediator, those naming it (or its host)."""
        memo = (actor, key)
        if memo not in self._ranked:
            named = self.named(actor)
            broken = self.hard_table(actor, key, state)
            values = self.utilities(actor, key, state)
            groups: dict[float, list[int]] = {}
            for f in range(len(self.formats)):
                if named is not None and f not in named:
                    continue
                if broken[f] and actor in self.parties[f]:
                    continue
                groups.setdefault(round(values[f], 9), []).append(f)
            self._ranked[memo] = sorted(groups.items(), key=lambda g: -g[0])
        return self._ranked[memo]

    def named(self, actor: str) -> set[int] | None:
        """For a mediator, the formats naming it (as mediator or host), the only ones it
        proposes; None for a principal, who may propose any."""
        if actor not in self._named:
            spec = self.scenario.actors[actor]
            mediator = "mediator" in spec.roles and "principal" not in spec.roles
            party_actors = self.scenario.space.party_actors
            self._named[actor] = ({f for f, fmt in enumerate(self.formats)
                                   if actor in party_actors(fmt)} if mediator else None)
        return self._named[actor]

    def unblocked(self, actor: str, key: int, state: dict[str, Scalar],
                  known: frozenset) -> Ranked:
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
