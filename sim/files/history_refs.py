"""Cross-file checks of a history scenario: its scripted proposals and its record name
real actors, values, rules and dates (kept apart from `references.py`, which checks the
actors and the world every scenario shares)."""
from __future__ import annotations

from typing import Iterator

from ..model.actors import Actor
from ..model.space import FormatSpace
from ..model.state import Variable
from .errors import known
from .references import Found, check_condition


def check_proposals(proposals: list, space: FormatSpace, actors: dict[str, Actor]
                    ) -> Iterator[Found]:
    """Scripted proposals name real actors, one known value per dimension, real rules."""
    for i, prop in enumerate(proposals):
        loc = ("proposals", i)
        if prop.proposer not in actors:
            yield "scenario", loc + ("proposer",), (f"'{prop.proposer}' is not an actor. "
                                                    f"Known: {known(actors)}.")
        for dim in space.dimensions:
            if dim not in prop.format:
                yield "scenario", loc + ("format",), (f"missing '{dim}'; a format needs one "
                                                      f"value per dimension: "
                                                      f"{', '.join(space.dimensions)}.")
        for dim, value in prop.format.items():
            if dim not in space.values:
                yield "scenario", loc + ("format", dim), (f"'{dim}' is not a dimension. "
                                                          f"Known: {known(space.dimensions)}.")
            elif value not in space.values[dim]:
                yield "scenario", loc + ("format", dim), (f"'{value}' is not a known {dim}. "
                                                          f"Known: {known(space.values[dim])}.")
        exp = prop.expected
        if exp is None:
            continue
        for j, name in enumerate(exp.by):
            if name not in actors:
                yield "scenario", loc + ("expected", "by", j), (f"'{name}' is not an actor. "
                                                                f"Known: {known(actors)}.")
        rule_ids = {r.id for a in (exp.by or actors) if a in actors for r in actors[a].rules}
        for j, rule in enumerate(exp.reasons):
            if rule not in rule_ids:
                yield "scenario", loc + ("expected", "reasons", j), (
                    f"'{rule}' is not a rule of {', '.join(exp.by) or 'any actor'}. Known: "
                    f"{known(rule_ids)}.")


def check_record(record, space: FormatSpace, variables: dict[str, Variable],
                 actors: dict[str, Actor], start, end) -> Iterator[Found]:
    """A record's items name real actors, keys and values, and its days fall in the
    scenario's dates."""
    if record is None:
        return
    loc = ("record",)
    for name in ("first_day", "last_day"):
        day = getattr(record, name)
        if not start <= day < end:
            yield "scenario", loc + (name,), (f"{day} is outside the scenario's dates ({start} "
                                              f"to {end}); a free run cannot count there.")
    if record.last_day < record.first_day:
        yield "scenario", loc + ("last_day",), "the last day comes before the first day."
    for i, item in enumerate(record.items):
        here = loc + ("items", i)
        for field in ("proposer", "by"):
            who = getattr(item, field)
            if who is not None and who not in actors:
                yield "scenario", here + (field,), f"'{who}' is not an actor. Known: {known(actors)}."
        if item.format is not None:
            for where, message in check_condition(item.format, here + ("format",), space,
                                                  variables):
                yield "scenario", where, message
        if item.state is not None:
            for where, message in check_condition(item.state, here + ("state",), space,
                                                  variables, state_only=True):
                yield "scenario", where, message
        for name in ("first_day", "last_day"):
            day = getattr(item, name)
            if day is not None and not start <= day < end:
                yield "scenario", here + (name,), (f"{day} is outside the scenario's dates "
                                                   f"({start} to {end}).")
