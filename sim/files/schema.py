"""The file kinds and their JSON Schema, for `negsim check` and for editors.

Why here: the models themselves live in `sim.model` (they are what the code works with);
this module names which model reads which `kind:` of file, and exports them as JSON Schema
so an editor completes keys and flags unknown ones as a teacher types. Given a params
folder, the schema also carries its names as enums: the dimensions' values, the values
each attribute declares, the world-state values. Then an editor warns at a typo such as
`venue.control: [atlantis]` before negsim is run.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Union

from pydantic import BaseModel, Field, TypeAdapter
from typing_extensions import Annotated

from ..model import conditions
from ..model.actors import Actor
from ..model.scenario import ScenarioFile
from ..model.sources import BibliographyFile
from ..model.space import LABEL, FormatSpace, FormatSpaceFile
from ..model.state import Variable, WorldStateFile
from .errors import InputError
from .validation import validate
from .yamlfile import read_yaml

FILE_KINDS: dict[str, type[BaseModel]] = {
    "scenario": ScenarioFile, "actor": Actor, "format_space": FormatSpaceFile,
    "world_state": WorldStateFile, "bibliography": BibliographyFile,
}
SINGLE_KINDS = ("format_space", "world_state", "bibliography")
Names = tuple[FormatSpace, dict[str, Variable]]


def schema_kinds() -> list[str]:
    return list(FILE_KINDS)


def json_schema(kind: str = "any", names: Names | None = None) -> dict[str, Any]:
    """JSON Schema of one file kind, or of any file (a union keyed by `kind:`); with the
    `names` of a params folder, its values as enums."""
    if kind != "any":
        schema = FILE_KINDS[kind].model_json_schema()
    else:
        union = Annotated[Union[tuple(FILE_KINDS.values())], Field(discriminator="kind")]
        schema = TypeAdapter(union).json_schema()
    scenario = schema if kind == "scenario" else schema.get("$defs", {}).get("ScenarioFile")
    if scenario is not None:  # a scenario that `extends:` another takes these from it
        inherited = ["start", "params"]
        scenario["required"] = [k for k in scenario["required"] if k not in inherited]
        scenario["anyOf"] = [{"required": ["extends"]}, {"required": inherited}]
        for key in ("events", "proposals"):  # `events+:` adds to the base's list
            scenario["properties"][key + "+"] = {
                **scenario["properties"][key], "title": f"{key} added to the base's",
                "description": f"with extends: these {key} are added to the base's"}
    if names is not None:
        _add_names(schema, kind, *names)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"negsim {kind} file")
    return schema


def read_names(folder: str | Path) -> Names:
    """The format space and world-state variables of a params folder."""
    found: dict[str, Any] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        doc = read_yaml(path)
        kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        if kind in ("format_space", "world_state"):
            model, problems = validate(doc, FILE_KINDS[kind])
            if problems:
                raise InputError(problems)
            found[kind] = model
    if len(found) < 2:
        raise InputError.one("this folder needs a format_space and a world_state file to "
                             "take names from (see params/).", folder)
    return FormatSpace(found["format_space"]), dict(found["world_state"].variables)


def _one_or_list(values: Iterable[Any]) -> dict[str, Any]:
    enum = {"enum": list(values)}
    return {"anyOf": [enum, {"type": "array", "items": enum, "minItems": 1}]}


def _condition(space: FormatSpace, variables: dict[str, Variable]) -> dict[str, Any]:
    ref = {"$ref": "#/$defs/Condition"}
    props: dict[str, Any] = {"all": {"type": "array", "items": ref, "minItems": 1},
                             "any": {"type": "array", "items": ref, "minItems": 1},
                             "not": ref}
    for dim in space.dimensions:
        props[dim] = _one_or_list(space.values[dim])
        for attr in sorted(space.attribute_names(dim)):
            props[f"{dim}.{attr}"] = _one_or_list(space.domain(dim, attr))
    for name, var in variables.items():
        props[name] = _one_or_list(var.values)
    return {**conditions.JSON_SCHEMA, "properties": props, "additionalProperties": False}


def _replace(node: Any, old: dict, new: dict) -> Any:
    if node == old:
        return dict(new)
    if isinstance(node, dict):
        return {k: _replace(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace(v, old, new) for v in node]
    return node


def _add_names(schema: dict, kind: str, space: FormatSpace,
               variables: dict[str, Variable]) -> None:
    defs = schema.setdefault("$defs", {})
    defs.update(_replace(defs, conditions.JSON_SCHEMA, {"$ref": "#/$defs/Condition"}))
    schema["properties"] = _replace(schema.get("properties", {}), conditions.JSON_SCHEMA,
                                    {"$ref": "#/$defs/Condition"})
    defs["Condition"] = _condition(space, variables)
    spaces = schema if kind == "format_space" else defs.get("FormatSpaceFile")
    if spaces is not None:
        spaces["properties"]["dimensions"]["properties"] = {dim: {
            "allOf": [{"$ref": "#/$defs/Dimension"}],
            "properties": {"values": {"additionalProperties": {"anyOf": [
                {"type": "null"},
                {"type": "object", "additionalProperties": False,
                 "properties": {LABEL: {"type": "string"},
                                **{a: _one_or_list(space.domain(dim, a))
                                   for a in sorted(space.attribute_names(dim))}}}]}}}}
            for dim in space.dimensions}
    proposal = defs.get("ScriptedProposal")
    if proposal is not None:
        proposal["properties"]["format"] = {
            "type": "object", "additionalProperties": False, "required": space.dimensions,
            "properties": {d: {"enum": space.values[d]} for d in space.dimensions}}
