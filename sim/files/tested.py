"""Which rules the record tests, as the last ablation of a history scenario found them.

Why a file: an ablation runs the backtest and the free-running record once per rule (tens
of seconds), while `explain` and the explorer answer in a moment. `negsim backtest
HISTORY --ablate` saves what it found beside the history scenario, with the digest of the
files it read; pages read it back and mark the rules no row tests. When the files have
changed since (a teacher's edit), the saved result no longer applies and pages say so
instead of guessing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..model.scenario import Scenario

SUFFIX = ".ablation.json"


def ablation_path(history: Path) -> Path:
    """`scenarios/history-2023.yaml` -> `scenarios/history-2023.ablation.json`."""
    return history.with_name(history.stem + SUFFIX)


@dataclass(frozen=True)
class Tested:
    """The saved ablation of one history scenario."""

    history: str                     # the history scenario's file name
    fails: dict[str, list[str]]      # part id (actor.rule) -> rows failing without it
    current: bool                    # the files are those the ablation read

    def rows(self, actor: str, item: str) -> list[str] | None:
        """The rows and record items that fail without the actor's rule (or reaction,
        lapse, demand); None when the ablation did not remove it."""
        return self.fails.get(f"{actor}.{item}")

    def words(self, actor: str, item: str) -> str:
        """How a page marks a rule: tested by which rows, or not tested by any."""
        if not self.current:
            return (f"whether the record tests it is not known for these files (run negsim "
                    f"backtest {self.history} --ablate)")
        rows = self.rows(actor, item)
        if rows is None:
            return ""
        if not rows:
            return "not tested by any row of the record"
        return "tested by the record: " + ", ".join(r.removeprefix("record:") for r in rows)


def save(history: Scenario, data: dict) -> Path:
    """Write the ablation's JSON (with the history's digest) beside the history file."""
    path = ablation_path(history.path)
    body = {"history": history.path.name, "digest": history.digest, **data}
    path.write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def history_of(scenario: Scenario) -> Path | None:
    """The history scenario a scenario names (`history:`), or itself if it has a record or
    scripted proposals."""
    if scenario.spec.record is not None or any(p.expected for p in scenario.spec.proposals):
        return scenario.path
    if scenario.spec.history:
        return scenario.path.parent / scenario.spec.history
    return None


def read_tested(scenario: Scenario) -> Tested | None:
    """The saved ablation for the scenario's history, or None when there is none."""
    from .loading import load_scenario  # loading imports the models this module reads
    history = history_of(scenario)
    if history is None:
        return None
    path = ablation_path(history)
    if not path.is_file():
        return None
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        fails = {str(k): [str(r) for r in v] for k, v in body["ablation"].items()}
        digest = str(body["digest"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    current = load_scenario(history).digest == digest
    return Tested(history.name, fails, current)
