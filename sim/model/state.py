"""World-state variables: what events, reactions and moves change, and rules read."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from . import conditions
from .base import Id, Strict
from .conditions import Scalar


class Variable(Strict):
    """A world-state variable: its values, in order (events may step along them)."""

    says: str
    label: Optional[str] = Field(None, description="a short name for figures and tables, "
                                                   "e.g. 'Lachin road'")
    values: list[Scalar] = Field(min_length=2)
    labels: dict[Scalar, str] = Field(default_factory=dict,
                                      description="each value in words, e.g. {true: "
                                                  "blocked, false: open}")
    default: Scalar

    @model_validator(mode="after")
    def _default_known(self) -> "Variable":
        if not any(conditions.same(self.default, v) for v in self.values):
            raise ValueError(f"default {self.default!r} is not one of its values "
                             f"{self.values}")
        unknown = [k for k in self.labels if not any(conditions.same(k, v)
                                                       for v in self.values)]
        if unknown:
            raise ValueError(f"labels name values the variable does not have: {unknown}; "
                             f"its values are {self.values}")
        return self

    def words(self, value: Scalar) -> str:
        """A value in words (its label), or as written."""
        for key, text in self.labels.items():
            if conditions.same(key, value):
                return text
        return str(value).lower() if isinstance(value, bool) else str(value)

    def name(self, variable: str) -> str:
        return self.label or variable.replace("_", " ")


class WorldStateFile(Strict):
    kind: Literal["world_state"]
    variables: dict[Id, Variable]


