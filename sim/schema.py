"""The shape of every YAML file, as pydantic models.

Why pydantic: the same models validate a teacher's file (with messages that name the key),
give editors a JSON Schema (`negsim schema`), and are the typed objects the code works
with. References *between* files (a venue named in a rule, an actor named as host) are
checked afterwards in `loading.py`, because one file alone cannot know them.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, ConfigDict, Discriminator, Field, PlainValidator,
                      StringConstraints, Tag, WithJsonSchema, field_validator, model_validator)

from . import conditions
from .conditions import Condition, Scalar

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Cond = Annotated[Condition, PlainValidator(lambda v: conditions.parse(v)),
                 WithJsonSchema(conditions.JSON_SCHEMA)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True,
                              allow_inf_nan=False)


class Citation(Strict):
    """Where a rule comes from: an article id (see bibliography.yaml) and its exact words."""

    article: Id
    quote: Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]


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


class Sourced(Cited):
    """A rule or value backed by the sources, or marked as an assumption with its reason."""

    @model_validator(mode="after")
    def _cited(self) -> "Sourced":
        if self.source is None and self.assumption is None:
            raise ValueError("every rule needs 'source:' (article id and verbatim quote) or "
                             "'assumption:' (why the articles are silent and what you "
                             "assumed)")
        return self


# --- format space and world state -------------------------------------------------------

class Dimension(Strict):
    """One aspect of a meeting format; its values may carry attributes (label, host...)."""

    says: str
    values: dict[Id, Optional[dict[Id, Scalar]]]


class FormatSpaceFile(Strict):
    kind: Literal["format_space"]
    dimensions: dict[Id, Dimension]
    party_attributes: list[str] = Field(
        default_factory=list,
        description="value attributes that name an actor who must accept a format, "
                    "e.g. venue.host and mediation.mediator")


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


class Article(Strict):
    title: str
    outlet: str
    authors: list[str]
    published: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
    note: Optional[str] = None


class BibliographyFile(Strict):
    kind: Literal["bibliography"]
    articles: dict[Id, Article]


# --- actors -----------------------------------------------------------------------------

class Fixed(Cited):
    """A single value, with its source or assumption."""

    value: float


class Uniform(Cited):
    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> "Uniform":
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class Triangular(Cited):
    dist: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> "Triangular":
        if not self.low <= self.mode <= self.high:
            raise ValueError("need low <= mode <= high")
        return self


def _quantity_tag(v: Any) -> str | None:
    """Pick the union member from the data, so a mistake gives one message, not four."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return "#number"
    if isinstance(v, str):
        try:
            float(v)  # YAML 1.1 reads 1e-5 as a string
            return "#number"
        except ValueError:
            return None
    if isinstance(v, BaseModel):
        return {Fixed: "#fixed", Uniform: "#uniform", Triangular: "#triangular"}.get(type(v))
    if isinstance(v, dict):
        dist = v.get("dist")
        return "#fixed" if dist is None else {"uniform": "#uniform",
                                              "triangular": "#triangular"}.get(dist)
    return None


Quantity = Annotated[
    Union[Annotated[float, Tag("#number")], Annotated[Fixed, Tag("#fixed")],
          Annotated[Uniform, Tag("#uniform")], Annotated[Triangular, Tag("#triangular")]],
    Discriminator(_quantity_tag, custom_error_type="quantity",
                  custom_error_message="expected a number, {value: x}, {dist: uniform, low, "
                                       "high} or {dist: triangular, low, mode, high}")]


def bounds(q: Quantity) -> tuple[float, float]:
    """The lowest and highest value a number or distribution can take."""
    if isinstance(q, (int, float)):
        return float(q), float(q)
    if isinstance(q, Fixed):
        return q.value, q.value
    return q.low, q.high


def check_range(q: Quantity, what: str, low: float, high: float | None = None) -> None:
    """Raise ValueError unless every value of `q` lies in [low, high]."""
    lo, hi = bounds(q)
    if lo < low or (high is not None and hi > high):
        span = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
        raise ValueError(f"{what} must be {span}; got values from {lo:g} to {hi:g}")


def central(q: Quantity) -> float:
    """The central value (the mean) that the exact feasibility table uses."""
    if isinstance(q, (int, float)):
        return float(q)
    if isinstance(q, Fixed):
        return q.value
    if isinstance(q, Uniform):
        return (q.low + q.high) / 2
    return (q.low + q.mode + q.high) / 3


class RedLine(Sourced):
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


class Precondition(Sourced):
    """World state that must hold before the actor attends (formats matching `when`)."""

    id: Id
    says: str
    when: Optional[Cond] = None
    require_state: Cond
    public: bool = True
    enabled: bool = True


class Preference(Sourced):
    """How much the actor likes each value of one dimension (scores in [0, 1])."""

    dimension: Id
    weight: Annotated[float, Field(ge=0.0)]
    scores: dict[Id, Unit]
    default: Optional[Unit] = None


class Proposer(Sourced):
    """The actor proposes meetings on its own schedule (random intervals, in days)."""

    interval: Quantity = Field(description="days between proposals")
    active_when: Optional[Cond] = Field(None, description="proposes only while this holds")
    forget_after_days: Annotated[float, Field(gt=0)] = Field(
        30.0, description="a format refused for its value is not proposed again for this "
                          "many days, unless the world state changes")

    @field_validator("interval")
    @classmethod
    def _positive(cls, q: Quantity) -> Quantity:
        check_range(q, "the interval between proposals (days)", 0.01)
        return q


class Concession(Sourced):
    """While `when` holds, the reservation level falls by `per_day` (negative: hardens)."""

    when: Cond
    per_day: float
    floor: Unit = 0.0
    ceiling: Unit = 1.0


