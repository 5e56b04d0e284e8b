"""Words for figures and tables, taken from the params: the state in words, a parameter's
name as a reader would say it.

Why here: labels are data (a `label:` beside a value in the YAML, an actor's `name`, an
event's `says`), so a teacher who adds a variable or an actor gets readable figures without
touching code; this module only looks them up.
"""
from __future__ import annotations

from typing import Mapping

from .conditions import Scalar, is_plural
from .scenario import Scenario
from .state import Variable


def state_words(variables: Mapping[str, Variable], state: Mapping[str, Scalar]) -> str:
    """'Lachin road: blocked; checkpoint on the Lachin road: none'."""
    return "; ".join(f"{variables[k].name(k)}: {variables[k].words(v)}" if k in variables
                     else f"{k}: {v}" for k, v in state.items())


def condition_words(variables: Mapping[str, Variable], cond) -> str:
    """A condition with world-state variables in their labels: 'Lachin road is
    blocked', not 'blockade is true'."""
    from .conditions import to_text
    return to_text(cond,
                   lambda k: variables[k].name(k) if k in variables else k,
                   lambda k, v: variables[k].words(v) if k in variables
                   else (str(v).lower() if isinstance(v, bool) else str(v)))


def preference_condition(variables: Mapping[str, Variable], pref) -> str:
    """', while gas and electricity from Armenia is disrupted' for a state-conditioned
    preference ('' for one that always counts): two entries for one dimension would
    otherwise read as a contradiction."""
    if pref.when is None:
        return ""
    return f", while {condition_words(variables, pref.when)}"


FIELD_WORDS = {
    "reservation": "reservation level",
    "counter_probability": "chance a refusal comes with a counter-proposal",
    "response_delay": "days to answer",
    "interval": "days between proposals",
    "weight": "weight",
    "probability": "chance",
    "hazard_per_day": "chance per day",
    "reservation_shift": "shift of the reservation level",
    "per_day": "change per day",
    "enabled": "switched on",
}


def param_label(scenario: Scenario, path: str) -> str:
    """A `--set` path in words: 'stepanakert.reservation' -> "Stepanakert's reservation
    level"; 'events.road_reopens.hazard_per_day' -> 'The Lachin road reopens ... (chance
    per day)'; a rule's switch -> the rule's sentence."""
    parts = path.split(".")
    last = FIELD_WORDS.get(parts[-1], parts[-1].replace("_", " "))
    if parts[0] == "state" and len(parts) == 2 and parts[1] in scenario.variables:
        return scenario.variables[parts[1]].name(parts[1])
    if parts[0] == "events" and len(parts) >= 3:
        event = next((e for e in scenario.spec.events if e.id == parts[1]), None)
        if event is not None:
            return f"{' '.join(event.says.split()).rstrip('.')} ({last})"
    actor = scenario.actors.get(parts[0])
    if actor is None:
        return path
    if len(parts) == 2:
        return f"{actor.name}: {last}"
    if len(parts) >= 4 and parts[1] in ("red_lines", "preconditions"):
        rule = actor.rule(parts[2])
        if rule is not None:
            return f"{actor.name}: {' '.join(rule.says.split()).rstrip('.')} ({last})"
    if len(parts) >= 4 and parts[1] == "reactions":
        reaction = next((r for r in actor.reactions if r.id == parts[2]), None)
        if reaction is not None and reaction.says:
            return f"{' '.join(reaction.says.split()).rstrip('.')} ({last})"
    if len(parts) >= 4 and parts[1] == "preferences":
        return f"{actor.name}: {last} of {parts[2].replace('_', ' ')}"
    if len(parts) >= 4 and parts[1] == "influence":
        target = scenario.actors.get(parts[2])
        return f"{actor.name}: {last} of {target.name if target else parts[2]}"
    return f"{actor.name}: {' '.join(p.replace('_', ' ') for p in parts[1:-1])} {last}"


def verb(name: str, singular: str, plural: str) -> str:
    """The verb form that agrees with `name`: verb('US/EU mediators', 'accepts', 'accept')."""
    return plural if is_plural(name) else singular
