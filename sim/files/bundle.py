"""The raw documents of one scenario: the scenario file (its `extends:` base merged in) and
its params files, keyed so that overrides can reach them.

Why raw: overrides (`--set`, a scenario's `overrides:`) change the data *before*
validation, so an overridden value is checked exactly like a value written in a file.
"""
from __future__ import annotations

import copy
import os
from dataclasses import replace
from pathlib import Path

from ..model.actors import Actor
from ..model.scenario import ScenarioFile
from . import aliases
from .errors import InputError, Problem, known
from .hints import nearest, neighbours
from .overrides import Override, apply
from .paths import raw_paths
from .schema import FILE_KINDS, SINGLE_KINDS
from .validation import fields_at
from .yamlfile import YamlDoc, read_yaml


def file_kind(doc: YamlDoc) -> str:
    """The file's `kind:`; a file without a known one cannot be read any further."""
    if doc.data is None:
        raise doc.error(f"this file is empty; a params or scenario file starts with "
                        f"'kind:' (one of {known(FILE_KINDS)}).")
    if not isinstance(doc.data, dict):
        raise doc.error("expected a mapping (key: value lines) at the top of the file.")
    kind = doc.data.get("kind")
    if kind not in FILE_KINDS:
        raise doc.error(f"'kind:' should be one of {known(FILE_KINDS)}, got {kind!r}.",
                        ("kind",))
    return kind


class Bundle:
    """The raw documents of one scenario, keyed for overrides: 'scenario', actor ids, kinds."""

    def __init__(self, scenario: YamlDoc, params: list[YamlDoc]):
        self.scenario = scenario
        self.singles: dict[str, YamlDoc] = {}
        self.actors: dict[str, YamlDoc] = {}
        self.warnings: list[tuple[str, str]] = []  # (where, what): old names (aliases.py)
        problems: list[Problem] = []
        for doc in [scenario, *params]:
            found = (aliases.upgrade_format_space(doc.data)
                     if isinstance(doc.data, dict) and doc.data.get("kind") == "format_space"
                     else aliases.upgrade_conditions(doc.data))
            self.warnings += [(str(doc.path), w) for w in dict.fromkeys(found)]
        for doc in params:
            try:
                kind = file_kind(doc)
            except InputError as exc:
                problems += exc.problems
                continue
            if kind == "actor":
                name = str(doc.data.get("id"))
                if name in self.actors:
                    problems.append(doc.error(f"actor '{name}' is already defined in "
                                              f"{self.actors[name].path}.", ("id",)).problems[0])
                self.actors[name] = doc
            elif kind in SINGLE_KINDS:
                if kind in self.singles:
                    problems.append(doc.error(f"a scenario takes one {kind} file; "
                                              f"{self.singles[kind].path} is one already.",
                                              ("kind",)).problems[0])
                self.singles[kind] = doc
            else:
                problems.append(doc.error(f"a params file cannot be of kind '{kind}'.",
                                          ("kind",)).problems[0])
        for kind in SINGLE_KINDS:
            if kind not in self.singles and not problems:
                problems.append(Problem(str(scenario.path), f"the params list has no "
                                        f"{kind} file; add one (see params/).", *scenario.where(("params",))))
        if problems:
            raise InputError(problems)
        self.overridden: dict[str, list[tuple[tuple, Override]]] = {}

    def docs(self) -> dict[str, YamlDoc]:
        return {"scenario": self.scenario, **self.actors}

    def fields_at(self, target: str, loc: tuple) -> set[str]:
        if target == "scenario":
            if loc == ("state",):
                variables = (self.singles["world_state"].data or {}).get("variables") or {}
                return set(variables)
            return fields_at(ScenarioFile, loc)
        return fields_at(Actor, loc)

    def apply(self, override: Override) -> None:
        gone = aliases.removed(override.path)
        if gone:
            raise override.error(gone)
        path, warning = aliases.upgrade_path(override.path)
        if warning:
            self.warnings.append((override.origin(), warning))
            override = replace(override, path=path)
        try:
            target, loc = apply(self.docs(), override, self.fields_at)
        except InputError as exc:
            near = nearest(override.path, raw_paths(self.docs(), self.fields_at))
            if near:
                exc.problems[-1].message += (f" Nearest paths: {', '.join(near)} (negsim "
                                             f"check --paths SCENARIO lists them all).")
            raise
        self.overridden.setdefault(target, []).append((loc, override))


def scenario_overrides(doc: YamlDoc) -> list[Override]:
    raw = doc.data.get("overrides") or {}
    if not isinstance(raw, dict):
        return []
    return [Override(str(path), value, str(doc.path), *doc.where(("overrides", path)))
            for path, value in raw.items()]


MERGED_KEYS = ("state", "overrides")
APPENDED_KEYS = ("events", "proposals")  # `events+:` adds to the base's events


def read_scenario(path: Path, seen: tuple[Path, ...] = ()) -> YamlDoc:
    """The scenario's document, with its `extends:` base merged in (params paths made
    relative to this file; `state` and `overrides` merged key by key, the rest replaced).
    `sdoc.bases` lists the base files, which belong to the scenario's hash."""
    sdoc = read_yaml(path)
    if file_kind(sdoc) != "scenario":
        kind = str(sdoc.data["kind"])
        article = "an" if kind[:1].lower() in "aeiou" else "a"
        raise sdoc.error(f"this is {article} '{kind}' file, not a scenario. Give a file "
                         f"from scenarios/, e.g. scenarios/march-2023.yaml.", ("kind",))
    base_name = sdoc.data.get("extends")
    if base_name is None:
        return sdoc
    base_path = Path(os.path.normpath(path.parent / str(base_name)))
    chain = (*seen, path.resolve())
    if base_path.resolve() in chain:
        names = " -> ".join(p.name for p in (*chain, base_path))
        raise sdoc.error(f"'extends:' goes round in a circle ({names}).", ("extends",))
    if not base_path.is_file():
        raise sdoc.error(f"'extends: {base_name}' should name another scenario file, "
                         f"relative to this one (looked for {base_path})."
                         f"{neighbours(base_path)}",
                         ("extends",))
    base_doc = read_scenario(base_path, chain)
    sdoc.bases = [base_path, *base_doc.bases]
    base = base_doc.data
    merged = copy.deepcopy(base)
    def rebase(p: object) -> str:
        return os.path.relpath(base_path.parent / str(p), path.parent)
    if isinstance(merged.get("params"), list):
        merged["params"] = [rebase(p) for p in merged["params"]]
    if isinstance(merged.get("history"), str):
        merged["history"] = rebase(merged["history"])
    positions = dict(sdoc.positions)
    for key, value in sdoc.data.items():
        if key in MERGED_KEYS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        elif key.endswith("+") and key[:-1] in APPENDED_KEYS and isinstance(value, list):
            inherited = merged.get(key[:-1]) or []
            merged[key[:-1]] = [*inherited, *value]
            # An added item's errors point at its line in this file.
            for loc, pos in sdoc.positions.items():
                if loc[:1] == (key,) and len(loc) > 1 and isinstance(loc[1], int):
                    positions[(key[:-1], len(inherited) + loc[1], *loc[2:])] = pos
        elif key != "extends":
            merged[key] = value
    return YamlDoc(sdoc.path, merged, positions, sdoc.bases)
