"""The Python API: everything the CLI does, as plain functions for notebooks.

    import sim
    sc = sim.load("scenarios/march-2023.yaml", ["state.blockade=false"])
    table = sim.feasibility(sc)
    sim.explain(sc, {"venue": "baku", ...})
"""
from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Sequence

from .files import paths
from .files.errors import InputError, InputWarning
from .files.loading import check_file, load_scenario
from .files.overrides import Override
from .files import schema as _schema
from .files.bundled import params_folder
from .files.schema import schema_kinds  # noqa: F401 (part of the API)
from .model.decision import Verdict, evaluate
from .model.feasibility import FeasibilityTable, feasibility
from .model.scenario import Scenario
from .model.space import Format
from .outputs import text as render  # noqa: F401 (the CLI's text views)
from .outputs import heatmap_picture
from .outputs.ahead import AHEAD, Ahead
from .outputs.parallel import side_by_side
from .studies import experiment
from .studies.experiment import Experiment
from .studies.pool import default_workers
from .studies.results import (PartialWriter, ResultsFolder, run_size, summary_document,
                              write_csv, write_json)

__all__ = ["load", "check", "feasibility", "explain", "evaluate", "run", "sweep", "compare",
           "report", "sensitivity", "json_schema",
           "Scenario", "FeasibilityTable", "Verdict", "Experiment"]


def load(path: str | Path, sets: Sequence[str | Override] = ()) -> Scenario:
    """Load a scenario, applying `--set`-style overrides ("stepanakert.reservation=0.3")."""
    return load_scenario(path, sets)


