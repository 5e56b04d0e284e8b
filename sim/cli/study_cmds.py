"""Commands that run the model: run, sweep, sensitivity, compare, report, backtest."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from .. import api
from ..files.errors import InputError
from .options import Progress, check_out, check_size, common_run_checks


def cmd_run(args: argparse.Namespace) -> int:
    check_out(args.out)
    scenario = api.load(args.scenario, args.set)
    check_size(args, scenario, args.n or scenario.spec.replications, "this run")
    result = api.run(scenario, n=args.n, seed=args.seed, workers=args.workers,
                     trace_k=args.trace, out=args.out, sets=args.set, progress=Progress(),
                     dask=args.dask, svg=args.svg, baseline=not args.no_baseline)
    data = result.to_json()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        end = scenario.start + dt.timedelta(days=scenario.spec.horizon_days)
        print(api.render.run_text(scenario, data, end,
                                  result.summary.proposals / max(1, result.summary.n)))
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    common_run_checks(args)
    from ..studies.sweep import check_grid, parse_vary
    points = check_grid([parse_vary(v) for v in args.vary])
    scenario = api.load(args.scenario, args.set)
    check_size(args, scenario, (points + 1) * (args.n or scenario.spec.replications),
               f"this sweep of {points:,} points")
    result = api.sweep(args.scenario, args.vary, args.n, args.seed, args.workers, args.set,
                       args.out, Progress("points"), args.dask, args.resume, args.svg)
    data = result.to_json()
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    paths = [v.path for v in result.varies]
    print(f"Sweep of {', '.join(paths)} on {result.scenario}: {result.replications} "
          f"replications per point, seed {result.seed} at every point (the same random "
          f"numbers)")
    base = data["baseline"]
    print("  " + "  ".join(f"{p:>24}" for p in paths) + "   P(meeting)   95% interval   "
          "  median days   vs the scenario as written (paired 95% interval)")

    def line(pt: dict, mark: str) -> str:
        lo, hi = pt["p_meeting_ci"]
        med = pt["median_days_to_first_meeting"]
        d = pt.get("difference_vs_baseline")
        diff = mark if d is None else (f"{d['p_meeting']['estimate']:+.3f} "
                                       f"({d['p_meeting']['ci'][0]:+.3f} to "
                                       f"{d['p_meeting']['ci'][1]:+.3f})")
        return ("  " + "  ".join(f"{shown(pt['values'].get(p)):>24}" for p in paths)
                + f"   {pt['p_meeting']:10.3f}   {lo:.3f} to {hi:.3f}   "
                + f"{'none' if med is None else format(med, 'g'):>11}   {diff}")
    for k, pt in enumerate(data["points"]):
        print(line(pt, "baseline" if k == base["point"] else "(not resumed with days)"))
    if base["point"] is None:
        print(line(base, "baseline: the scenario as written, run beside the grid"))
    print(f"\nResults: {data['results_dir']}/")
    return 0


def shown(value) -> str:
    """A sweep value, or 'as written' for one the scenario draws from a distribution."""
    return "as written" if value is None else format(value, "g")


def cmd_sensitivity(args: argparse.Namespace) -> int:
    common_run_checks(args)
    from ..studies.sensitivity import default_samples, design_size
    points = design_size(args.method, args.samples or default_samples(args.method),
                         len(args.params))
    scenario = api.load(args.scenario, args.set)
    check_size(args, scenario, points * (args.n or scenario.spec.replications),
               f"this design of {points:,} points")
    result = api.sensitivity(args.scenario, args.params, args.method, args.samples, args.n,
                             args.seed, args.workers, args.dask, args.set, args.out,
                             args.resume, Progress("points"), args.svg)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
        return 0
    import textwrap
    from ..studies.sensitivity_reading import METHOD_WORDS
    key = "mu_star" if result.method == "morris" else "S1"
    print(f"{result.method.title()} sensitivity of {result.scenario}: {result.points} points "
          f"x {result.replications} replications, seed {result.seed} at every point\n")
    print(f"  {'parameter':<52} {key + ' on P':>12} {'95% +/-':>8} {key + ' on days':>14}")
    for i in result.indices:
        print(f"  {i['label'][:52]:<52} {i[key]:12.3f} {i['conf']:8.3f} "
              f"{i['days_' + key]:14.2f}")
        if i["label"] != i["param"]:
            print(f"    ({i['param']})")
    print("\n" + textwrap.fill(METHOD_WORDS[result.method], 88))
    for w in result.warnings:
        print(textwrap.fill("Caution: " + w, 88, subsequent_indent="  "))
    print(f"\nResults: {result.results_dir}/")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    common_run_checks(args)
    first = api.load(args.scenarios[0])
    check_size(args, first, len(args.scenarios) * (args.n or first.spec.replications),
               f"this comparison of {len(args.scenarios)} scenarios")
    items, folder = api.compare(args.scenarios, args.n, args.seed, args.workers, args.out,
                                args.dask, args.svg)
    if args.json:
        print(json.dumps({"scenarios": [c.row() for c in items], "results_dir": folder},
                         indent=2))
    else:
        from ..studies.compare import compare_text
        print(compare_text(items) + f"\n\nResults: {folder}/")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    common_run_checks(args)
    scenario = api.load(args.scenario, args.set)
    from ..studies.whatif import rules, state_changes
    n = args.n or scenario.spec.replications
    reruns = len(rules(scenario)) + len(state_changes(scenario))
    check_size(args, scenario, n * (1 + reruns), f"this report ({reruns} reruns)")
    print(f"Running {n} replications, then {reruns} reruns on the same random numbers for "
          f"'what would have to change' (one per rule dropped and per other value of the "
          f"world state); this can take a minute.", file=sys.stderr)
    path = api.report(scenario, args.n, args.seed, args.workers, args.output, args.out,
                      args.set, Progress(), args.dask)
    print(f"Report: {path}")
    return 0


def cmd_backtest(args: argparse.Namespace) -> int:
    from ..studies.backtest import backtest, backtest_text
    scenario = api.load(args.scenario, args.set)
    if not any(p.expected for p in scenario.spec.proposals) and scenario.spec.record is None:
        raise InputError.one("this scenario has no 'proposals:' with an 'expected:' outcome "
                             "and no 'record:' to compare with; try "
                             "scenarios/history-2023.yaml.", scenario.path)
    seeds = args.seeds
    check_size(args, scenario, _backtest_size(scenario, args), "this backtest")
    result = backtest(scenario, args.seed)
    data = result.to_json()
    texts = [backtest_text(scenario, result)] if result.rows else []
    passed = result.passed
    if scenario.spec.record is not None:
        from ..outputs.record_text import record_text
        from ..studies.record import check_record
        record = check_record(scenario, seeds, args.seed)
        data["record"] = record.to_json()
        texts.append(record_text(scenario, record))
        passed = passed and record.passed
    if args.robustness:
        from ..studies.robustness import parameter_ranges, robustness_text, row_shares
        n = seeds or 1000
        shares = row_shares(scenario, n)
        ranges = parameter_ranges(args.scenario, args.set, max(50, n // 5),
                                  progress=Progress("parameters"))
        data["robustness"] = {"seeds": n,
                              "row_shares": [{"date": s.date, "share": round(s.share, 4)}
                                             for s in shares],
                              "parameters": [r.to_json() for r in ranges]}
        texts.append(robustness_text(shares, ranges, n))
    if args.ablate:
        texts.append(_ablate(scenario, args, seeds, data))
    data["passed"] = passed  # the exit code's verdict: the rows and the record alike
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        print("\n\n".join(texts))
    return 0 if passed else 1


def _backtest_size(scenario, args: argparse.Namespace) -> int:
    """About how many replications a backtest runs: the record's free runs, the
    robustness seeds, and the ablation's variants (each with the rows' and the record's)."""
    record = args.seeds or (scenario.spec.record.seeds if scenario.spec.record else 0)
    rows = max(50, (args.seeds or 1000) // 5)
    total = record + (2 * (args.seeds or 1000) if args.robustness else 0)
    if args.ablate:
        from ..studies.ablation import parts
        total += (len(parts(scenario)) + 1) * (rows + record)
    return total


def _ablate(scenario, args: argparse.Namespace, seeds: int | None, data: dict) -> str:
    """Run the ablation into `data`; save it beside the scenario (for explain and the
    explorer) when the files are read as they are; its text."""
    from ..files.tested import save
    from ..outputs.record_text import ablation_text
    from ..studies.ablation import ablate
    record_seeds = seeds or (scenario.spec.record.seeds if scenario.spec.record else 0)
    found = ablate(scenario, max(50, (seeds or 1000) // 5), record_seeds,
                   workers=api.default_workers(), progress=Progress("variants"))
    data.update(found.to_json())
    text = ablation_text(scenario, found)
    if args.set or args.seed is not None or seeds is not None:
        return text + ("\n\n(Not saved for explain and the explorer: it was run with "
                       "--set, --seed or --seeds.)")
    try:
        path = save(scenario, found.to_json())
    except OSError as exc:
        return text + f"\n\n(Not saved for explain and the explorer: {exc.strerror}.)"
    print(f"Saved for explain and the explorer: {path}", file=sys.stderr)
    return text


