"""Read a scenario and its params files into a checked `Scenario`, or explain what is wrong.

The steps, in order: read YAML (with positions) -> apply overrides to the raw data ->
validate each file with its pydantic model -> check references across files. Every
mistake found on the way becomes a `Problem` with file, line, column and key path; all of
them are raised together as one `InputError`, so a teacher fixes a file in one pass.
"""
from __future__ import annotations

import copy
import hashlib
import os
import types
from pathlib import Path
from typing import Annotated, Any, Iterable, Sequence, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from . import references
from .errors import InputError, Problem, known
from .overrides import Override, apply, parse_set
from .scenario import Scenario
from .schema import (FILE_KINDS, Actor, BibliographyFile, FormatSpaceFile, ScenarioFile,
                     WorldStateFile)
from .space import FormatSpace
from .yamlfile import YamlDoc, read_yaml

SINGLE_KINDS = ("format_space", "world_state", "bibliography")


# --- pydantic errors -> problems with a line ------------------------------------------

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
                problems.append(Problem(origin.origin(), f"{origin.path}={origin.value!r}: "
                                        f"{message}", origin.line, origin.column))
            else:
                line, column = doc.where(loc)
                problems.append(Problem(str(doc.path), message, line, column, loc))
        return None, problems


# --- reading files ----------------------------------------------------------------------

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


class _Bundle:
    """The raw documents of one scenario, keyed for overrides: 'scenario', actor ids, kinds."""

    def __init__(self, scenario: YamlDoc, params: list[YamlDoc]):
        self.scenario = scenario
        self.singles: dict[str, YamlDoc] = {}
        self.actors: dict[str, YamlDoc] = {}
        problems: list[Problem] = []
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
        target, loc = apply(self.docs(), override, self.fields_at)
        self.overridden.setdefault(target, []).append((loc, override))


def _scenario_overrides(doc: YamlDoc) -> list[Override]:
    raw = doc.data.get("overrides") or {}
    if not isinstance(raw, dict):
        return []
    return [Override(str(path), value, str(doc.path), *doc.where(("overrides", path)))
            for path, value in raw.items()]


MERGED_KEYS = ("state", "overrides")


def _read_scenario(path: Path, seen: tuple[Path, ...] = ()) -> YamlDoc:
    """The scenario's document, with its `extends:` base merged in (params paths made
    relative to this file; `state` and `overrides` merged key by key, the rest replaced).
    `sdoc.bases` lists the base files, which belong to the scenario's hash."""
    sdoc = read_yaml(path)
    if file_kind(sdoc) != "scenario":
        raise sdoc.error(f"this is a '{sdoc.data['kind']}' file, not a scenario. Give a file "
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
                         f"relative to this one (looked for {base_path}).", ("extends",))
    base_doc = _read_scenario(base_path, chain)
    sdoc.bases = [base_path, *base_doc.bases]
    base = base_doc.data
    merged = copy.deepcopy(base)
    def rebase(p: object) -> str:
        return os.path.relpath(base_path.parent / str(p), path.parent)
    if isinstance(merged.get("params"), list):
        merged["params"] = [rebase(p) for p in merged["params"]]
    if isinstance(merged.get("history"), str):
        merged["history"] = rebase(merged["history"])
    for key, value in sdoc.data.items():
        if key in MERGED_KEYS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        elif key != "extends":
            merged[key] = value
    return YamlDoc(sdoc.path, merged, sdoc.positions, sdoc.bases)


def load_scenario(path: str | Path, sets: Sequence[str | Override] = ()) -> Scenario:
    """Load a scenario with its params files and overrides (`--set` strings or Overrides)."""
    path = Path(path)
    sdoc = _read_scenario(path)
    spec0, problems = validate(YamlDoc(sdoc.path, copy.deepcopy(sdoc.data), sdoc.positions),
                               ScenarioFile)
    if problems:
        raise InputError(problems)
    param_docs = []
    for i, name in enumerate(spec0.params):
        file = Path(os.path.normpath(path.parent / name))
        if not file.is_file():
            raise sdoc.error(f"params file '{name}' not found (looked for {file}). Paths are "
                             f"relative to the scenario file.", ("params", i))
        param_docs.append(read_yaml(file))
    bundle = _Bundle(sdoc, param_docs)
    for override in _scenario_overrides(sdoc) + [parse_set(s) if isinstance(s, str) else s
                                                 for s in sets]:
        bundle.apply(override)
    return _resolve(bundle, overrides_text=[str(s) for s in sets],
                    bases=sdoc.bases)


