"""Cross-file checks: every name a file uses must be declared somewhere.

Why separate from the schema: a rule in baku.yaml names venues from format-space.yaml,
state variables from world-state.yaml, articles from bibliography.yaml. Only once all files
are read can we say "'bakuu' is not a venue; known venues: ...". Each check returns
(owner, key path, message) so the loader can point at the exact line.
"""
from __future__ import annotations

from typing import Iterator

from ..model import conditions
from ..model.actors import Actor
from ..model.conditions import Condition
from ..model.scenario import state_value
from ..model.sources import BibliographyFile
from ..model.space import LABEL, FormatSpace
from ..model.state import Variable
from .aliases import REMOVED_STATE
from .errors import known

Found = tuple[str, tuple, str]  # (owner: actor id or 'scenario' or 'format_space', loc, msg)


def _fmt_values(values) -> str:
    return known(str(v).lower() if isinstance(v, bool) else v for v in values)


def check_condition(cond: Condition, loc: tuple, space: FormatSpace,
                    variables: dict[str, Variable], state_only: bool = False
                    ) -> Iterator[tuple[tuple, str]]:
    """Problems with the keys and values a condition names."""
    for test in conditions.leaves(cond):
        where = loc + test.rel
        key = test.key
        dim, _, attr = key.partition(".")
        if key in variables:
            allowed = variables[key].values
            what = f"state variable '{key}'"
        elif state_only:
            yield where, (f"'{key}' is not a world-state variable; this condition may only "
                          f"name state. Known variables: {known(variables)}.")
            continue
        elif dim in space.values and not attr:
            allowed = space.values[dim]
            what = f"{dim}"
        elif dim in space.values:
            if attr not in space.attribute_names(dim):
                yield where, (f"'{attr}' is not an attribute of {dim}. Known attributes of "
                              f"{dim}: {known(space.attribute_names(dim)) or '(none)'}.")
                continue
            allowed = space.domain(dim, attr)
            what = f"{dim}.{attr}"
        else:
            yield where, (f"'{key}' is neither a dimension, a value attribute "
                          f"(dimension.attribute) nor a state variable. Known dimensions: "
                          f"{known(space.dimensions)}; known state variables: "
                          f"{known(variables)}.")
            continue
        for value in test.allowed:
            if not any(conditions.same(value, a) for a in allowed):
                yield where, (f"{value!r} is not a known value of {what}. Known values: "
                              f"{_fmt_values(allowed)}.")


def check_settings(changes: dict, loc: tuple, variables: dict[str, Variable]
                   ) -> Iterator[tuple[tuple, str]]:
    """A `set:` mapping names state variables and values they can take."""
    for name, value in changes.items():
        if name not in variables:
            yield loc + (name,), (f"'{name}' is not a world-state variable. Known: "
                                  f"{known(variables)}.")
        elif not any(conditions.same(value, v) for v in variables[name].values):
            yield loc + (name,), (f"{value!r} is not a value of '{name}'. Known values: "
                                  f"{_fmt_values(variables[name].values)}.")


def check_dynamics(actor: Actor, actors: set[str], space: FormatSpace,
                   variables: dict[str, Variable]) -> Iterator[tuple[tuple, str]]:
    """Proposer, concessions, influence and reactions name real things."""
    if actor.proposer and actor.proposer.active_when is not None:
        yield from check_condition(actor.proposer.active_when, ("proposer", "active_when"),
                                   space, variables)
    for i, c in enumerate(actor.concessions):
        yield from check_condition(c.when, ("concessions", i, "when"), space, variables,
                                   state_only=True)
    for i, inf in enumerate(actor.influence):
        if inf.target not in actors:
            yield ("influence", i, "target"), (f"'{inf.target}' is not an actor. Known: "
                                               f"{known(actors)}.")
        if inf.when is not None:
            yield from check_condition(inf.when, ("influence", i, "when"), space, variables,
                                       state_only=True)
    for i, r in enumerate(actor.reactions):
        if r.by is not None and r.by not in actors:
            yield ("reactions", i, "by"), f"'{r.by}' is not an actor. Known: {known(actors)}."
        if r.proposed_by is not None and r.proposed_by not in actors:
            yield ("reactions", i, "proposed_by"), (f"'{r.proposed_by}' is not an actor. "
                                                    f"Known: {known(actors)}.")
        if r.format is not None:
            yield from check_condition(r.format, ("reactions", i, "format"), space, variables)
        if r.when is not None:
            yield from check_condition(r.when, ("reactions", i, "when"), space, variables,
                                       state_only=True)
        yield from check_settings(r.set, ("reactions", i, "set"), variables)