class Influence(Sourced):
    """An influencer shifts another actor's reservation while `when` holds."""

    target: Id
    reservation_shift: Annotated[float, Field(ge=-1.0, le=1.0)]
    when: Optional[Cond] = None


class Reaction(Sourced):
    """After an outcome (a refusal by `by`, a meeting held or cancelled) of a format
    matching `format`, with `probability`, change the world state after `delay` days."""

    id: Id
    after: Literal["refused", "held", "cancelled"]
    by: Optional[Id] = Field(None, description="for 'refused': whose refusal")
    format: Optional[Cond] = None
    probability: Unit
    delay: Quantity = 0.0
    set: dict[Id, Scalar] = Field(min_length=1)

    @field_validator("delay")
    @classmethod
    def _not_negative(cls, q: Quantity) -> Quantity:
        check_range(q, "a reaction's delay (days)", 0.0)
        return q


class Actor(Strict):
    """One actor's stated positions: who it is, what it refuses, what it prefers."""

    kind: Literal["actor"]
    id: Id
    name: str
    roles: list[Literal["principal", "mediator", "host", "influencer"]] = Field(min_length=1)
    summary: Optional[str] = None
    red_lines: list[RedLine] = Field(default_factory=list)
    preconditions: list[Precondition] = Field(default_factory=list)
    preferences: list[Preference] = Field(default_factory=list)
    reservation: Quantity = Field(description="utility in [0, 1] below which the actor "
                                              "refuses; a number or a distribution")
    response_delay: Quantity = Field(description="days the actor takes to answer")
    proposer: Optional[Proposer] = None
    counter_probability: Unit = Field(0.0, description="chance a refusal comes with a "
                                                       "counter-proposal")
    concessions: list[Concession] = Field(default_factory=list)
    influence: list[Influence] = Field(default_factory=list)
    reactions: list[Reaction] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Actor":
        ids = ([r.id for r in self.red_lines] + [p.id for p in self.preconditions]
               + [r.id for r in self.reactions])
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"rule ids must be unique within an actor; repeated: "
                             f"{', '.join(sorted(dup))}")
        dims = [p.dimension for p in self.preferences]
        dup = {d for d in dims if dims.count(d) > 1}
        if dup:
            raise ValueError(f"one preference per dimension; repeated: {', '.join(sorted(dup))}")
        return self

    @field_validator("reservation")
    @classmethod
    def _unit(cls, q: Quantity) -> Quantity:
        check_range(q, "the reservation level", 0.0, 1.0)
        return q

    @field_validator("response_delay")
    @classmethod
    def _delay(cls, q: Quantity) -> Quantity:
        check_range(q, "the response delay (days)", 0.0)
        return q

    def rule(self, rule_id: str) -> RedLine | Precondition | None:
        for r in (*self.red_lines, *self.preconditions):
            if r.id == rule_id:
                return r
        return None


# --- scenario ---------------------------------------------------------------------------

class Event(Sourced):
    """A change of world state: on a date (scheduled) or at a rate per day (random)."""

    id: Id
    says: str
    date: Optional[dt.date] = None
    hazard_per_day: Optional[Annotated[float, Field(gt=0)]] = None
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


class Expected(Sourced):
    """What happened to a scripted proposal, from the sources."""

    outcome: Literal["held", "refused", "not_held"] = Field(
        description="held; refused (by whom, for which rules, where the sources say); or "
                    "not_held (did not take place, reason unknown)")
    by: list[Id] = Field(default_factory=list, description="who refused")
    reasons: list[Id] = Field(default_factory=list,
                              description="rule ids the sources give for the refusal")


class ScriptedProposal(Sourced):
    """A proposal the sources report, delivered by the engine on its date."""

    date: dt.date
    proposer: Id
    format: dict[Id, Id]
    note: str
    expected: Optional[Expected] = None


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
    title: str
    question: Optional[str] = None
    start: dt.date
    params: list[str] = Field(min_length=1, description="params files, relative to this file")
    state: dict[Id, Annotated[
        Union[Annotated[Scalar, Tag("#scalar")], Annotated[StateSetting, Tag("#setting")]],
        Discriminator(lambda v: "#setting" if isinstance(v, (dict, StateSetting))
                      else "#scalar")]] = Field(default_factory=dict)
    overrides: dict[str, Any] = Field(
        default_factory=dict, description="PATH: VALUE pairs, as negsim --set PATH=VALUE")
    horizon_days: Annotated[int, Field(gt=0)] = 90
    replications: Annotated[int, Field(gt=0)] = 1000
    seed: Annotated[int, Field(ge=0)] = 0
    stop_at_first_meeting: bool = False
    lead_time: Quantity = Field(default_factory=lambda: Uniform(
        dist="uniform", low=2, high=7, assumption="days from agreement to the meeting"))
    events: list[Event] = Field(default_factory=list)

    @field_validator("lead_time")
    @classmethod
    def _lead_time(cls, q: Quantity) -> Quantity:
        check_range(q, "the lead time (days)", 0.0)
        return q

    proposals: list[ScriptedProposal] = Field(default_factory=list)
    history: Optional[str] = Field(None, description="a scenario with the historical "
                                   "proposals and outcomes (relative to this file), shown "
                                   "in the role-play debrief")
    actor_proposals: bool = Field(True, description="false: only the scripted proposals "
                                                    "(no proposers, no counter-proposals)")


FILE_KINDS: dict[str, type[Strict]] = {
    "scenario": ScenarioFile, "actor": Actor, "format_space": FormatSpaceFile,
    "world_state": WorldStateFile, "bibliography": BibliographyFile,
}
