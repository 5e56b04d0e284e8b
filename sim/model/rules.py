"""An actor's rules: red lines and preconditions it has stated (each quoting its source),
and the model's own assumptions, kept apart so a reader never mistakes one for the other.

- A **red line** refuses every format that matches `forbid:` or fails `require:`.
- A **precondition** refuses the formats matching `when:` unless the world satisfies
  `require_state:`.
- An **assumed rule** (under `assumptions:`) does either, for a behaviour the model needs
  and no sentence states; it says why.
- A **lapse** (under `lapses:`) switches an actor's rules off while the world satisfies
  `when:` (e.g. a side that has lost the means to hold its positions); an assumption too,
  always shown by `explain`, never silent.
"""
from __future__ import annotations

from typing import Optional, Union

from pydantic import Field, model_validator

from .base import Assumed, Cond, Id, Quoted


class RedLine(Quoted):
    """A hard rule: a format that matches `forbid`, or fails `require`, is refused."""

    id: Id
    says: str
    forbid: Optional[Cond] = None
    require: Optional[Cond] = None
    active_when: Optional[Cond] = None
    public: bool = True
    enabled: bool = True

    @model_validator(mode="after")
    def _has_test(self) -> "RedLine":
        if self.forbid is None and self.require is None:
            raise ValueError("a red line needs 'forbid:' or 'require:' (or both)")
        return self


class Precondition(Quoted):
    """World state that must hold before the actor attends (formats matching `when`)."""

    id: Id
    says: str
    when: Optional[Cond] = None
    require_state: Cond
    public: bool = True
    enabled: bool = True


class AssumedRule(Assumed):
    """A rule the model assumes: like a red line (`forbid`/`require`) or, with
    `require_state`, like a precondition."""

    id: Id
    says: str
    forbid: Optional[Cond] = None
    require: Optional[Cond] = None
    when: Optional[Cond] = None
    require_state: Optional[Cond] = None
    active_when: Optional[Cond] = None
    public: bool = False
    enabled: bool = True

    @model_validator(mode="after")
    def _has_test(self) -> "AssumedRule":
        if self.forbid is None and self.require is None and self.require_state is None:
            raise ValueError("an assumed rule needs 'forbid:', 'require:' or "
                             "'require_state:'")
        if self.require_state is not None and (self.forbid or self.require):
            raise ValueError("an assumed rule is either like a red line ('forbid:'/"
                             "'require:') or like a precondition ('when:' and "
                             "'require_state:'), not both")
        return self


class Lapse(Assumed):
    """While `when` holds, the listed rules (all of the actor's, if none are listed) do not
    bind."""

    id: Id
    says: str
    when: Cond
    rules: list[Id] = Field(default_factory=list, description="rule ids (empty: every rule)")
    enabled: bool = True


Rule = Union[RedLine, Precondition, AssumedRule]
