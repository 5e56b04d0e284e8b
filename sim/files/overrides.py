"""PATH=VALUE overrides: change any actor or scenario parameter without editing files.

Paths read like the files: `stepanakert.reservation`, `baku.red_lines.no_status.enabled`,
`baku.preferences.venue.weight`, `state.blockade`, `horizon_days`. A list of rules or
preferences is addressed by the item's id (or dimension), not by position, so a path keeps
working when a teacher reorders a file. Overrides change the raw YAML data *before*
validation, so an overridden value is checked exactly like a value in a file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import limits
from .errors import InputError, known
from .yamlfile import YamlDoc, parse_value, too_long

ITEM_KEYS = ("id", "dimension", "target")
FIXED_KEYS = ("kind", "params", "extends", "overrides")  # read before overrides apply
# YAML 1.1 (PyYAML) reads 1e-5 as a string; people mean a number.
NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


@dataclass(frozen=True)
class Override:
    """One PATH=VALUE, and where it was written (for error messages)."""

    path: str
    value: Any
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def origin(self) -> str:
        return self.file or f"command line (--set {self.path}=...)"

    def error(self, message: str) -> InputError:
        return InputError.one(message, self.origin(), self.line, self.column)


def parse_set(text: str) -> Override:
    """'--set stepanakert.reservation=0.3' -> Override; the value is read as YAML."""
    path, sep, raw = text.partition("=")
    if len(text) > limits.MAX_TEXT:
        raise InputError.one(f"--set {limits.shown(text, 40)}: {too_long(len(raw))}",
                             "command line (--set)")
    if not sep or not path.strip():
        raise InputError.one(f"'{limits.shown(text)}' is not PATH=VALUE, e.g. "
                             "stepanakert.reservation=0.3 or state.blockade=false.",
                             "command line (--set)")
    origin = f"command line (--set {path.strip()}=...)"
    value = parse_value(raw, origin) if raw.strip() else ""
    if isinstance(value, str) and NUMBER.fullmatch(value.strip()):
        value = float(value.strip())
    return Override(path.strip(), value)


def _item_key(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ITEM_KEYS:
            if key in item:
                return str(item[key])
    return None


def apply(docs: dict[str, YamlDoc], override: Override, fields_at) -> tuple[str, tuple]:
    """Set one override in `docs` (keyed by actor id, or 'scenario').

    `fields_at(target, loc)` names the keys a model allows at `loc` (so a key that a file
    leaves out, such as `active_when`, can still be set). Returns (target, loc) of the set
    value. A path that leads nowhere raises InputError listing the valid names there.
    """
    parts = override.path.split(".")
    if parts[0] in docs and parts[0] != "scenario":
        target, rest = parts[0], parts[1:]
    else:
        target, rest = "scenario", parts
    if not rest:
        raise override.error(f"'{override.path}' names an actor but no parameter; e.g. "
                             f"{parts[0]}.reservation.")
    if target == "scenario" and rest[0] in FIXED_KEYS:
        raise override.error(f"'{rest[0]}' cannot be overridden: it says which files make the "
                             f"scenario. Edit the scenario file, or write one that extends "
                             f"it.")
    node, loc = docs[target].data, ()
    for i, part in enumerate(rest):
        last = i == len(rest) - 1
        if isinstance(node, list):
            index = next((j for j, it in enumerate(node) if _item_key(it) == part), None)
            if index is None and part.isdigit() and int(part) < len(node):
                index = int(part)  # items without an id (concessions) by position
            if index is None:
                names = [k for k in map(_item_key, node) if k]
                raise override.error(f"'{override.path}': no item '{part}' under "
                                     f"{'.'.join(parts[:len(parts) - len(rest) + i])}. "
                                     f"Known: {known(names) or '(none)'}.")
            node, loc = node[index], loc + (index,)
            if last:
                raise override.error(f"'{override.path}' names a whole rule; set one of its "
                                     f"keys, e.g. {override.path}.enabled=false.")
            continue
        allowed = set(node) | fields_at(target, loc) if isinstance(node, dict) else set()
        if not isinstance(node, dict) or part not in allowed:
            if i == 0 and target == "scenario":
                actors = sorted(k for k in docs if k != "scenario")
                raise override.error(f"'{override.path}': '{part}' is neither an actor nor a "
                                     f"scenario key. Known actors: {known(actors)}; scenario "
                                     f"keys: {known(allowed)}.")
            raise override.error(f"'{override.path}': '{part}' is not a parameter here. "
                                 f"Known: {known(allowed) or '(none)'}.")
        if last:
            node[part] = override.value
            return target, loc + (part,)
        if part not in node or node[part] is None:
            node[part] = {}
        node, loc = node[part], loc + (part,)
    raise AssertionError("unreachable")
