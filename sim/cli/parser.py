"""The command line's grammar: every command, its options and their help."""
from __future__ import annotations

import argparse
import re

from .. import api
from ..files.errors import InputError
from ..model import limits
from ..play.brief.outcomes import REPLICATIONS
from .descriptions import DESCRIPTIONS
from .brief_cmd import cmd_brief
from .docs_cmd import cmd_docs
from .model_cmds import cmd_check, cmd_explain, cmd_feasible, cmd_init, cmd_schema
from . import ranges
from .play_cmd import cmd_play
from .serve_cmd import cmd_serve
from .study_cmds import (cmd_backtest, cmd_compare, cmd_report, cmd_run, cmd_sensitivity,
                         cmd_sweep)

DEFAULT_SCENARIO = "scenarios/march-2023.yaml"  # here, else the one installed with negsim


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is an InputError like any other (exit 2, one paragraph)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse repeats the words it could not read: a 100 KB value stays one line
        message = re.sub(r"\S{81,}", lambda m: limits.shown(m.group()), message)
        raise InputError.one(f"{message}. See '{self.prog} --help'.", "command line")


def _scenario_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", default=None,
                   help=f"scenario YAML file (default: {DEFAULT_SCENARIO}, from this folder "
                        f"or else the one installed with negsim)")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                   help="override a parameter, e.g. stepanakert.reservation=0.3 or "
                        "state.blockade=false (repeatable)")


def dask_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the replications on this Dask scheduler (e.g. "
                        "tcp://10.0.0.5:8786; default: $NEGSIM_DASK, else local processes); "
                        "it must answer within $NEGSIM_DASK_TIMEOUT seconds (default 2)")


def yes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--yes", action="store_true",
                   help="go on with a study expected to take more than 10 minutes (without "
                        "it, negsim says how long and stops)")


