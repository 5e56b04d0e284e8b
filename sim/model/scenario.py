"""A scenario: one teaching case as a file model, and loaded with its params and checked.

Why a plain object: everything else (evaluate, feasibility, the engine, the CLI) takes a
`Scenario` and never reads files itself, so notebooks and tests can build or tweak one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional, Union

from pydantic import (Discriminator, Field, StringConstraints, Tag, field_validator,
                      model_validator)
from typing_extensions import Annotated

from .actors import Actor
from . import limits
from .base import Cond, Date, Id, Sourced, Strict
from .conditions import Scalar
from .quantities import Quantity, Uniform, check_range
from .sources import Article, Speaker
from .space import Format, FormatSpace
from .state import Variable


# About 90 years: a typo such as 900000 would never end, and a first-meeting day is kept
# in two bytes per replication (studies' `array("h")`, the sweep ledger), up to 32,767.
MAX_HORIZON = limits.MAX_DAYS
PerDay = Annotated[float, Field(json_schema_extra={
    "exclusiveMinimum": 0, "maximum": 1,
    "description": "probability per day (unit: 1/day), above 0 and at most 1; 0.01 is "
                   "about once in 100 days"})]


class Event(Sourced):
    """A change of world state: on a date (scheduled) or at a rate per day (random)."""

    id: Id
    says: str
    date: Optional[Date] = None
    hazard_per_day: Optional[PerDay] = None
    active_when: Optional[Cond] = Field(None, description="random events: only while this "
                                                          "holds")
    once: bool = True
    set: dict[Id, Scalar] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_trigger(self) -> "Event":
        if (self.date is None) == (self.hazard_per_day is None):
            raise ValueError("an event has either 'date:' (scheduled) or 'hazard_per_day:' "
                             "(random), not both and not neither")
        return self


    @field_validator("hazard_per_day")
    @classmethod
    def _per_day(cls, v: float | None) -> float | None:
        if v is not None and not 0 < v <= 1:
            raise ValueError(f"hazard_per_day is a probability per day, above 0 and at most 1 "
                             f"(0.01: about once in 100 days); got {v:g}")
        return v


OUTCOMES = ("held", "refused", "cancelled", "unanswered", "not_held")


class Expected(Sourced):
    """What happened to a scripted proposal, from the sources."""

    outcome: Literal["held", "refused", "cancelled", "unanswered", "not_held"] = Field(
        description="held; refused (by whom, for which reasons, where the sources say); "
                    "cancelled (agreed, then called off by whom, why); unanswered (no answer "
                    "came); not_held (it did not take place, the sources do not say why)")
    by: list[Id] = Field(default_factory=list, description="who refused or cancelled")
    reasons: list[Annotated[str, StringConstraints(pattern=r"^(event:)?[a-z][a-z0-9_]*$")]] = \
        Field(default_factory=list, description="the reasons the sources give: rule or "
                                                "reaction ids, or event:<id> for an event")


class ScriptedProposal(Sourced):
    """A proposal the sources report, delivered by the engine on its date."""

    id: Optional[Id] = Field(None, description="the row's name in the backtest and its "
                                               "ablation (default: its date)")
    date: Date
    date_estimated: bool = Field(False, description="true when the articles do not give the "
                                                    "day and it was estimated")
    proposer: Id
    format: dict[Id, Id]
    note: str
    expected: Optional[Expected] = None


COUNTS = ("meetings", "proposals", "acceptances", "state")


class RecordItem(Sourced):
    """One thing the sources report for a window of time, counted in every free run: the
    meetings held, the proposals made (by `proposer`, of formats matching `format`), the
    answers accepting (by `by`), or whether the world came to satisfy `state` (1 or 0)."""

    id: Id
    says: str
    count: Literal["meetings", "proposals", "acceptances", "state"]
    proposer: Optional[Id] = None
    by: Optional[Id] = Field(None, description="acceptances: whose")
    format: Optional[Cond] = Field(None, description="only formats matching this (it may "
                                                     "name world state, read at the time)")
    state: Optional[Cond] = Field(None, description="count: state; the condition to reach")
    first_day: Optional[Date] = Field(None, description="default: the record's")
    last_day: Optional[Date] = Field(None, description="default: the record's")
    equals: Optional[Annotated[int, Field(ge=0)]] = None
    at_least: Optional[Annotated[int, Field(ge=0)]] = None
    at_most: Optional[Annotated[int, Field(ge=0)]] = None

    @model_validator(mode="after")
    def _one_value(self) -> "RecordItem":
        if (self.equals is None) == (self.at_least is None and self.at_most is None):
            raise ValueError("a record item gives what the sources report as 'equals: N', "
                             "or as 'at_least: N' and/or 'at_most: N'")
        if (self.count == "state") != (self.state is not None):
            raise ValueError("'state:' goes with 'count: state', and 'count: state' needs it")
        return self

    @property
    def bounds(self) -> tuple[int, float]:
        """The reported value as a range: (low, high), high may be infinite."""
        if self.equals is not None:
            return self.equals, self.equals
        return (self.at_least or 0,
                float("inf") if self.at_most is None else self.at_most)


class RecordSpec(Strict):
    """What the sources report over a window, held against the model running by itself
    (its actors propose, answer and react; the scripted proposals are left out)."""

    says: Optional[str] = None
    first_day: Date
    last_day: Date
    seeds: Annotated[int, Field(gt=0, le=limits.MAX_SEEDS)] = 1000
    items: list[RecordItem] = Field(min_length=1)


class StateSetting(Sourced):
    """A starting value of a world-state variable, with the source that reports it."""

    value: Scalar


def state_value(v: Union[Scalar, StateSetting]) -> Scalar:
    return v.value if isinstance(v, StateSetting) else v


class ScenarioFile(Strict):
    """One teaching case: which params files, the starting world state, and overrides."""

    kind: Literal["scenario"]
    extends: Optional[str] = Field(None, description="a base scenario (path relative to "
                                   "this file): its keys apply unless given here; state and "
                                   "overrides merge key by key")
    # a title heads every figure and page: a long one is a paragraph, better as `question:`
    title: Annotated[str, StringConstraints(max_length=200)]
    question: Optional[str] = None
    start: Date
    params: list[str] = Field(min_length=1, description="params files, relative to this file")
    state: dict[Id, Annotated[
        Union[Annotated[Scalar, Tag("#scalar")], Annotated[StateSetting, Tag("#setting")]],
        Discriminator(lambda v: "#setting" if isinstance(v, (dict, StateSetting))
                      else "#scalar")]] = Field(default_factory=dict)
    overrides: dict[str, Any] = Field(
        default_factory=dict, description="PATH: VALUE pairs, as negsim --set PATH=VALUE")
    horizon_days: Annotated[int, Field(gt=0, le=MAX_HORIZON,
                                       description="days the talks are simulated, from "
                                                   "`start`")] = 90
    replications: Annotated[int, Field(gt=0, le=limits.MAX_REPLICATIONS)] = 1000
    seed: Annotated[int, Field(ge=0, le=limits.MAX_SEED)] = 0
    stop_at_first_meeting: bool = False
    lead_time: Quantity = Field(default_factory=lambda: Uniform(
        dist="uniform", low=2, high=7, assumption="days from agreement to the meeting"))
    events: list[Event] = Field(default_factory=list)

    @field_validator("lead_time")
    @classmethod
    def _lead_time(cls, q: Quantity) -> Quantity:
        check_range(q, "the lead time (days)", 0.0, limits.MAX_DAYS)
        return q

    proposals: list[ScriptedProposal] = Field(default_factory=list)
    history: Optional[str] = Field(None, description="a scenario with the historical "
                                   "proposals and outcomes (relative to this file), shown "
                                   "in the role-play debrief")
    actor_proposals: bool = Field(True, description="false: only the scripted proposals "
                                                    "(no proposers, no counter-proposals)")
    record: Optional[RecordSpec] = Field(None, description="what the sources report over a "
                                         "window, held against free runs of the model")


@dataclass(frozen=True)
class Scenario:
    name: str
    path: Path
    spec: ScenarioFile
    space: FormatSpace
    variables: dict[str, Variable]
    actors: dict[str, Actor]
    articles: dict[str, Article]
    digest: str = ""
    files: tuple[Path, ...] = field(default=())
    # (where, what) of things read but probably mistaken, e.g. old names read as new ones
    warnings: tuple[tuple[str, str], ...] = field(default=())
    bases: tuple[Path, ...] = field(default=())  # the files it `extends:`, nearest first
    sets: tuple[str, ...] = field(default=())  # the `--set` overrides it was loaded with
    speakers: dict[str, Speaker] = field(default_factory=dict)  # who said each quote

    @property
    def start(self) -> dt.date:
        return self.spec.start

    @property
    def state(self) -> dict[str, Scalar]:
        """The starting world state: each variable's default, then the scenario's values."""
        values = {name: var.default for name, var in self.variables.items()}
        values.update({k: state_value(v) for k, v in self.spec.state.items()})
        return values

    @property
    def principals(self) -> list[str]:
        return [a for a, actor in self.actors.items() if "principal" in actor.roles]

    def parties(self, fmt: Format) -> list[str]:
        """Who must accept a format: both principals, its mediator, its venue's host."""
        names = self.principals
        return names + [a for a in self.space.party_actors(fmt) if a not in names]
