"""Conditions: the small rule language of the params files, evaluated without eval().

A condition is a mapping from a *key* to the values it allows. A key is a dimension
(`venue`), a value attribute (`venue.control`) or a world-state variable (`blockade`). An
attribute may hold a list (`agenda.items: [technical, reintegration]`): the test holds if
any item is allowed.
Several keys in one mapping must all hold; `all`, `any` and `not` combine conditions:

    {venue.control: [azerbaijan], mediation: [none]}
    {any: [{agenda: [status]}, {not: {delegation.chosen_by: [stepanakert]}}]}

Parsing turns the mapping into a small tree once, at load time; `holds` walks it. Each leaf
remembers where it stood in the file (`rel`), so a reference check can point at its line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Union

Scalar = Union[str, bool, int, float]


@dataclass(frozen=True)
class Test:
    """`key` must have one of `allowed`."""

    key: str
    allowed: tuple[Scalar, ...]
    rel: tuple = ()


@dataclass(frozen=True)
class AllOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple["Condition", ...]


@dataclass(frozen=True)
class Not:
    item: "Condition"


Condition = Union[Test, AllOf, AnyOf, Not]

JSON_SCHEMA = {
    "type": "object",
    "minProperties": 1,
    "description": "A condition: keys are dimensions (venue), value attributes "
                   "(venue.control) or world-state variables (blockade), each with the "
                   "list of values it allows; 'all'/'any' take a list of conditions, 'not' one.",
    "properties": {
        "all": {"type": "array", "items": {"type": "object"}},
        "any": {"type": "array", "items": {"type": "object"}},
        "not": {"type": "object"},
    },
    "additionalProperties": {
        "anyOf": [{"type": ["string", "boolean", "number"]},
                  {"type": "array", "items": {"type": ["string", "boolean", "number"]}}],
    },
}


def parse(raw: object, rel: tuple = ()) -> Condition:
    """Turn the YAML mapping into a condition tree; a malformed one raises ValueError."""
    if not isinstance(raw, dict) or not raw:
        raise ValueError("a condition is a mapping such as {venue: [baku, yevlakh]} or "
                         "{all: [...]}, {any: [...]}, {not: {...}}")
    parts: list[Condition] = []
    for key, value in raw.items():
        key = str(key)
        here = rel + (key,)
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ValueError(f"'{key}' takes a non-empty list of conditions")
            items = tuple(parse(v, here + (i,)) for i, v in enumerate(value))
            parts.append(AllOf(items) if key == "all" else AnyOf(items))
        elif key == "not":
            parts.append(Not(parse(value, here)))
        else:
            values = value if isinstance(value, list) else [value]
            if not values or not all(isinstance(v, (str, bool, int, float)) for v in values):
                raise ValueError(f"'{key}' takes a value or a list of values, e.g. "
                                 f"{key}: [a, b]")
            parts.append(Test(key, tuple(values), here))
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def same(value: object, allowed: Scalar) -> bool:
    """Equality that keeps `true` apart from `1` (Python treats them as equal)."""
    if isinstance(value, bool) or isinstance(allowed, bool):
        return value is allowed
    return value == allowed


def holds(cond: Condition, lookup: Callable[[str], Scalar | None]) -> bool:
    """Whether `cond` holds, where `lookup(key)` gives the current value of a key."""
    if isinstance(cond, Test):
        value = lookup(cond.key)
        if isinstance(value, (list, tuple)):  # a list attribute (agenda items): any of them
            return any(same(v, a) for v in value for a in cond.allowed)
        return any(same(value, a) for a in cond.allowed)
    if isinstance(cond, AllOf):
        return all(holds(c, lookup) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(holds(c, lookup) for c in cond.items)
    return not holds(cond.item, lookup)


def leaves(cond: Condition) -> Iterator[Test]:
    """Every key test in the tree, for reference checks."""
    if isinstance(cond, Test):
        yield cond
    elif isinstance(cond, Not):
        yield from leaves(cond.item)
    else:
        for c in cond.items:
            yield from leaves(c)


def is_plural(name: str) -> bool:
    """Whether an actor's name takes a plural verb: its last word a common noun in the
    plural ('US/EU mediators', 'Russian peacekeepers'). A capitalised last word is a
    proper name and singular, even when it ends in s ('Brussels', 'Athens'). Why a rule
    on the name rather than a params field: the names are the params' own words, so a
    teacher who adds 'OSCE co-chairs' gets the agreement without a new field to learn."""
    last = name.split()[-1].split("/")[-1] if name.split() else ""
    return last[:1].islower() and last.endswith("s") and not last.endswith("ss")


def to_text(cond: Condition, name: Callable[[str], str] | None = None,
            word: Callable[[str, Scalar], str] | None = None) -> str:
    """The condition in plain words: 'baku_leverage is high and not (venue is baku)';
    `name` and `word` put a key and a value in the file's own labels when it has them."""
    def value(key: str, v: Scalar) -> str:
        if word is not None:
            return word(key, v)
        return str(v).lower() if isinstance(v, bool) else str(v)
    if isinstance(cond, Test):
        key = name(cond.key) if name else cond.key
        values = [value(cond.key, v) for v in cond.allowed]
        is_ = "are" if is_plural(key) else "is"  # "Baku's terms are talks on its own ..."
        return (f"{key} {is_} {values[0]}" if len(values) == 1
                else f"{key} {is_} one of {', '.join(values)}")
    if isinstance(cond, Not):
        return f"not ({to_text(cond.item, name, word)})"
    joined = (" and " if isinstance(cond, AllOf) else " or ").join(
        f"({to_text(c, name, word)})" if isinstance(c, (AllOf, AnyOf))
        else to_text(c, name, word) for c in cond.items)
    return joined


def to_raw(cond: Condition) -> dict:
    """The condition as a file writes it (the inverse of `parse`), e.g. for `--set`."""
    if isinstance(cond, Test):
        return {cond.key: list(cond.allowed)}
    if isinstance(cond, Not):
        return {"not": to_raw(cond.item)}
    items = [to_raw(c) for c in cond.items]
    keys = [k for item in items for k in item]
    if isinstance(cond, AllOf) and len(set(keys)) == len(keys):  # one mapping, as written
        return {k: v for item in items for k, v in item.items()}
    return {"all" if isinstance(cond, AllOf) else "any": items}
