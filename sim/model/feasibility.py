"""The exact feasibility table: for every format, can a meeting happen, and who blocks it?

A meeting is possible when every party the format needs (both principals, the mediator it
names, the host of its venue) accepts it in the given world state. Exact: no sampling,
each actor's reservation at its central value.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from .conditions import Scalar
from .decision import Verdict, evaluate
from .scenario import Scenario
from .space import Format


@dataclass(frozen=True)
class Row:
    format: Format
    verdicts: dict[str, Verdict]

    @property
    def meeting_possible(self) -> bool:
        return all(v.accept for v in self.verdicts.values())

    @property
    def blocked_by(self) -> dict[str, list[str]]:
        return {a: v.reason_ids for a, v in self.verdicts.items() if not v.accept}

    def to_record(self) -> dict:
        return {"format": dict(self.format), "meeting_possible": self.meeting_possible,
                "blocked_by": self.blocked_by}


@dataclass(frozen=True)
class FeasibilityTable:
    scenario: str
    date: dt.date
    rows: list[Row]
    state: Mapping[str, Scalar] | None = None  # the world state it was computed for

    @property
    def possible(self) -> list[Row]:
        return [r for r in self.rows if r.meeting_possible]

    def to_records(self) -> list[dict]:
        return [r.to_record() for r in self.rows]

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "date": self.date.isoformat(),
                "formats": self.to_records()}

    def to_dataframe(self):
        """A pandas DataFrame, one row per format (pandas is optional)."""
        import pandas as pd
        return pd.DataFrame([{**r.format, "meeting_possible": r.meeting_possible,
                              "blocked_by": r.blocked_by} for r in self.rows])


def verdicts(scenario: Scenario, fmt: Format, state: Mapping[str, Scalar]) -> dict[str, Verdict]:
    """Each needed party's verdict on one format."""
    return {a: evaluate(scenario.actors[a], fmt, state, scenario.space,
                        actors=scenario.actors)
            for a in scenario.parties(fmt)}


def feasibility(scenario: Scenario, state: Mapping[str, Scalar] | None = None,
                date: dt.date | None = None) -> FeasibilityTable:
    """The table over the whole format space (default: the scenario's starting state)."""
    state = scenario.state if state is None else state
    rows = [Row(fmt, verdicts(scenario, fmt, state)) for fmt in scenario.space.formats()]
    return FeasibilityTable(scenario.name, date or scenario.start, rows, dict(state))
