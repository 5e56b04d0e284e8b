"""Every path `--set` can reach, named as overrides name them, and every assumption.

Why: a teacher who mistypes a path (`baku.no_status_talks.enabled`, forgetting
`red_lines`) needs the nearest real ones (`hints.nearest` picks them from the paths listed
here), not only the keys allowed at the point where the path went wrong; `negsim check
--paths` lists every path with its current value; and
`check --strict` lists the modelling assumptions under the same names.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any, Callable, Iterator

import yaml
from pydantic import BaseModel

from ..model import conditions
from ..model.base import Cited
from ..model.scenario import Scenario
from .overrides import FIXED_KEYS, ITEM_KEYS, parse_set
from .yamlfile import YamlDoc

TEXT_KEYS = {"source", "assumption", "says", "note", "title", "question", "name", "summary",
             "label", "expected", "history"}  # words, not parameters
SKIP = TEXT_KEYS | set(FIXED_KEYS)


def _key(item: Any) -> str | None:
    """A list item's address: its id (rules, events), dimension (preferences) or target."""
    for name in ITEM_KEYS:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value is not None:
            return str(value)
    return None


def _leaves(node: Any, loc: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path parts, value) of every parameter under a validated model."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name in SKIP or name in ITEM_KEYS or value is None:
                continue
            yield from _leaves(value, loc + (name,))
    elif isinstance(node, (list, tuple)) and any(isinstance(i, BaseModel) for i in node):
        for i, item in enumerate(node):
            yield from _leaves(item, loc + (_key(item) or str(i),))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, loc + (str(key),))
    elif isinstance(node, (conditions.Test, conditions.AllOf, conditions.AnyOf,
                           conditions.Not)):
        yield loc, conditions.to_raw(node)
    else:
        yield loc, list(node) if isinstance(node, tuple) else node


def settable(scenario: Scenario) -> list[tuple[str, Any]]:
    """Every `--set` path of a loaded scenario with its current value (keys a file leaves
    out, such as a rule's `active_when`, can be set too)."""
    out = [(".".join(p), v) for p, v in _leaves(scenario.spec, ()) if p[0] != "state"]
    out += [(f"state.{name}", value) for name, value in scenario.state.items()]
    for name, actor in scenario.actors.items():
        out += [(".".join((name, *p)), v) for p, v in _leaves(actor, ())]
    return out


def show(value: Any) -> str:
    """A value as it would be written after `--set PATH=`."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def raw_paths(docs: dict[str, YamlDoc], fields_at: Callable[[str, tuple], set[str]]
              ) -> list[str]:
    """Every path in the raw documents (keyed 'scenario' or by actor id), with the keys
    their models allow but the files leave out; for suggestions on a mistyped path."""
    out: list[str] = []

    def walk(target: str, node: Any, loc: tuple, parts: tuple[str, ...]) -> None:
        if parts and isinstance(node, (dict, list)):
            out.append(".".join(parts))  # a whole mapping can be set too
        if isinstance(node, dict):
            allowed = set(node) | fields_at(target, loc)
            for key in sorted(map(str, allowed)):
                if key in SKIP or key in ITEM_KEYS:
                    continue
                if loc == ("state",):  # state.VARIABLE, whatever the file writes there
                    out.append(".".join(parts + (key,)))
                    continue
                if key in node:
                    walk(target, node[key], loc + (key,), parts + (key,))
                else:
                    out.append(".".join(parts + (key,)))
        elif isinstance(node, list) and any(isinstance(i, dict) for i in node):
            for i, item in enumerate(node):
                walk(target, item, loc + (i,), parts + (_key(item) or str(i),))
        elif parts:
            out.append(".".join(parts))

    for target, doc in docs.items():
        walk(target, doc.data, (), () if target == "scenario" else (target,))
    return out


def _cited(node: Any, loc: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, Cited) and node.assumption:
        yield loc, " ".join(node.assumption.split())
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name not in ("source", "assumption"):
                yield from _cited(getattr(node, name), loc + (name,))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from _cited(item, loc + (_key(item) or str(i),))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _cited(value, loc + (str(key),))


def assumptions(scenario: Scenario, only: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """Every `assumption:` the scenario rests on, grouped by who holds it: 'scenario' and
    each actor's name; `only` keeps one actor id (checking one params file)."""
    changed = _changed(scenario)
    out: dict[str, list[tuple[str, str]]] = {}
    if only is None:
        out["the scenario"] = [(".".join(p), t) for p, t in _cited(scenario.spec, ())]
    for name, actor in scenario.actors.items():
        if only in (None, name):
            out[f"{actor.name} ({name})"] = [
                (".".join(p), t + _changed_here(changed, ".".join((name, *p))))
                for p, t in _cited(actor, ())]
    return {who: items for who, items in out.items() if items}


def _changed(scenario: Scenario) -> dict[str, str]:
    """The paths this scenario sets over its params files (`overrides:`, then `--set`),
    with the value each is given."""
    changed = {path: show(value) for path, value in scenario.spec.overrides.items()}
    for item in scenario.sets:
        override = parse_set(item)
        changed[override.path] = show(override.value)
    return changed


def _changed_here(changed: dict[str, str], path: str) -> str:
    """Why: an assumption's words describe the params file's values (e.g. "so the shift is
    0 here"); where a what-if sets a value under it, the list must say so, or it reads as
    untrue."""
    under = [f"{p} = {v}" for p, v in changed.items() if p == path or p.startswith(path + ".")]
    return f" [This scenario sets {'; '.join(under)}.]" if under else ""


def assumptions_text(groups: dict[str, list[tuple[str, str]]]) -> str:
    """Plain text, grouped by actor, one assumption a paragraph."""
    total = sum(len(items) for items in groups.values())
    lines = [f"  it rests on {total} modelling assumption{'s' * (total != 1)}"
             + (":" if total else ".")]
    for who, items in groups.items():
        lines.append(f"    {who}:")
        for path, text in items:
            lines += textwrap.wrap(f"{path}: {text}", 92, initial_indent="      ",
                                   subsequent_indent="          ")
    return "\n".join(lines)
