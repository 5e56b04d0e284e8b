"""The file kinds and their JSON Schema, for `negsim check` and for editors.

Why here: the models themselves live in `sim.model` (they are what the code works with);
this module names which model reads which `kind:` of file, and exports them as JSON Schema
so an editor completes keys and flags unknown ones as a teacher types.
"""
from __future__ import annotations

from typing import Any, Union

from pydantic import BaseModel, Field, TypeAdapter
from typing_extensions import Annotated

from ..model.actors import Actor
from ..model.scenario import ScenarioFile
from ..model.sources import BibliographyFile
from ..model.space import FormatSpaceFile
from ..model.state import WorldStateFile

FILE_KINDS: dict[str, type[BaseModel]] = {
    "scenario": ScenarioFile, "actor": Actor, "format_space": FormatSpaceFile,
    "world_state": WorldStateFile, "bibliography": BibliographyFile,
}
SINGLE_KINDS = ("format_space", "world_state", "bibliography")


def schema_kinds() -> list[str]:
    return list(FILE_KINDS)


def json_schema(kind: str = "any") -> dict[str, Any]:
    """JSON Schema of one file kind, or of any file (a union keyed by `kind:`)."""
    if kind != "any":
        schema = FILE_KINDS[kind].model_json_schema()
    else:
        union = Annotated[Union[tuple(FILE_KINDS.values())], Field(discriminator="kind")]
        schema = TypeAdapter(union).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"negsim {kind} file")
    return schema
