"""Read a scenario and its params files into a checked `Scenario`, or explain what is wrong.

The steps, in order: read YAML (with positions) -> apply overrides to the raw data ->
validate each file with its pydantic model -> check references across files. Every
mistake found on the way becomes a `Problem` with file, line, column and key path; all of
them are raised together as one `InputError`, so a teacher fixes a file in one pass.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import warnings
from pathlib import Path
from typing import Any, Sequence

from ..model.actors import Actor
from ..model.scenario import Scenario, ScenarioFile
from ..model.sources import BibliographyFile
from ..model.space import FormatSpace, FormatSpaceFile
from ..model.state import WorldStateFile
from . import history_refs, references
from .bundle import Bundle, file_kind, read_scenario, scenario_overrides
from .errors import InputError, InputWarning, Problem, dotted
from .hints import neighbours
from .overrides import Override, parse_set
from .validation import validate
from .yamlfile import YamlDoc, read_text, read_yaml


def load_scenario(path: str | Path, sets: Sequence[str | Override] = ()) -> Scenario:
    """Load a scenario with its params files and overrides (`--set` strings or Overrides)."""
    path = Path(path)
    sdoc = read_scenario(path)
    spec0, problems = validate(YamlDoc(sdoc.path, copy.deepcopy(sdoc.data), sdoc.positions),
                               ScenarioFile)
    if problems:
        raise InputError(problems)
    param_docs = []
    for i, name in enumerate(spec0.params):
        file = Path(os.path.normpath(path.parent / name))
        if not file.is_file():
            raise sdoc.error(f"params file '{name}' not found (looked for {file}). Paths are "
                             f"relative to the scenario file.{neighbours(file)}",
                             ("params", i))
        param_docs.append(read_yaml(file))
    bundle = Bundle(sdoc, param_docs)
    for override in scenario_overrides(sdoc) + [parse_set(s) if isinstance(s, str) else s
                                                 for s in sets]:
        bundle.apply(override)
    scenario = _resolve(bundle, overrides_text=[str(s) for s in sets], bases=sdoc.bases)
    for where, what in scenario.warnings:
        warnings.warn(InputWarning(Problem(where, what)), stacklevel=2)
    return scenario


def _resolve(bundle: Bundle, overrides_text: Sequence[str] = (),
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

    for found in references.check_space(space):  # the rules' names depend on it: first
        report(*found)
    if problems:
        raise InputError(problems)
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
    for found in history_refs.check_proposals(spec.proposals, space, actors):
        report(*found)
    if spec.history and not (bundle.scenario.path.parent / spec.history).is_file():
        report("scenario", ("history",), f"no scenario file '{spec.history}' (paths are "
                                         f"relative to this file).")
    for found in references.check_roles(space, actors):
        report(*found)
    for found in history_refs.check_record(spec.record, space, world.variables, actors,
                                         spec.start, spec.start + dt.timedelta(
                                             days=spec.horizon_days)):
        report(*found)
    if spec.record is not None:
        for loc, message in references.check_citations(spec.record, ("record",), biblio):
            report("scenario", loc, message)
    for found in references.check_state(spec.state, world.variables):
        report(*found)

    def unique(owner: str, entries: list[tuple[tuple, object]], what: str) -> None:
        """Each key once: a second rule or event with the same id would be ambiguous in
        tables, --set paths and explanations."""
        first: dict[object, tuple] = {}
        for loc, key in entries:
            if key not in first:
                first[key] = loc
                continue
            line = docs[owner].where(first[key])[0]
            report(owner, loc, f"{what} {key} is given twice: here and at "
                               f"{dotted(first[key][:-1])} (line {line}). Give each its own "
                               f"id, or delete one.")

    for name, actor in actors.items():
        unique(name, [((g, i, "id"), f"'{r.id}'") for g in ("red_lines", "preconditions",
                                                           "assumptions", "lapses",
                                                           "reactions")
                      for i, r in enumerate(getattr(actor, g))], "the rule id")
        unique(name, [(("preferences", i, "id" if p.id else "dimension"),
                       f"'{p.id or p.dimension}'")
                      for i, p in enumerate(actor.preferences)],
               "the preference")
    unique("scenario", [(("events", i, "id"), f"'{e.id}'") for i, e in enumerate(spec.events)],
           "the event id")
    unique("scenario", [(("proposals", i, "date"),
                         f"(by {p.proposer} on {p.date}, {p.format})")
                        for i, p in enumerate(spec.proposals)], "the same proposal")
    if problems:
        raise InputError(problems)
    _warn_outside(spec, lambda loc, message: warnings.warn(InputWarning(
        Problem(str(docs["scenario"].path), message, *docs["scenario"].where(loc), loc)),
        stacklevel=4))
    files = (bundle.scenario.path, *bases, *(d.path for d in bundle.singles.values()),
             *(d.path for d in bundle.actors.values()))
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.read_bytes())
    for text in overrides_text:
        digest.update(text.encode())
    return Scenario(name=bundle.scenario.path.stem, path=bundle.scenario.path, spec=spec,
                    space=space, variables=dict(world.variables), actors=actors,
                    articles=dict(biblio.articles), digest=digest.hexdigest(), files=files,
                    warnings=tuple(bundle.warnings), bases=tuple(bases),
                    sets=tuple(overrides_text), speakers=dict(biblio.speakers))


def _warn_outside(spec: ScenarioFile, warn) -> None:
    """Dated events and proposals outside [start, start + horizon) never happen in a run:
    probably a typo in a date or a horizon too short."""
    end = spec.start + dt.timedelta(days=spec.horizon_days)
    for group, items in (("events", spec.events), ("proposals", spec.proposals)):
        for i, item in enumerate(items):
            if item.date is None or spec.start <= item.date < end:
                continue
            name = f"event '{item.id}'" if group == "events" else f"the proposal by {item.proposer}"
            where = (f"before the start ({spec.start})" if item.date < spec.start else
                     f"on or after the end of the horizon ({end}, {spec.horizon_days} days "
                     f"from the start)")
            warn((group, i, "date"), f"{name} is dated {item.date}, {where}, so it never "
                                     f"happens in a run. Check the date, 'start:' and "
                                     f"'horizon_days:'.")


def check_file(path: str | Path, params_dir: str | Path | None = None
               ) -> tuple[str, Scenario, str | None]:
    """Validate one file: a scenario fully; a params file within the params set it belongs
    to (its own folder, or `params_dir`), where it stands in for the file of the same kind
    and id. Returns a one-line summary, the scenario it was checked in, and which part of
    it is the file (None: all of it; an actor id; '' for the other params kinds). Raises
    InputError on any problem."""
    path = Path(path)
    doc = read_yaml(path)
    kind = file_kind(doc)
    if kind == "scenario":
        sc = load_scenario(path)
        return (f"{path}: ok (scenario '{sc.name}', {len(sc.actors)} actors, "
                f"{len(sc.space)} formats)", sc, None)
    if params_dir is not None and not Path(params_dir).is_dir():
        raise InputError.one("no such folder of params files.", params_dir)
    own = [p for p in path.parent.glob("*.yaml") if "kind: format_space" in read_text(p)]
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
    bundle = Bundle(fake, siblings + [doc])
    sc = _resolve(bundle)
    return f"{path}: ok ({kind})", sc, str(doc.data.get("id")) if kind == "actor" else ""