def check(path: str | Path, params_dir: str | Path | None = None, strict: bool = False
          ) -> str:
    """Validate one file (see `loading.check_file`); returns a one-line summary. With
    `strict`, every warning is an error, and the summary goes on to list every modelling
    assumption (`assumption:`) the file rests on, grouped by actor."""
    if not strict:
        return check_file(path, params_dir)[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        summary, scenario, part = check_file(path, params_dir)
    found = [w.message.problem for w in caught if isinstance(w.message, InputWarning)]
    for w in caught:
        if not isinstance(w.message, InputWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if found:
        for problem in found:
            problem.message += " (an error with check --strict)"
        raise InputError(found)
    if part == "":
        return summary
    return summary + "\n" + paths.assumptions_text(paths.assumptions(scenario, part))


def settable(scenario: Scenario) -> list[tuple[str, str]]:
    """Every `--set` path of a scenario with its current value, written as --set takes it."""
    return [(path, paths.show(value)) for path, value in paths.settable(scenario)]


def explain(scenario: Scenario, fmt: Format, state: dict | None = None) -> dict[str, Verdict]:
    """Every actor's verdict on one format (parties first), in the given or starting state."""
    state = scenario.state if state is None else state
    order = scenario.parties(fmt) + [a for a in scenario.actors if a not in scenario.parties(fmt)]
    return {a: evaluate(scenario.actors[a], fmt, state, scenario.space, actors=scenario.actors)
            for a in order}


def json_schema(kind: str = "any", params: str | Path | None = None) -> dict:
    """JSON Schema of one file kind (or any), carrying the names of a params folder
    (default: params/ here, else the bundled one) as enums, so an editor flags typos."""
    return _schema.json_schema(kind, _schema.read_names(params or params_folder()))


def run(scenario: Scenario, n: int | None = None, seed: int | None = None,
        workers: int | None = None, trace_k: int = 0, out: str | Path | None = None,
        sets: Sequence[str] = (), progress=None, dask: str | None = None,
        svg: bool = False, baseline: bool = False) -> Experiment:
    """Run an experiment (N replications); with `out`, write a results folder under it
    (summary.json, replications.csv, trace.jsonl, figures) and set `results_dir`. With
    `baseline`, a what-if (loaded with --set, or a file that `extends:` another) is also
    measured against its baseline on the same random numbers (`result.difference`)."""
    from .studies.baseline import measure_against_baseline
    if out is None:
        result = experiment.run(scenario, n, seed, workers, trace_k, progress=progress,
                                dask=dask)
        if baseline:
            measure_against_baseline(result, scenario, workers, dask)
        return result
    # figures side by side in forked processes, but not beside a Dask client's threads
    dask = dask or os.environ.get("NEGSIM_DASK") or None
    figure_workers = 1 if dask else workers or default_workers()
    needed = run_size(scenario.spec.replications if n is None else n, trace_k, svg)
    with ResultsFolder(out, scenario.name, needed=needed) as folder:
        writer = PartialWriter(folder.path, scenario, trace_k)
        # The heatmap is copied from the figure cache, or else drawn while the workers run.
        # Either way matplotlib is imported while they run: 4% less wall time for 1,000
        # replications than importing it after them (paired runs, speed.md).
        cached = heatmap_picture.fetch(heatmap_picture.heatmap_picture(
            feasibility(scenario), scenario), folder.path, svg)
        drawn = {} if cached is None else {"feasibility_heatmap": cached}
        ahead = (Ahead(scenario, folder.path, svg, AHEAD if cached is None else ())
                 if side_by_side(figure_workers) else None)
        told = progress if ahead is None else ahead.told(progress)
        try:
            result = experiment.run(scenario, n, seed, workers, trace_k, writer, told, dask,
                                    started=ahead.start if ahead else None)
        finally:
            try:
                writer.close()
            finally:  # the thread must be done before the folder is removed or published
                drawn |= ahead.wait() if ahead else {}
        if baseline:
            measure_against_baseline(result, scenario, workers, dask)
        write_json(folder.path / "summary.json",
                   summary_document(scenario, {k: v for k, v in result.to_json().items()
                                               if k != "results_dir"}, list(sets)))
        from .outputs import figures
        figures.run_figures(scenario, result, folder.path, svg, figure_workers, drawn)
    result.results_dir = str(folder.final)
    return result


def sweep(path: str | Path, varies: Sequence[str], n: int | None = None,
          seed: int | None = None, workers: int | None = None, sets: Sequence[str] = (),
          out: str | Path | None = None, progress=None, dask: str | None = None,
          resume: str | Path | None = None, svg: bool = False):
    """Sweep one or two parameters ("PATH=LO:HI:STEPS"); with `out`, write sweep.csv and
    the figure into a results folder (kept if interrupted: continue it with `resume`)."""
    from .outputs import figures
    from .studies.sweep import parse_vary, sweep as run_sweep
    varies_ = [parse_vary(v) for v in varies]
    if len({v.path for v in varies_}) < len(varies_):
        raise InputError.one("the two --vary name the same parameter.", "command line")
    for v in varies_:  # check the paths before a results folder is made
        try:
            for value in v.values:  # every grid value, so a run never stops halfway
                load_scenario(path, [*sets, f"{v.path}={value}"])  # as the sweep sets it
        except InputError as exc:  # name the option the user wrote, not the --set it became
            for problem in exc.problems:
                if problem.file == f"command line (--set {v.path}=...)":
                    problem.file = f"command line (--vary {v.path}=...)"
            raise
    if out is None and resume is None:
        return run_sweep(path, varies_, n, seed, workers, sets, progress, dask)
    with ResultsFolder(out or "results", f"{Path(path).stem}-sweep", keep_partial=True,
                       resume=resume) as folder:
        result = run_sweep(path, varies_, n, seed, workers, sets, progress, dask, folder.path,
                           resume is not None)
        write_csv(folder.path / "sweep.csv", result.to_records())
        figures.save(sweep_figure(result), folder.path, "sweep", svg)
        write_json(folder.path / "sweep.json", {**result.to_json(), "seed": result.seed,
                                                "replications": result.replications})
    result.results_dir = str(folder.final)
    return result


def sweep_figure(result):
    """The sweep's figure: parameters named in words, the scenario as written marked."""
    from .model.labels import param_label
    from .outputs import figures
    scenario = load_scenario(result.path, result.sets)
    paths = [v.path for v in result.varies]
    labels = {p: param_label(scenario, p) for p in paths}
    data = result.to_json()
    return figures.sweep_figure(
        data["points"], paths,
        f"{scenario.spec.title}: P(meeting) as {' and '.join(labels.values())} "
        f"{'vary' if len(paths) > 1 else 'varies'} ({result.replications:,} replications "
        f"per point, the same random numbers at every point)", labels, data["baseline"])


def compare(paths: Sequence[str | Path], n: int | None = None, seed: int | None = None,
            workers: int | None = None, out: str | Path | None = None, dask: str | None = None,
            svg: bool = False):
    """Run several scenarios with the same seeds; with `out`, write compare.json and the
    overlaid ECDF figure. Returns (items, results_dir or None)."""
    from .outputs import figures
    from .studies.compare import compare as run_compare
    items = run_compare(paths, n, seed, workers, dask)
    folder_path = None
    if out is not None:
        with ResultsFolder(out, "compare") as folder:
            write_json(folder.path / "compare.json", [c.row() for c in items])
            series = [(c.scenario.spec.title, c.result.summary, c.scenario.spec.horizon_days)
                      for c in items]
            figures.save(figures.ecdf_figure(series, None,
                                             "Probability of a first meeting, by days since "
                                             "start"),
                         folder.path, "p_meeting_by_day_compared", svg)
        folder_path = str(folder.final)
    return items, folder_path


def report(scenario: Scenario, n: int | None = None, seed: int | None = None,
           workers: int | None = None, out_file: str | Path | None = None,
           out: str | Path = "results", sets: Sequence[str] = (), progress=None,
           dask: str | None = None) -> Path:
    """Write the self-contained HTML report; returns its path."""
    from .outputs import report as handout
    from .studies.whatif import what_would_have_to_change
    n = scenario.spec.replications if n is None else n
    seed = scenario.spec.seed if seed is None else seed
    result = experiment.run(scenario, n, seed, workers, progress=progress, dask=dask)
    result, changes = what_would_have_to_change(scenario, n, seed, workers, sets, dask,
                                                base=result)
    text = handout.build(scenario, feasibility(scenario), result, changes)
    if out_file is not None:
        target = Path(out_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
        return target
    with ResultsFolder(out, f"{scenario.name}-report") as folder:
        (folder.path / "report.html").write_text(text, encoding="utf-8")
    return folder.final / "report.html"


def sensitivity(path: str | Path, params: Sequence[str], method: str = "morris",
                samples: int | None = None, n: int | None = None, seed: int | None = None,
                workers: int | None = None, dask: str | None = None, sets: Sequence[str] = (),
                out: str | Path = "results", resume: str | Path | None = None,
                progress=None, svg: bool = False):
    """Global sensitivity of P(meeting) and median days over `params` ("PATH=LO:HI"), with
    SALib; writes sensitivity.csv, points.csv and the figure. A killed or interrupted run
    leaves its folder; pass it as `resume` to continue without redoing finished points."""
    from .outputs import figures
    from .studies.sensitivity import parse_range, sensitivity as run_sensitivity
    from .studies.sensitivity_reading import caution
    ranges = [parse_range(p) for p in params]
    load_scenario(path, [*sets, *(f"{r.path}={r.lo}" for r in ranges)])  # before any folder
    name = Path(path).stem
    with ResultsFolder(out, f"{name}-sensitivity", keep_partial=True, resume=resume) as folder:
        result = run_sensitivity(path, ranges, method, samples, n, seed, workers, dask, sets,
                                 folder.path, resume is not None, progress)
        write_csv(folder.path / "sensitivity.csv", result.indices)
        title = load_scenario(path, sets).spec.title
        figures.save(figures.sensitivity_figure(
            result.indices, method,
            f"{title}: what drives the outcome? {method.title()} sensitivity, "
            f"{result.points} points x {result.replications} replications",
            {i["param"]: i["label"] for i in result.indices},
            caution(result.indices, method, result.samples)),
            folder.path, "sensitivity", svg)
    result.results_dir = str(folder.final)
    return result


def heatmap(scenario: Scenario, table: FeasibilityTable, out: str | Path = "results",
            agenda: str | None = None, delegation: str | None = None,
            svg: bool = False) -> Path:
    """Draw the feasibility heatmap into a new results folder; returns the PNG's path. One
    drawn before from the same picture is copied from the figure cache, without importing
    matplotlib."""
    picture = heatmap_picture.heatmap_picture(table, scenario, agenda, delegation)
    with ResultsFolder(out, f"{scenario.name}-feasibility") as folder:
        if heatmap_picture.fetch(picture, folder.path, svg) is None:
            from .outputs.figures.feasibility import save_heatmap
            save_heatmap(picture, folder.path, svg)
    return folder.final / "feasibility_heatmap.png"
