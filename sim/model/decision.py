"""The actors' decision: the one place where an actor accepts or refuses a format.

`evaluate` is a pure function of the actor's params, the format, the world state and the
actor's current reservation level. The feasibility table, the engine, `explain` and the
tests all call it, so a refusal always carries the same reasons everywhere: every red line
and precondition it breaks (with ids), and the utility gap when it is below reservation.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Literal, Mapping, Sequence

from . import conditions
from .conditions import Scalar
from .actors import Actor
from .rules import Lapse, Precondition, RedLine, Rule
from .quantities import central
from .space import Format, FormatSpace

BELOW_RESERVATION = "below_reservation"
RULE_KINDS = ("red_line", "precondition", "assumption")


@dataclass(frozen=True)
class Reason:
    """One reason for a refusal."""

    actor: str
    # red_line, precondition: stated by the actor; assumption: a rule the model assumes;
    # utility: below the reservation level; stated: a player's own words
    kind: Literal["red_line", "precondition", "assumption", "utility", "stated"]
    id: str
    says: str
    public: bool = True
    gap: float | None = None


@dataclass(frozen=True)
class Verdict:
    actor: str
    accept: bool
    utility: float
    reservation: float
    reasons: tuple[Reason, ...] = field(default=())
    # rules the format would break, switched off by a lapse (an assumption): (rule, lapse id)
    lapsed: tuple[tuple[Reason, str], ...] = field(default=())

    @property
    def reason_ids(self) -> list[str]:
        return [r.id for r in self.reasons]

    @property
    def hard(self) -> bool:
        """Refused for a rule of the actor's, which no concession can change (a player's
        own words are not a rule: they count like a refusal for value)."""
        return any(r.kind in RULE_KINDS for r in self.reasons)


def utility(actor: Actor, fmt: Mapping[str, str],
            state: Mapping[str, Scalar] | None = None) -> float:
    """Weighted mean of the value scores over the actor's preferences, in [0, 1]. A
    preference with `when` counts only in a state where it holds (none without a state)."""
    prefs = [p for p in actor.preferences
             if p.when is None or (state is not None and conditions.holds(p.when, state.get))]
    total = sum(p.weight for p in prefs)
    if total == 0:
        return 1.0
    score = 0.0
    for pref in prefs:
        value = pref.scores.get(fmt[pref.dimension], pref.default)
        score += pref.weight * (value if value is not None else 0.0)
    return score / total


def state_dependent(actor: Actor) -> bool:
    """Whether the actor's utilities depend on the world state (a preference with `when`)."""
    return any(p.when is not None for p in actor.preferences)


def rule_kind(rule: Rule) -> str:
    if isinstance(rule, RedLine):
        return "red_line"
    return "precondition" if isinstance(rule, Precondition) else "assumption"


RULE_CONDITIONS = ("forbid", "require", "when", "require_state", "active_when")


def breaks(rule: Rule, read) -> bool:
    """Whether one enabled, active rule refuses the format in this state."""
    if not rule.enabled:
        return False
    # The fields by name: `getattr(rule, name, None)` for a field this kind of rule lacks
    # goes through pydantic's slow miss path, and the feasibility table asks thousands.
    fields = rule.__dict__
    active_when = fields.get("active_when")
    if active_when is not None and not conditions.holds(active_when, read):
        return False
    require_state = fields.get("require_state")
    if require_state is not None:  # a precondition: the world must hold for these formats
        if rule.when is not None and not conditions.holds(rule.when, read):
            return False
        return not conditions.holds(require_state, read)
    return ((rule.forbid is not None and conditions.holds(rule.forbid, read))
            or (rule.require is not None and not conditions.holds(rule.require, read)))


def lapse_holds(lapse: Lapse, read) -> bool:
    """Whether a lapse switches its rules off for this format in this state."""
    return lapse.enabled and conditions.holds(lapse.when, read)


def _lapsed_ids(actor: Actor, read) -> dict[str, str]:
    """Rule id -> the id of the lapse that switches it off in this state."""
    out: dict[str, str] = {}
    for lapse in actor.lapses:
        if lapse_holds(lapse, read):
            for rule in actor.rules:
                if not lapse.rules or rule.id in lapse.rules:
                    out.setdefault(rule.id, lapse.id)
    return out


def reason(actor: Actor, rule: Rule) -> Reason:
    return Reason(actor.id, rule_kind(rule), rule.id, rule.says, rule.public)


def broken_rules(actor: Actor, fmt: Format, state: Mapping[str, Scalar],
                 space: FormatSpace) -> list[Reason]:
    """Every active rule the format breaks (red lines, preconditions, assumed rules),
    except those a lapse has switched off."""
    read = space.lookup(fmt, state)
    lapsed = _lapsed_ids(actor, read) if actor.lapses else {}
    return [reason(actor, r) for r in actor.rules if r.id not in lapsed and breaks(r, read)]