def svg_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--svg", action="store_true",
                   help="also write every figure as SVG (PNG always)")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="negsim", description=(
        "Negotiation scenario simulator for the 2023 Baku-Stepanakert talks: which meeting "
        "formats could produce a meeting, who blocks the rest, and why."))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser("run", help="Monte Carlo experiment: how likely and how soon a meeting is")
    _scenario_arg(p)
    p.add_argument("-n", type=ranges.replications(), default=None, metavar="N",
                   help="replications (default: the scenario's 'replications')")
    p.add_argument("--seed", type=ranges.seed(), default=None,
                   help="seed (default: the scenario's)")
    p.add_argument("--workers", type=ranges.workers(), default=None,
                   help="worker processes (default: all cores); results do not depend on it")
    p.add_argument("--trace", type=ranges.trace(), default=0, metavar="K",
                   help="keep the full trace of the first K replications (trace.jsonl)")
    p.add_argument("--out", default="results", metavar="DIR",
                   help="where results folders go (default: results)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--no-baseline", action="store_true",
                   help="with --set, or a file that extends another: skip the second run "
                        "that measures the difference from the baseline")
    dask_option(p)
    svg_option(p)
    yes_option(p)
    p.set_defaults(func=cmd_run)

    def runner_options(p: argparse.ArgumentParser) -> None:
        dask_option(p)
        svg_option(p)
        yes_option(p)
        p.add_argument("-n", type=ranges.replications(), default=None, metavar="N",
                       help="replications (default: the scenario's 'replications')")
        p.add_argument("--seed", type=ranges.seed(), default=None,
                       help="seed (default: the scenario's)")
        p.add_argument("--workers", type=ranges.workers(), default=None,
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
    p.add_argument("--samples", type=ranges.samples(), default=None, metavar="K",
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

    p = sub.add_parser("brief", help="the teaching package: general and confidential briefs, "
                                     "teaching note, worksheet, rubric (HTML and PDF)")
    _scenario_arg(p)
    p.add_argument("-n", type=ranges.replications(), default=REPLICATIONS, metavar="N",
                   help=f"replications behind the teaching note's 'what usually happens' "
                        f"(default {REPLICATIONS})")
    p.add_argument("--seed", type=ranges.seed(), default=None,
                   help="seed of that run (default: the scenario's)")
    p.add_argument("--no-pdf", action="store_true",
                   help="HTML only (default: also PDF, when Chromium or Chrome is found; "
                        "$NEGSIM_CHROMIUM names one)")
    p.add_argument("--out", default="results", metavar="DIR",
                   help="where the package's results folder goes (default: results)")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("backtest", help="replay the reported proposals; compare with history")
    p.add_argument("scenario", help="a scenario with proposals: and expected: outcomes, "
                                    "e.g. scenarios/history-2023.yaml")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                   help="override a parameter (repeatable)")
    p.add_argument("--seed", type=ranges.seed(), default=None,
                   help="seed (default: the scenario's)")
    p.add_argument("--robustness", action="store_true",
                   help="also: each row's share of matches over --seeds seeds, and the range "
                        "of each reservation and reaction probability over which every row "
                        "still matches")
    p.add_argument("--seeds", type=ranges.seeds(), default=None, metavar="N",
                   help="seeds for the record and --robustness (default: the record's, "
                        "1000)")
    p.add_argument("--ablate", action="store_true",
                   help="also: remove each rule, assumption, reaction, demand and dated "
                        "event in turn and list the rows and record items that fail "
                        "without it (saved beside the scenario for explain and the "
                        "explorer)")
    p.add_argument("--json", action="store_true", help="print JSON")
    yes_option(p)
    p.set_defaults(func=cmd_backtest)

    p = sub.add_parser("play", help="play one actor against the simulated others, then debrief")
    _scenario_arg(p)
    p.add_argument("--as", dest="actor", metavar="ACTOR",
                   help="the actor you play, e.g. stepanakert (its id or name, any case)")
    p.add_argument("--replay", metavar="TRANSCRIPT",
                   help="replay a game from its transcript.jsonl (a terminal game or a "
                        "classroom game), every seat included, and debrief each seat")
    p.add_argument("--seed", type=ranges.seed(), default=None,
                   help="seed (default: the scenario's)")
    p.add_argument("--answers", metavar="FILE",
                   help="play from a file of answers, one per line (also read from standard "
                        "input when it is not a terminal)")
    p.add_argument("--out", default="results", metavar="DIR",
                   help="where the transcript folder goes (default: results)")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("serve", help="the explorer in a browser: switch rules, see the "
                                     "formats, run what-ifs (needs the [web] extra)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; "
                        "0.0.0.0: every network, for a classroom)")
    p.add_argument("--port", type=ranges.port(), default=8080, help="port (default 8080)")
    p.add_argument("--certfile", metavar="FILE", help="TLS certificate, to serve HTTPS")
    p.add_argument("--keyfile", metavar="FILE", help="TLS private key, to serve HTTPS")
    p.add_argument("--max-replications", type=ranges.max_replications(), default=5000, metavar="N",
                   help="most replications one Run may ask for (default 5000)")
    p.add_argument("--max-runs", type=ranges.max_runs(), default=2, metavar="K",
                   help="most runs at the same time, over all browsers (default 2)")
    p.add_argument("--classroom", default="results/classroom", metavar="DIR",
                   help="where classroom games and their transcripts are kept (default "
                        "results/classroom); open games there resume when the server starts")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another host name browsers use to reach this server, e.g. a DNS "
                        "name (repeatable)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("init", help="copy the bundled case (params, scenarios, guide) into a "
                                    "new folder to edit")
    p.add_argument("folder", help="a new folder, e.g. my-class")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help="validate scenario and params files")
    p.add_argument("files", nargs="*", help="YAML files (default: scenarios/*.yaml here, or "
                                            "the bundled ones)")
    p.add_argument("--params", metavar="DIR", help="params folder to check a params file "
                   "against (default: the file's own folder)")
    p.add_argument("--strict", action="store_true",
                   help="warnings are errors; also list every modelling assumption "
                        "(assumption:) the file rests on, by actor")
    p.add_argument("--paths", action="store_true",
                   help="list every PATH that --set PATH=VALUE can change in one scenario, "
                        "with its current value")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("feasible", help="the exact feasibility table over every format")
    _scenario_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--all", action="store_true", help="list every blocked format")
    p.add_argument("--plot", action="store_true",
                   help="also draw the venue x mediation heatmap (PNG; SVG with --svg)")
    svg_option(p)
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
    p.add_argument("--params", metavar="DIR", help="params folder whose names (values, "
                   "attribute values, state values) the schema lists, so an editor flags "
                   "a typo (default: params/ here, else the bundled one)")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("docs", help="write the documentation's reference pages from the code "
                                    "and params, or check that they are up to date")
    _scenario_arg(p)
    p.add_argument("--out", default="docs/pages/reference", metavar="DIR",
                   help="the folder of the reference pages (default: docs/pages/reference)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1, naming the pages, when one is out of date")
    p.set_defaults(func=cmd_docs, parser=parser)
    for name, command in sub.choices.items():
        command.description = DESCRIPTIONS.get(name)
    return parser


