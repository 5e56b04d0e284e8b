"""`negsim`: the command line, a thin layer over the Python API.

Every command parses its arguments, calls plain functions of the package, and prints.
A user's mistake (`InputError`) becomes one paragraph on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import api
from .errors import InputError

DEFAULT_SCENARIO = "scenarios/march-2023.yaml"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is an InputError like any other (exit 2, one paragraph)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError.one(f"{message}. See '{self.prog} --help'.", "command line")


def _scenario_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO,
                   help=f"scenario YAML file (default: {DEFAULT_SCENARIO})")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                   help="override a parameter, e.g. stepanakert.reservation=0.3 or "
                        "state.blockade=false (repeatable)")


def cmd_check(args: argparse.Namespace) -> int:
    files = args.files or sorted(str(p) for p in Path("scenarios").glob("*.yaml"))
    if not files:
        raise InputError.one("no files given and no scenarios/*.yaml here.", "command line")
    for f in files:
        print(api.check(f, args.params))
    return 0


def cmd_feasible(args: argparse.Namespace) -> int:
    scenario = api.load(args.scenario, args.set)
    table = api.feasibility(scenario)
    for dim, value in (("agenda", args.agenda), ("delegation", args.delegation)):
        if value is not None and value not in scenario.space.values[dim]:
            raise InputError.one(f"'{value}' is not a known {dim}. Known: "
                                 f"{', '.join(scenario.space.values[dim])}.", "command line")
    if args.json:
        print(json.dumps(table.to_json(), indent=2))
    else:
        print(api.render.feasibility_text(scenario, table, args.all))
    if args.plot:
        path = api.heatmap(scenario, table, args.out, args.agenda, args.delegation)
        print(f"\nHeatmap: {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    scenario = api.load(args.scenario, args.set)
    fmt = scenario.space.parse(args.format)
    verdicts = api.explain(scenario, fmt)
    if args.json:
        parties = scenario.parties(fmt)
        print(json.dumps({
            "format": fmt, "meeting_possible": all(verdicts[a].accept for a in parties),
            "verdicts": {a: {"party": a in parties, "accept": v.accept,
                             "utility": round(v.utility, 4),
                             "reservation": round(v.reservation, 4),
                             "reasons": [{"id": r.id, "kind": r.kind, "says": r.says}
                                         for r in v.reasons]}
                         for a, v in verdicts.items()}}, indent=2))
    else:
        print(api.render.explain_text(scenario, fmt, verdicts, scenario.state))
    return 0


def _check_out(out: str | None) -> None:
    """An output folder must be a folder (checked before any work is done)."""
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise InputError.one("--out must be a folder, and this is a file.", out)


def _positive(name: str, value: int | None, allow_zero: bool = False) -> None:
    if value is not None and (value < 0 or (value == 0 and not allow_zero)):
        raise InputError.one(f"{name} must be {'zero or more' if allow_zero else 'at least 1'}"
                             f", got {value}.", "command line")


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, unit: str = "replications") -> None:
        self.on = sys.stderr.isatty()
        self.unit = unit

    def __call__(self, done: int, total: int) -> None:
        if self.on and (done == total or done % max(1, total // 100) == 0):
            bar = "#" * (30 * done // total)
            print(f"\r  [{bar:<30}] {done}/{total} {self.unit}", end="", file=sys.stderr)
            if done == total:
                print(file=sys.stderr)


def cmd_run(args: argparse.Namespace) -> int:
    _check_out(args.out)
    _positive("-n", args.n)
    _positive("--workers", args.workers)
    _positive("--trace", args.trace, allow_zero=True)
    _positive("--seed", args.seed, allow_zero=True)
    scenario = api.load(args.scenario, args.set)
    result = api.run(scenario, n=args.n, seed=args.seed, workers=args.workers,
                     trace_k=args.trace, out=args.out, sets=args.set, progress=_Progress(),
                     dask=args.dask)
    data = result.to_json()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        end = scenario.start + dt.timedelta(days=scenario.spec.horizon_days)
        print(api.render.run_text(scenario, data, end,
                                  result.summary.proposals / max(1, result.summary.n)))
    return 0


def _common_run_checks(args: argparse.Namespace) -> None:
    _check_out(args.out)
    if getattr(args, "output", None) and Path(args.output).is_dir():
        raise InputError.one("-o must name a file, and this is a folder.", args.output)
    _positive("-n", args.n)
    _positive("--workers", args.workers)
    _positive("--seed", args.seed, allow_zero=True)


def cmd_sweep(args: argparse.Namespace) -> int:
    _common_run_checks(args)
    result = api.sweep(args.scenario, args.vary, args.n, args.seed, args.workers, args.set,
                       args.out, _Progress("points"), args.dask, args.resume)
    data = result.to_json()
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    paths = [v.path for v in result.varies]
    print(f"Sweep of {', '.join(paths)} on {result.scenario}: {result.replications} "
          f"replications per point, seed {result.seed} at every point")
    print("  " + "  ".join(f"{p:>24}" for p in paths) + "   P(meeting)   95% interval      median days")
    for pt in data["points"]:
        lo, hi = pt["p_meeting_ci"]
        med = pt["median_days_to_first_meeting"]
        print("  " + "  ".join(f"{pt['values'][p]:>24g}" for p in paths)
              + f"   {pt['p_meeting']:10.3f}   {lo:.3f} to {hi:.3f}   "
              + ("none" if med is None else f"{med:g}"))
    print(f"\nResults: {data['results_dir']}/")
    return 0


def cmd_sensitivity(args: argparse.Namespace) -> int:
    _common_run_checks(args)
    _positive("--samples", args.samples)
    result = api.sensitivity(args.scenario, args.params, args.method, args.samples, args.n,
                             args.seed, args.workers, args.dask, args.set, args.out,
                             args.resume, _Progress("points"))
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
        return 0
    key = "mu_star" if result.method == "morris" else "S1"
    print(f"{result.method.title()} sensitivity of {result.scenario}: {result.points} points "
          f"x {result.replications} replications, seed {result.seed} at every point\n")
    print(f"  {'parameter':<48} {key + ' on P':>12} {'95% conf':>9} {key + ' on days':>14}")
    for i in result.indices:
        print(f"  {i['param']:<48} {i[key]:12.3f} {i['conf']:9.3f} "
              f"{i['days_' + key]:14.2f}")
    print(f"\nResults: {result.results_dir}/")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    _common_run_checks(args)
    items, folder = api.compare(args.scenarios, args.n, args.seed, args.workers, args.out,
                                args.dask)
    if args.json:
        print(json.dumps({"scenarios": [c.row() for c in items], "results_dir": folder},
                         indent=2))
    else:
        from .comparison import compare_text
        print(compare_text(items) + f"\n\nResults: {folder}/")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    _common_run_checks(args)
    scenario = api.load(args.scenario, args.set)
    from .whatif import rules
    n = args.n or scenario.spec.replications
    print(f"Running {n} replications, then once more per red line and precondition "
          f"({len(rules(scenario))} reruns) for 'what would have to change'; this can take "
          f"a minute.", file=sys.stderr)
    path = api.report(scenario, args.n, args.seed, args.workers, args.output, args.out,
                      args.set, _Progress(), args.dask)
    print(f"Report: {path}")
    return 0


def cmd_backtest(args: argparse.Namespace) -> int:
    _positive("--seed", args.seed, allow_zero=True)
    from .backtest import backtest, backtest_text
    scenario = api.load(args.scenario, args.set)
    if not any(p.expected for p in scenario.spec.proposals):
        raise InputError.one("this scenario has no 'proposals:' with an 'expected:' outcome "
                             "to compare with; try scenarios/history-2023.yaml.",
                             scenario.path)
    result = backtest(scenario, args.seed)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(backtest_text(scenario, result))
    return 0 if result.matched == len(result.rows) else 1


def cmd_play(args: argparse.Namespace) -> int:
    _positive("--seed", args.seed, allow_zero=True)
    from . import play
    scenario = api.load(args.scenario, args.set)
    playable = [a for a, spec in scenario.actors.items()
                if spec.proposer is not None or any(a in scenario.parties(f)
                                                    for f in scenario.space.formats())]
    if args.actor not in scenario.actors:
        raise InputError.one(f"'{args.actor}' is not an actor of this scenario. Known actors: "
                             f"{', '.join(scenario.actors)}.", "command line (--as)")
    if args.actor not in playable:
        raise InputError.one(f"'{args.actor}' cannot be played here: it never proposes and is "
                             f"never asked. Playable actors: {', '.join(playable)}.",
                             "command line (--as)")
    _check_out(args.out)
    if args.answers:
        try:
            source = iter(Path(args.answers).read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError.one(f"cannot read the answers file as text ({exc}).", args.answers)
    elif not sys.stdin.isatty():
        source = play.lines_from(sys.stdin)
    else:
        source = None

    def ask(prompt: str) -> str | None:
        if source is None:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = next(source, None)
        print(prompt + ("" if line is None else line), flush=True)
        if line is None:
            print("(no more answers: the game stops here)", flush=True)
        return line

    seed = scenario.spec.seed if args.seed is None else args.seed
    game = play.play(scenario, args.actor, seed, ask, lambda text: print(text, flush=True))
    data = play.debrief(game)
    print(play.debrief_text(game, data))
    with api.ResultsFolder(args.out, f"{scenario.name}-play-{args.actor}") as folder:
        play.save(game, data, folder.path)
    print(f"\nTranscript and debrief saved in {folder.final}/")
    return 130 if game.interrupted else 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for kind in (*api.schema_kinds(), "any"):
            path = out / f"negsim-{kind}.schema.json"
            path.write_text(json.dumps(api.json_schema(kind), indent=2) + "\n")
            print(path)
    else:
        print(json.dumps(api.json_schema(args.kind), indent=2))
    return 0


def dask_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the replications on this Dask scheduler (e.g. "
                        "tcp://10.0.0.5:8786; default: $NEGSIM_DASK, else local processes)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="negsim", description=(
        "Negotiation scenario simulator for the 2023 Baku-Stepanakert talks: which meeting "
        "formats could produce a meeting, who blocks the rest, and why."))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("run", help="Monte Carlo experiment: how likely and how soon a meeting is")
    _scenario_arg(p)
    p.add_argument("-n", type=int, default=None, metavar="N",
                   help="replications (default: the scenario's 'replications')")
    p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: all cores); results do not depend on it")
    p.add_argument("--trace", type=int, default=0, metavar="K",
                   help="keep the full trace of the first K replications (trace.jsonl)")
    p.add_argument("--out", default="results", metavar="DIR",
                   help="where results folders go (default: results)")
    p.add_argument("--json", action="store_true", help="print JSON")
    dask_option(p)
    p.set_defaults(func=cmd_run)

    def runner_options(p: argparse.ArgumentParser) -> None:
        dask_option(p)
        p.add_argument("-n", type=int, default=None, metavar="N",
                       help="replications (default: the scenario's 'replications')")
        p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
        p.add_argument("--workers", type=int, default=None,
                       help="worker processes (default: all cores)")
        p.add_argument("--out", default="results", metavar="DIR",
                       help="where results folders go (default: results)")

    p = sub.add_parser("sweep", help="P(meeting) as one or two parameters vary")
    _scenario_arg(p)
    p.add_argument("--vary", action="append", required=True, metavar="PATH=LO:HI:STEPS",
                   help="a parameter and its grid, e.g. stepanakert.reservation=0.1:0.9:9 "
                        "(once or twice)")
    runner_options(p)
    p.add_argument("--resume", metavar="RESULTS_DIR",
                   help="continue an interrupted sweep in its results folder")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_sweep)

    p = sub.add_parser("sensitivity", help="which parameters drive P(meeting)? (SALib)")
    _scenario_arg(p)
    p.add_argument("--params", nargs="+", required=True, metavar="PATH=LO:HI",
                   help="parameters and their ranges, e.g. stepanakert.reservation=0.3:0.8")
    p.add_argument("--method", choices=("morris", "sobol"), default="morris")
    p.add_argument("--samples", type=int, default=None, metavar="K",
                   help="Morris trajectories (default 10) or Sobol base samples (default 64)")
    runner_options(p)
    p.add_argument("--resume", metavar="RESULTS_DIR",
                   help="continue an interrupted run in its results folder")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_sensitivity)

    p = sub.add_parser("compare", help="several scenarios side by side, same seeds")
    p.add_argument("scenarios", nargs="+", help="scenario YAML files")
    runner_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("report", help="a self-contained HTML report for class")
    _scenario_arg(p)
    runner_options(p)
    p.add_argument("-o", "--output", metavar="FILE",
                   help="the HTML file (default: results/<scenario>-report-<time>/report.html)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("backtest", help="replay the reported proposals; compare with history")
    p.add_argument("scenario", help="a scenario with proposals: and expected: outcomes, "
                                    "e.g. scenarios/history-2023.yaml")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                   help="override a parameter (repeatable)")
    p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_backtest)

    p = sub.add_parser("play", help="play one actor against the simulated others, then debrief")
    _scenario_arg(p)
    p.add_argument("--as", dest="actor", required=True, metavar="ACTOR",
                   help="the actor you play, e.g. stepanakert")
    p.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    p.add_argument("--answers", metavar="FILE",
                   help="play from a file of answers, one per line (also read from standard "
                        "input when it is not a terminal)")
    p.add_argument("--out", default="results", metavar="DIR",
                   help="where the transcript folder goes (default: results)")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("check", help="validate scenario and params files")
    p.add_argument("files", nargs="*", help="YAML files (default: scenarios/*.yaml)")
    p.add_argument("--params", metavar="DIR", help="params folder to check a params file "
                   "against (default: the file's own folder)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("feasible", help="the exact feasibility table over every format")
    _scenario_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--all", action="store_true", help="list every blocked format")
    p.add_argument("--plot", action="store_true",
                   help="also draw the venue x mediation heatmap (PNG and SVG)")
    p.add_argument("--agenda", help="agenda of the heatmap (default: the most permissive)")
    p.add_argument("--delegation", help="delegation of the heatmap (default: the most "
                   "permissive)")
    p.add_argument("--out", default="results", metavar="DIR",
                   help="where the heatmap's results folder goes (default: results)")
    p.set_defaults(func=cmd_feasible)

    p = sub.add_parser("explain", help="each actor's verdict on one format, with sources")
    _scenario_arg(p)
    p.add_argument("--format", required=True, metavar="DIM=VALUE,...",
                   help="e.g. venue=khojaly,mediation=russian_peacekeepers,agenda=technical,"
                        "delegation=security_council")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("schema", help="JSON Schema of the YAML files, for editors")
    p.add_argument("kind", nargs="?", default="any",
                   choices=(*api.schema_kinds(), "any"),
                   help="one file kind, or 'any' (default): one schema for every file")
    p.add_argument("--out", metavar="DIR", help="write every schema into DIR")
    p.set_defaults(func=cmd_schema)
    return parser


def _terminate(signum, frame) -> None:
    """`kill` or a closed terminal: stop like Ctrl-C, so no half-written folder is left."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = None
    signal.signal(signal.SIGTERM, _terminate)
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 0
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except InputError as exc:
        print(f"negsim: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        resumable = getattr(args, "func", None) in (cmd_sweep, cmd_sensitivity)
        print("negsim: interrupted" + ("; the finished points are kept: continue with "
                                       "--resume and the .partial folder under --out"
                                       if resumable else ""), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `negsim run | head`: the reader has gone; stop quietly, as command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        from .distributed import close_all
        close_all()


if __name__ == "__main__":
    sys.exit(main())