def lapsed_rules(actor: Actor, fmt: Format, state: Mapping[str, Scalar],
                 space: FormatSpace) -> list[tuple[Reason, str]]:
    """The rules the format would break but a lapse switches off, with the lapse's id."""
    if not actor.lapses:
        return []
    read = space.lookup(fmt, state)
    lapsed = _lapsed_ids(actor, read)
    return [(reason(actor, r), lapsed[r.id]) for r in actor.rules
            if r.id in lapsed and breaks(r, read)]


def accepts(broken: Sequence[Reason], value: float, level: float) -> bool:
    """The decision itself: no rule broken and the format worth at least the reservation."""
    return not broken and value >= level


def verdict(actor: Actor, broken: Sequence[Reason], value: float, level: float) -> Verdict:
    """Combine the broken rules and the utility into a verdict with every reason (shared by
    `evaluate` and the engine's memoised version, so both decide identically)."""
    if accepts(broken, value, level):
        return Verdict(actor.id, True, value, level)
    reasons = list(broken)
    if value < level:
        reasons.append(Reason(actor.id, "utility", BELOW_RESERVATION,
                              f"the format is worth {value:.2f} to {actor.name}, below its "
                              f"reservation level {level:.2f}", True, round(level - value, 4)))
    return Verdict(actor.id, not reasons, value, level, tuple(reasons))


ASSUMED = "[the model's assumption] "  # before a sentence no actor said


def marked(kind: str, sentence: str) -> str:
    """A reason's sentence, marked as the model's when the model assumes it, so that it
    never reads as something an actor said (tables, debriefs, pages alike)."""
    return ASSUMED + sentence if kind == "assumption" else sentence


def marked_sentence(scenario_actors: Mapping[str, Actor], actor: str, reason_id: str) -> str:
    """`rule_sentence` of a reason id, `marked`."""
    return marked(reason_kind(scenario_actors[actor], reason_id),
                  rule_sentence(scenario_actors, actor, reason_id))


def rule_sentence(scenario_actors: Mapping[str, Actor], actor: str, reason_id: str) -> str:
    """The plain sentence of a reason id: a rule's `says`, a reaction's, an event that set
    a reaction off, or the utility reason."""
    spec = scenario_actors[actor]
    rule = spec.rule(reason_id)
    if rule is not None:
        return " ".join(rule.says.split())
    reaction = next((r for r in spec.reactions if r.id == reason_id), None)
    if reaction is not None:
        return " ".join((reaction.says or reason_id.replace("_", " ")).split())
    if reason_id.startswith("event:"):
        return f"set off by: {reason_id[6:].replace('_', ' ')}"
    if reason_id == BELOW_RESERVATION:
        return "the format is worth less to it than its reservation level"
    return reason_id.replace("_", " ")


def reason_kind(actor: Actor, reason_id: str) -> str:
    """The kind of a reason by its id: 'red_line', 'precondition', 'assumption', 'utility'
    (below the reservation level) or 'stated' (a player's own words)."""
    if reason_id == BELOW_RESERVATION:
        return "utility"
    rule = actor.rule(reason_id)
    return "stated" if rule is None else rule_kind(rule)


def influence(target: str, actors: Mapping[str, Actor], state: Mapping[str, Scalar]) -> float:
    """The sum of the reservation shifts other actors' `influence:` puts on `target` now."""
    read = state.get
    return sum(inf.reservation_shift for other in actors.values() for inf in other.influence
               if inf.target == target and (inf.when is None or conditions.holds(inf.when, read)))


def evaluate(actor: Actor, fmt: Format, state: Mapping[str, Scalar], space: FormatSpace,
             reservation: float | None = None,
             actors: Mapping[str, Actor] | None = None) -> Verdict:
    """Accept, or refuse with every reason.

    `reservation` is the actor's level now (drawn, conceded and influenced by the engine).
    None means its central value, shifted by the influence of `actors` (when given) in this
    state: what the exact feasibility table and `explain` use.
    """
    if reservation is None:
        shift = influence(actor.id, actors, state) if actors else 0.0
        reservation = min(1.0, max(0.0, central(actor.reservation) + shift))
    found = verdict(actor, broken_rules(actor, fmt, state, space),
                    utility(actor, fmt, state), reservation)
    lapsed = lapsed_rules(actor, fmt, state, space)
    return replace(found, lapsed=tuple(lapsed)) if lapsed else found


def choose_format(ranked: Sequence[tuple[float, Sequence[int]]], level: float | None,
                  eligible: Callable[[int], bool], randbelow: Callable[[int], int]
                  ) -> int | None:
    """A proposer's strategy: its best format among those not known to fail.

    `ranked` groups candidate formats by the proposer's utility, best first; `level` is its
    own reservation (None when it is not a party and so need not accept); `eligible` says
    whether a format is not known to fail; ties are broken uniformly at random among the
    eligible ones, drawing without replacement (`randbelow(n)` gives 0..n-1) so that the
    common case, a first draw that is eligible, checks one format, not the whole group.
    """
    for value, group in ranked:
        if level is not None and value < level:
            return None
        pool = group  # copied only when a draw is not eligible (the first one usually is)
        while pool:
            i = randbelow(len(pool))
            if eligible(pool[i]):
                return pool[i]
            if pool is group:
                pool = list(group)
            pool[i] = pool[-1]
            pool.pop()
    return None
