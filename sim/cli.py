"""`negsim`: the command line, a thin layer over the Python API.

Every command parses its arguments, calls plain functions of the package, and prints.
A user's mistake (`InputError`) becomes one paragraph on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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
    if args.json:
        print(json.dumps(table.to_json(), indent=2))
    else:
        print(api.render.feasibility_text(scenario, table, args.all))
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


def _positive(name: str, value: int | None, allow_zero: bool = False) -> None:
    if value is not None and (value < 0 or (value == 0 and not allow_zero)):
        raise InputError.one(f"{name} must be {'zero or more' if allow_zero else 'at least 1'}"
                             f", got {value}.", "command line")


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.on and (done == total or done % max(1, total // 100) == 0):
            bar = "#" * (30 * done // total)
            print(f"\r  [{bar:<30}] {done}/{total} replications", end="", file=sys.stderr)
            if done == total:
                print(file=sys.stderr)


def cmd_run(args: argparse.Namespace) -> int:
    _positive("-n", args.n)
    _positive("--workers", args.workers)
    _positive("--trace", args.trace, allow_zero=True)
    _positive("--seed", args.seed, allow_zero=True)
    scenario = api.load(args.scenario, args.set)
    result = api.run(scenario, n=args.n, seed=args.seed, workers=args.workers,
                     trace_k=args.trace, out=args.out, sets=args.set, progress=_Progress())
    data = result.to_json()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        end = scenario.start + dt.timedelta(days=scenario.spec.horizon_days)
        print(api.render.run_text(scenario, data, end))
    return 0


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
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("check", help="validate scenario and params files")
    p.add_argument("files", nargs="*", help="YAML files (default: scenarios/*.yaml)")
    p.add_argument("--params", metavar="DIR", help="params folder to check a params file "
                   "against (default: the file's own folder)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("feasible", help="the exact feasibility table over every format")
    _scenario_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--all", action="store_true", help="list every blocked format")
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
        print("negsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `negsim run | head`: the reader has gone; stop quietly, as command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
