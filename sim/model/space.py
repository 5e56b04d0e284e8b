"""The format space: every combination of one value per dimension, and what a format needs.

Why a module: formats are plain dicts {dimension: value}; this is where they are listed,
looked up (`venue.control`), written out for people, and where the parties a format
needs (principals, its mediator, its host) are found.
"""
from __future__ import annotations

import itertools
from typing import Annotated, Callable, Iterator, Literal, Mapping, Optional, Union

from pydantic import Field

from .base import Id, Strict
from .conditions import Scalar

Format = dict[str, str]


LABEL = "label"  # the display name of a value: free text, not an attribute rules test


class Dimension(Strict):
    """One aspect of a meeting format; its values may carry attributes (host, ...) and a
    label. Each attribute declares its allowed values once, under `attributes:`, so a typo
    in a value's attribute is an error rather than a new value nobody meant."""

    says: str
    attributes: dict[Id, Annotated[list[Scalar], Field(min_length=1)]] = Field(
        default_factory=dict,
        description="the allowed values of each attribute the values carry (besides "
                    "label), e.g. control: [azerbaijan, third_country]")
    values: dict[Id, Optional[dict[Id, Union[Scalar, list[Scalar]]]]]


class FormatSpaceFile(Strict):
    kind: Literal["format_space"]
    dimensions: dict[Id, Dimension]
    party_attributes: list[str] = Field(
        default_factory=list,
        description="value attributes that name an actor who must accept a format, "
                    "e.g. venue.host and mediation.mediator")


class FormatSpace:
    """The dimensions, their values and attributes, read from format-space.yaml."""

    def __init__(self, spec: FormatSpaceFile):
        self.spec = spec
        self.dimensions: list[str] = list(spec.dimensions)
        self.values: dict[str, list[str]] = {d: list(v.values) for d, v in
                                             spec.dimensions.items()}
        self.attrs: dict[str, dict[str, dict[str, Scalar]]] = {
            d: {v: dict(a or {}) for v, a in dim.values.items()}
            for d, dim in spec.dimensions.items()}

    def __len__(self) -> int:
        n = 1
        for values in self.values.values():
            n *= len(values)
        return n

    def formats(self) -> Iterator[Format]:
        """Every format, in the order the files declare dimensions and values."""
        for combo in itertools.product(*(self.values[d] for d in self.dimensions)):
            yield dict(zip(self.dimensions, combo))

    def attribute(self, dimension: str, value: str, attr: str) -> Scalar | None:
        return self.attrs[dimension][value].get(attr)

    def attribute_names(self, dimension: str) -> set[str]:
        """The attributes rules may test: those the dimension declares."""
        return set(self.spec.dimensions[dimension].attributes)

    def domain(self, dimension: str, attr: str) -> list[Scalar]:
        """The declared values of `dimension.attr`."""
        return list(self.spec.dimensions[dimension].attributes.get(attr, []))

    def lookup(self, fmt: Mapping[str, str], state: Mapping[str, Scalar]
               ) -> Callable[[str], Scalar | None]:
        """The key reader that conditions use: dimension, dimension.attribute, or state."""
        def read(key: str) -> Scalar | None:
            if key in fmt:
                return fmt[key]
            if "." in key:
                dim, attr = key.split(".", 1)
                return self.attrs[dim][fmt[dim]].get(attr)
            return state.get(key)
        return read

    def party_actors(self, fmt: Mapping[str, str]) -> list[str]:
        """Actors named by the format's values (its venue's host, its mediator)."""
        names = []
        for ref in self.spec.party_attributes:
            dim, attr = ref.split(".", 1)
            actor = self.attrs[dim][fmt[dim]].get(attr)
            if isinstance(actor, str) and actor not in names:
                names.append(actor)
        return names

    def label(self, fmt: Mapping[str, str]) -> str:
        """'Khojaly · Russian peacekeepers · technical · security council'."""
        return " · ".join(self.value_label(d, fmt[d]) for d in self.dimensions)

    def value_label(self, dimension: str, value: str) -> str:
        label = self.attrs[dimension][value].get("label")
        return str(label) if label else value.replace("_", " ")
