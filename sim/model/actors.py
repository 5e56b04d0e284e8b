"""An actor's stated positions as data: red lines, preconditions, preferences, dynamics.

Each rule carries the sentence students read (`says`) and its source quote or assumption;
the decision (`decision.py`) and the engine read these objects, never the YAML.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, field_validator, model_validator

from . import limits
from .base import Cond, Id, Sourced, Strict, Unit
from .conditions import Scalar
from .quantities import Quantity, check_range
from .rules import AssumedRule, Lapse, Precondition, RedLine, Rule


class Preference(Sourced):
    """How much the actor likes each value of one dimension (scores in [0, 1]). With
    `when` (a condition on the world state), the entry counts only while it holds: a
    demand that makes some agendas worth more while, say, the gas lines are disrupted."""

    id: Optional[Id] = Field(None, description="needed when a second preference names the "
                                               "same dimension (its --set address)")
    dimension: Id
    weight: Annotated[float, Field(ge=0.0, le=limits.MAX_WEIGHT)]
    scores: dict[Id, Unit]
    default: Optional[Unit] = None
    when: Optional[Cond] = Field(None, description="counts only while this world-state "
                                                   "condition holds")


class Proposer(Sourced):
    """The actor proposes meetings on its own schedule (random intervals, in days)."""

    interval: Quantity = Field(description="days between proposals")
    active_when: Optional[Cond] = Field(None, description="proposes only while this holds")
    forget_after_days: Annotated[float, Field(gt=0, le=limits.MAX_DAYS)] = Field(
        30.0, description="a format refused for its value is not proposed again for this "
                          "many days, unless the world state changes")
    model_proposes: bool = Field(
        True, description="false: the model in this seat never proposes (the articles "
                          "report no proposal of its own); a person in the seat still may")

    @field_validator("interval")
    @classmethod
    def _positive(cls, q: Quantity) -> Quantity:
        check_range(q, "the interval between proposals (days)", 0.01, limits.MAX_DAYS)
        return q


class Concession(Sourced):
    """While `when` holds, the reservation level falls by `per_day` (negative: hardens)."""

    when: Cond
    # a reservation lives in [0, 1]: no day can move it by more than the whole range
    per_day: Annotated[float, Field(ge=-1.0, le=1.0)]
    floor: Unit = 0.0
    ceiling: Unit = 1.0


class Influence(Sourced):
    """An influencer shifts another actor's reservation while `when` holds."""

    target: Id
    reservation_shift: Annotated[float, Field(ge=-1.0, le=1.0)]
    when: Optional[Cond] = None


class Reaction(Sourced):
    """A move the actor makes in response: after an outcome (a refusal by `by` of a
    proposal by `proposed_by`, a meeting held or cancelled) of a format matching `format`
    (which may also name world state), or after the world comes to satisfy
    `when` (`after: changed`), with `probability`, it changes the world (`set`) and/or
    cancels the meetings it has agreed to (`cancel`), `delay` days later."""

    id: Id
    says: Optional[str] = None
    after: Literal["refused", "held", "cancelled", "changed"]
    by: Optional[Id] = Field(None, description="for 'refused': whose refusal")
    proposed_by: Optional[Id] = Field(None, description="only for proposals this actor "
                                                        "made")
    format: Optional[Cond] = None
    when: Optional[Cond] = Field(None, description="for 'changed': the state that sets it "
                                                   "off when it comes to hold")
    probability: Unit
    delay: Quantity = 0.0
    set: dict[Id, Scalar] = Field(default_factory=dict)
    cancel: bool = Field(False, description="cancel the agreed meetings not yet held")

    @model_validator(mode="after")
    def _does_something(self) -> "Reaction":
        if not self.set and not self.cancel:
            raise ValueError("a reaction changes the world ('set:') or cancels agreed "
                             "meetings ('cancel: true'), or both")
        if (self.after == "changed") != (self.when is not None):
            raise ValueError("'when:' goes with 'after: changed' (the state that sets the "
                             "reaction off), and 'after: changed' needs it")
        return self

    @field_validator("delay")
    @classmethod
    def _not_negative(cls, q: Quantity) -> Quantity:
        check_range(q, "a reaction's delay (days)", 0.0, limits.MAX_DAYS)
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
    assumptions: list[AssumedRule] = Field(
        default_factory=list, description="rules the model assumes where the articles are "
                                          "silent, each with its reason")
    lapses: list[Lapse] = Field(default_factory=list,
                                description="when the actor's rules stop binding (an "
                                            "assumption)")
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

    @field_validator("reservation")
    @classmethod
    def _unit(cls, q: Quantity) -> Quantity:
        check_range(q, "the reservation level", 0.0, 1.0)
        return q

    @field_validator("response_delay")
    @classmethod
    def _delay(cls, q: Quantity) -> Quantity:
        check_range(q, "the response delay (days)", 0.0, limits.MAX_DAYS)
        return q

    @property
    def rules(self) -> list[Rule]:
        """Every rule: stated red lines and preconditions, then assumed rules."""
        return [*self.red_lines, *self.preconditions, *self.assumptions]

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None


