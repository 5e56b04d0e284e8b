"""A loaded scenario: the validated files of one teaching case, resolved and cross-checked.

Why a plain object: everything else (evaluate, feasibility, the engine, the CLI) takes a
`Scenario` and never reads files itself, so notebooks and tests can build or tweak one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .conditions import Scalar
from .schema import Actor, Article, ScenarioFile, Variable, state_value
from .space import Format, FormatSpace


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
