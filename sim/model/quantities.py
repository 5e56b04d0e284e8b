"""Quantities: a number or a distribution, with its source or assumption.

Why a type of its own: reservations, delays and intervals are uncertain; the Monte Carlo
engine samples them, while the exact feasibility table uses their central value.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Discriminator, Tag, model_validator

from .base import Cited


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
        if dist is None:
            return "#fixed"
        return {"uniform": "#uniform", "triangular": "#triangular"}.get(str(dist))
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
        got = f"{lo:g}" if lo == hi else f"values from {lo:g} to {hi:g}"
        raise ValueError(f"{what} must be {span}; got {got}")


def central(q: Quantity) -> float:
    """The central value (the mean) that the exact feasibility table uses."""
    if isinstance(q, (int, float)):
        return float(q)
    if isinstance(q, Fixed):
        return q.value
    if isinstance(q, Uniform):
        return (q.low + q.high) / 2
    return (q.low + q.mode + q.high) / 3