def _resolve(bundle: _Bundle, overrides_text: Sequence[str] = (),
             bases: Sequence[Path] = ()) -> Scenario:
    problems: list[Problem] = []

    def check(doc: YamlDoc, model: type, key: str) -> Any:
        obj, found = validate(doc, model, bundle.overridden.get(key, []))
        problems.extend(found)
        return obj

    spec = check(bundle.scenario, ScenarioFile, "scenario")
    space_file = check(bundle.singles["format_space"], FormatSpaceFile, "format_space")
    world = check(bundle.singles["world_state"], WorldStateFile, "world_state")
    biblio = check(bundle.singles["bibliography"], BibliographyFile, "bibliography")
    actors = {name: check(doc, Actor, name) for name, doc in bundle.actors.items()}
    if problems:
        raise InputError(problems)
    space = FormatSpace(space_file)
    docs = {"scenario": bundle.scenario, "format_space": bundle.singles["format_space"],
            **bundle.actors}

    def report(owner: str, loc: tuple, message: str) -> None:
        origin = next((o for prefix, o in bundle.overridden.get(owner, [])
                       if loc[:len(prefix)] == prefix), None)
        if origin is not None:
            problems.append(Problem(origin.origin(), f"{origin.path}: {message}", origin.line,
                                    origin.column))
            return
        doc = docs[owner]
        problems.append(Problem(str(doc.path), message, *doc.where(loc), loc))

    for name, actor in actors.items():
        for loc, message in references.check_actor(actor, space, world.variables, biblio):
            report(name, loc, message)
        for loc, message in references.check_dynamics(actor, set(actors), space,
                                                       world.variables):
            report(name, loc, message)
    for found in references.check_events(spec.events, space, world.variables, biblio):
        report(*found)
    for loc, message in references.check_citations(spec.state, ("state",), biblio):
        report("scenario", loc, message)
    for loc, message in references.check_citations(spec.proposals, ("proposals",), biblio):
        report("scenario", loc, message)
    for found in references.check_proposals(spec.proposals, space, actors):
        report(*found)
    if spec.history and not (bundle.scenario.path.parent / spec.history).is_file():
        report("scenario", ("history",), f"no scenario file '{spec.history}' (paths are "
                                         f"relative to this file).")
    for found in references.check_roles(space, actors):
        report(*found)
    for found in references.check_state(spec.state, world.variables):
        report(*found)
    if problems:
        raise InputError(problems)
    files = (bundle.scenario.path, *bases, *(d.path for d in bundle.singles.values()),
             *(d.path for d in bundle.actors.values()))
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.read_bytes())
    for text in overrides_text:
        digest.update(text.encode())
    return Scenario(name=bundle.scenario.path.stem, path=bundle.scenario.path, spec=spec,
                    space=space, variables=dict(world.variables), actors=actors,
                    articles=dict(biblio.articles), digest=digest.hexdigest(), files=files)


def check_file(path: str | Path, params_dir: str | Path | None = None) -> str:
    """Validate one file: a scenario fully; a params file within the params set it belongs
    to (its own folder, or `params_dir`), where it stands in for the file of the same kind
    and id. Returns a one-line summary; raises InputError on any problem."""
    path = Path(path)
    doc = read_yaml(path)
    kind = file_kind(doc)
    if kind == "scenario":
        sc = load_scenario(path)
        return (f"{path}: ok (scenario '{sc.name}', {len(sc.actors)} actors, "
                f"{len(sc.space)} formats)")
    if params_dir is not None and not Path(params_dir).is_dir():
        raise InputError.one("no such folder of params files.", params_dir)
    own = [p for p in path.parent.glob("*.yaml")
           if p != path and "kind: format_space" in p.read_text(errors="replace")]
    folder = Path(params_dir) if params_dir else (path.parent if own else Path("params"))
    siblings = []
    for other in sorted(folder.glob("*.yaml")):
        if other.resolve() == path.resolve():
            continue
        odoc = read_yaml(other)
        okind = file_kind(odoc)
        same = okind == kind and (kind != "actor" or odoc.data.get("id") == doc.data.get("id"))
        if okind != "scenario" and not same:
            siblings.append(odoc)
    fake = YamlDoc(path, {"kind": "scenario", "title": "check", "start": "2023-01-01",
                          "params": [str(path)]}, {})
    bundle = _Bundle(fake, siblings + [doc])
    _resolve(bundle)
    return f"{path}: ok ({kind})"