def check_actor(actor: Actor, space: FormatSpace, variables: dict[str, Variable],
                bibliography: BibliographyFile) -> Iterator[tuple[tuple, str]]:
    for group in ("red_lines", "preconditions", "assumptions"):
        for i, rule in enumerate(getattr(actor, group)):
            for field in ("forbid", "require", "active_when", "when"):
                cond = getattr(rule, field, None)
                if cond is not None:
                    yield from check_condition(cond, (group, i, field), space, variables)
            if getattr(rule, "require_state", None) is not None:
                yield from check_condition(rule.require_state, (group, i, "require_state"),
                                           space, variables, state_only=True)
    rule_ids = {r.id for r in actor.rules}
    for i, lapse in enumerate(actor.lapses):
        yield from check_condition(lapse.when, ("lapses", i, "when"), space, variables,
                                   state_only=True)
        for j, rid in enumerate(lapse.rules):
            if rid not in rule_ids:
                yield ("lapses", i, "rules", j), (f"'{rid}' is not a rule of {actor.name}. "
                                                  f"Known: {known(rule_ids)}.")
    for i, pref in enumerate(actor.preferences):
        if pref.dimension not in space.values:
            yield ("preferences", i, "dimension"), (
                f"'{pref.dimension}' is not a dimension. Known: {known(space.dimensions)}.")
            continue
        if pref.when is not None:
            yield from check_condition(pref.when, ("preferences", i, "when"), space,
                                       variables, state_only=True)
        values = space.values[pref.dimension]
        for value in pref.scores:
            if value not in values:
                yield ("preferences", i, "scores", value), (
                    f"'{value}' is not a known {pref.dimension}. Known values: "
                    f"{known(values)}.")
        missing = [v for v in values if v not in pref.scores]
        if missing and pref.default is None:
            yield ("preferences", i, "scores"), (
                f"no score for {', '.join(missing)}; score every {pref.dimension} or set "
                f"'default:'.")
    yield from check_citations(actor, (), bibliography)


def check_citations(node, loc: tuple, bibliography: BibliographyFile
                    ) -> Iterator[tuple[tuple, str]]:
    """Every `source.article` names an article of the bibliography."""
    from pydantic import BaseModel
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "source" and value is not None:
                items = value if isinstance(value, list) else [value]
                for j, c in enumerate(items):
                    sub = loc + ("source",) + ((j,) if isinstance(value, list) else ())
                    if c.article not in bibliography.articles:
                        yield sub + ("article",), (
                            f"'{c.article}' is not an article of the bibliography. Known "
                            f"articles: {known(bibliography.articles)}.")
                    if c.by is not None and c.by not in bibliography.speakers:
                        yield sub + ("by",), (
                            f"'{c.by}' is not a speaker of the bibliography. Known "
                            f"speakers: {known(bibliography.speakers)}.")
            else:
                yield from check_citations(value, loc + (name,), bibliography)
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from check_citations(item, loc + (i,), bibliography)
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from check_citations(item, loc + (key,), bibliography)


