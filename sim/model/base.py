"""The building blocks every params and scenario model shares.

Why one place: a typo in any file must be an error (`Strict` forbids unknown keys), every
rule or number must say where it comes from (`Sourced`), and ids and unit numbers mean the
same thing everywhere.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field,
                      PlainValidator, StringConstraints, Tag, WithJsonSchema, model_validator)

from . import conditions, limits
from .conditions import Condition

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Cond = Annotated[Condition, PlainValidator(lambda v: conditions.parse(v)),
                 WithJsonSchema(conditions.JSON_SCHEMA)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]


def _in_years(value: dt.date) -> dt.date:
    problem = limits.date_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# A date of the case: from 1900 to 2100 (see limits), stated in the schema for editors.
Date = Annotated[dt.date, AfterValidator(_in_years), Field(json_schema_extra={
    "formatMinimum": limits.FIRST_DATE.isoformat(),
    "formatMaximum": limits.LAST_DATE.isoformat(),
    "description": f"a date from {limits.FIRST_YEAR} to {limits.LAST_YEAR}, as YYYY-MM-DD"})]
# Days of a duration (a delay, an interval, a horizon): at most limits.MAX_DAYS.
Days = Annotated[float, Field(le=limits.MAX_DAYS)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True,
                              allow_inf_nan=False)


class Citation(Strict):
    """Where a rule comes from: an article id (see bibliography.yaml), its exact words, and
    who said them (`by`: a speaker of the bibliography), so that an analyst's reading is
    never shown as a side's statement."""

    article: Id
    quote: Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]
    by: Optional[Id] = None  # who said it: a speaker of the bibliography


class Cited(Strict):
    """May carry a source or an assumption (a number inside an already cited item need not)."""

    source: Optional[Annotated[Union[Annotated[Citation, Tag("#one")],
                                     Annotated[list[Citation], Tag("#many")]],
                               Discriminator(lambda v: "#many" if isinstance(v, list)
                                             else "#one")]] = None
    assumption: Optional[Annotated[str, StringConstraints(min_length=3)]] = None

    @property
    def citations(self) -> list[Citation]:
        if self.source is None:
            return []
        return self.source if isinstance(self.source, list) else [self.source]


class Quoted(Cited):
    """A stated position: it must cite the sentence it comes from. (An `assumption:` may
    stand beside the source, to say how a detail the sentence leaves open was read.)"""

    @model_validator(mode="after")
    def _quoted(self) -> "Quoted":
        if self.source is None:
            raise ValueError("a red line or precondition cites the sentence it comes from "
                             "('source:' with the article id and the verbatim quote); a "
                             "behaviour no sentence states goes under 'assumptions:' with "
                             "its reason")
        return self


class Assumed(Cited):
    """A behaviour the model needs and no sentence states: it says why (`assumption:`)."""

    @model_validator(mode="after")
    def _assumed(self) -> "Assumed":
        if self.assumption is None:
            raise ValueError("an item under 'assumptions:' says why the model needs it and "
                             "what was assumed ('assumption:')")
        return self


class Sourced(Cited):
    """A rule or value backed by the sources, or marked as an assumption with its reason."""

    @model_validator(mode="after")
    def _cited(self) -> "Sourced":
        if self.source is None and self.assumption is None:
            raise ValueError("every rule needs 'source:' (article id and verbatim quote) or "
                             "'assumption:' (why the articles are silent and what you "
                             "assumed)")
        return self


