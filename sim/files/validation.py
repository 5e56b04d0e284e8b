"""pydantic's errors turned into problems that point at a line of the file.

Why separate from loading: pydantic knows the key path of a mistake, the YAML reader knows
where each key path stands; this is where the two meet, and where an unknown key is
answered with the keys that are allowed there.
"""
from __future__ import annotations

import datetime as dt
import types
from typing import Annotated, Any, Iterable, Sequence, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Problem, known
from .overrides import Override
from .yamlfile import YamlDoc

def _members(t: Any) -> list[Any]:
    origin = get_origin(t)
    if origin is Annotated:
        return _members(get_args(t)[0])
    if origin in (Union, types.UnionType):
        return [m for a in get_args(t) for m in _members(a)]
    return [t]


def fields_at(model: type, loc: Sequence[Any]) -> set[str]:
    """The keys a model allows at `loc` (for 'unknown key' messages and --set paths)."""
    t: Any = model
    for seg in loc:
        if isinstance(seg, str) and (seg.startswith("#") or seg == "[key]"):
            continue
        nxt = None
        for m in _members(t):
            o = get_origin(m)
            if isinstance(m, type) and issubclass(m, BaseModel) and seg in m.model_fields:
                nxt = m.model_fields[seg].annotation
            elif o is list and isinstance(seg, int):
                nxt = get_args(m)[0]
            elif o is dict and not isinstance(seg, int):
                nxt = get_args(m)[1]
            if nxt is not None:
                break
        if nxt is None:
            return set()
        t = nxt
    return {f for m in _members(t) if isinstance(m, type) and issubclass(m, BaseModel)
            for f in m.model_fields}


def _data_loc(data: Any, loc: Sequence[Any]) -> tuple:
    """pydantic's loc without its union tags, so it matches the YAML key path."""
    out: list[Any] = []
    node = data
    for seg in loc:
        if isinstance(seg, str) and (seg.startswith("#") or seg == "[key]"):
            continue
        out.append(seg)
        if isinstance(node, dict) and seg in node:
            node = node[seg]
        elif isinstance(node, list) and isinstance(seg, int) and seg < len(node):
            node = node[seg]
        else:
            node = None
    return tuple(out)


def _describe(err: dict, model: type, loc: tuple) -> str:
    kind, value = err["type"], err.get("input")
    msg = err["msg"].removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return (f"unknown key '{loc[-1]}'. Known keys here: "
                f"{known(fields_at(model, loc[:-1]))}.")
    if kind == "missing":
        return f"missing required key '{loc[-1]}'."
    if kind == "string_pattern_mismatch":
        return (f"{value!r} is not a valid id: use lowercase letters, digits and "
                f"underscores, starting with a letter.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping (key: value lines) here, got {value!r}."
    if kind.startswith(("date_", "datetime_")):  # pydantic's words name no format
        return f"expected a date written YYYY-MM-DD (e.g. 2023-02-24); got {value!r}."
    if kind in ("int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"):
        number = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {number} here; got {value!r}."
    if isinstance(value, (dict, list)) or kind in ("value_error", "assertion_error"):
        return msg[0].lower() + msg[1:] + ("" if msg.endswith(".") else ".")
    return f"{msg[0].lower() + msg[1:]}; got {value!r}."


def validate(doc: YamlDoc, model: type[BaseModel], overridden: Iterable[tuple[tuple, Override]] = ()
             ) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one document; problems point into the file, or at the override that set it."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = _data_loc(doc.data, err["loc"])
            message = _describe(err, model, loc)
            origin = next((o for prefix, o in overridden
                           if loc[:len(prefix)] == prefix or prefix[:len(loc)] == loc), None)
            if origin is not None:
                shown = (origin.value.isoformat() if isinstance(origin.value, dt.date)
                         else repr(origin.value))
                problems.append(Problem(origin.origin(), f"{origin.path}={shown}: "
                                        f"{message}", origin.line, origin.column))
            else:
                line, column = doc.where(loc)
                problems.append(Problem(str(doc.path), message, line, column, loc))
        return None, problems