def check_space(space: FormatSpace) -> Iterator[Found]:
    """Every attribute a value carries is declared under its dimension's `attributes:`,
    with that value among the declared ones."""
    for dim, spec in space.spec.dimensions.items():
        told: set[str] = set()  # an undeclared attribute is named once, where first used
        for value, attrs in space.attrs[dim].items():
            for attr, given in attrs.items():
                loc = ("dimensions", dim, "values", value, attr)
                if attr == LABEL:
                    if not isinstance(given, str):
                        yield "format_space", loc, f"a label is text; got {given!r}."
                elif attr not in spec.attributes:
                    if attr in told:
                        continue
                    told.add(attr)
                    used = _fmt_values({v for a in space.attrs[dim].values() if attr in a
                                        for v in (a[attr] if isinstance(a[attr], list)
                                                  else [a[attr]])})
                    yield "format_space", loc, (
                        f"'{attr}' is not declared under {dim}'s 'attributes:'. Declare its "
                        f"values there once, e.g. attributes: {{{attr}: [{used}]}}. Declared "
                        f"attributes of {dim}: {known(spec.attributes) or '(none)'}.")
                else:
                    items = given if isinstance(given, list) else [given]  # a list attribute
                    for item in items:
                        if not any(conditions.same(item, a) for a in spec.attributes[attr]):
                            yield "format_space", loc, (
                                f"{item!r} is not a declared value of {dim}.{attr}. Known "
                                f"values: {_fmt_values(spec.attributes[attr])} (declared "
                                f"under {dim}'s 'attributes:'; add it there if it is new).")


def check_roles(space: FormatSpace, actors: dict[str, Actor]) -> Iterator[Found]:
    """Party attributes name real actors, and those actors carry the matching role."""
    for i, ref in enumerate(space.spec.party_attributes):
        dim, _, attr = ref.partition(".")
        if dim not in space.values or not attr:
            yield "format_space", ("party_attributes", i), (
                f"'{ref}' should be DIMENSION.ATTRIBUTE with a known dimension. Known "
                f"dimensions: {known(space.dimensions)}.")
            continue
        for value, attrs in space.attrs[dim].items():
            name = attrs.get(attr)
            if name is None:
                continue
            loc = ("dimensions", dim, "values", value, attr)
            if name not in actors:
                yield "format_space", loc, (f"{dim} '{value}' names '{name}' as its {attr}, "
                                            f"but there is no such actor. Known actors: "
                                            f"{known(actors)}.")
            elif attr in ("host", "mediator") and attr not in actors[name].roles:
                yield name, ("roles",), (f"{dim} '{value}' names {name} as its {attr}, so "
                                         f"its roles must include '{attr}'.")
    if not any("principal" in a.roles for a in actors.values()):
        yield "scenario", ("params",), "no actor has the role 'principal'; a meeting needs its principals."


def check_events(events: list, space: FormatSpace, variables: dict[str, Variable],
                 bibliography: BibliographyFile) -> Iterator[Found]:
    for i, event in enumerate(events):
        for loc, message in check_settings(event.set, ("events", i, "set"), variables):
            yield "scenario", loc, message
        if event.active_when is not None:
            for loc, message in check_condition(event.active_when, ("events", i, "active_when"),
                                                space, variables, state_only=True):
                yield "scenario", loc, message
        for loc, message in check_citations(event, ("events", i), bibliography):
            yield "scenario", loc, message


def check_state(state: dict, variables: dict[str, Variable]) -> Iterator[Found]:
    for name, setting in state.items():
        if name not in variables:
            why = REMOVED_STATE.get(name)
            yield "scenario", ("state", name), (
                f"'{name}' is not a world-state variable"
                + (f" (removed in model fidelity v3: {why})" if why else "")
                + f". Known: {known(variables)}.")
            continue
        value = state_value(setting)
        if not any(conditions.same(value, v) for v in variables[name].values):
            yield "scenario", ("state", name), (
                f"{value!r} is not a value of '{name}'. Known values: "
                f"{_fmt_values(variables[name].values)}.")
