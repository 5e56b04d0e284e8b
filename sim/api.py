"""The Python API: everything the CLI does, as plain functions for notebooks.

    import sim
    sc = sim.load("scenarios/march-2023.yaml", ["state.blockade=false"])
    table = sim.feasibility(sc)
    sim.explain(sc, {"venue": "baku", ...})
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence, Union

from pydantic import Field, TypeAdapter
from typing_extensions import Annotated

from . import experiment, render  # noqa: F401  (render is re-exported for the CLI)
from .decision import Verdict, evaluate
from .experiment import Experiment
from .results import RecordWriter, ResultsFolder, summary_document, write_json
from .feasibility import FeasibilityTable, feasibility
from .loading import check_file, load_scenario
from .overrides import Override
from .scenario import Scenario
from .schema import FILE_KINDS
from .space import Format

__all__ = ["load", "check", "feasibility", "explain", "evaluate", "run", "json_schema",
           "Scenario", "FeasibilityTable", "Verdict", "Experiment"]


def load(path: str | Path, sets: Sequence[str | Override] = ()) -> Scenario:
    """Load a scenario, applying `--set`-style overrides ("stepanakert.reservation=0.3")."""
    return load_scenario(path, sets)


def check(path: str | Path, params_dir: str | Path | None = None) -> str:
    """Validate one file (see `loading.check_file`); returns a one-line summary."""
    return check_file(path, params_dir)


def explain(scenario: Scenario, fmt: Format, state: dict | None = None) -> dict[str, Verdict]:
    """Every actor's verdict on one format (parties first), in the given or starting state."""
    state = scenario.state if state is None else state
    order = scenario.parties(fmt) + [a for a in scenario.actors if a not in scenario.parties(fmt)]
    return {a: evaluate(scenario.actors[a], fmt, state, scenario.space) for a in order}


def run(scenario: Scenario, n: int | None = None, seed: int | None = None,
        workers: int | None = None, trace_k: int = 0, out: str | Path | None = None,
        sets: Sequence[str] = (), progress=None) -> Experiment:
    """Run an experiment (N replications); with `out`, write a results folder under it
    (summary.json, replications.csv, trace.jsonl) and set `results_dir`."""
    if out is None:
        return experiment.run(scenario, n, seed, workers, trace_k, progress=progress)
    with ResultsFolder(out, scenario.name) as folder:
        writer = RecordWriter(folder.path, scenario)
        try:
            result = experiment.run(scenario, n, seed, workers, trace_k, writer, progress)
        finally:
            writer.close()
        write_json(folder.path / "summary.json",
                   summary_document(scenario, {k: v for k, v in result.to_json().items()
                                               if k != "results_dir"}, list(sets)))
    result.results_dir = str(folder.final)
    return result


def schema_kinds() -> list[str]:
    return list(FILE_KINDS)


def json_schema(kind: str = "any") -> dict[str, Any]:
    """JSON Schema of one file kind, or of any file (a union keyed by `kind:`)."""
    if kind != "any":
        schema = FILE_KINDS[kind].model_json_schema()
    else:
        union = Annotated[Union[tuple(FILE_KINDS.values())], Field(discriminator="kind")]
        schema = TypeAdapter(union).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"negsim {kind} file")
    return schema
