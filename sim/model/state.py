"""World-state variables: what events, reactions and moves change, and rules read."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from . import conditions
from .base import Id, Strict
from .conditions import Scalar


class Variable(Strict):
    """A world-state variable: its values, in order (events may step along them)."""

    says: str
    values: list[Scalar] = Field(min_length=2)
    default: Scalar

    @model_validator(mode="after")
    def _default_known(self) -> "Variable":
        if not any(conditions.same(self.default, v) for v in self.values):
            raise ValueError(f"default {self.default!r} is not one of its values "
                             f"{self.values}")
        return self


class WorldStateFile(Strict):
    kind: Literal["world_state"]
    variables: dict[Id, Variable]


