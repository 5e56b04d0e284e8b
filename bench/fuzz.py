"""Fuzzing negsim with documents and `--set` values built from its JSON Schema (not a test).

    python bench/fuzz.py [--examples 10000] [--seed 0]

Half the examples are scenario files (the March scenario with keys replaced by values the
schema describes or forbids, and text damage: a line doubled, a file cut short, an
impossible date), checked with `negsim check`; the other half are `--set PATH=VALUE`
options given to `negsim explain`. A scenario that passes `check` is also run (3
replications of the engine), so the engine meets the odd values that validation lets
through; every K-th accepted input (`--commands-every`, default 5) also goes through the
whole `negsim run -n 3`, figures and results folder included, where dates are drawn and
files written. Numbers and dates are mutated to their extremes (floats to 1e308, integers
to 10**400, years 1 to 9999). Every answer must be exit 0, or exit 2 with a message: an exception escaping `main` is a
traceback the user would see. Prints the counts and the slowest answer; the last line is
JSON: {"examples", "documents", "sets", "exit_0", "exit_2", "runs", "commands", "tracebacks",
"p99_s", "slowest_s"}.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from sim.engine import Compiled, replicate  # noqa: E402
from tests import fuzzing  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--commands-every", type=int, default=5, metavar="K",
                        help="run the whole `negsim run -n 3` (figures, results folder) on "
                             "every K-th accepted input (default 5)")
    args = parser.parse_args()
    counts = {"documents": 0, "sets": 0, "exit_0": 0, "exit_2": 0, "runs": 0,
              "commands": 0, "tracebacks": 0}
    accepted = [0]
    failures: list[str] = []
    slowest = [0.0, ""]
    times: list[float] = []
    temporary = tempfile.TemporaryDirectory(prefix="negsim-fuzz-")
    folder = Path(temporary.name)

    def answer(kind: str, example: str, call) -> None:
        counts[kind] += 1
        start = time.perf_counter()
        try:
            code, err = call()
            took = time.perf_counter() - start
            times.append(took)
            if took > slowest[0]:
                slowest[:] = [took, f"{kind}: {example[:120]!r}"]
            if kind == "documents" and code == 0:  # the engine itself, not through the
                compiled = Compiled(sim.load(folder / "fuzzed.yaml"))  # pool's memo
                for i in range(3):
                    replicate(compiled, i, 0)
                counts["runs"] += 1
            counts[f"exit_{code}"] = counts.get(f"exit_{code}", 0) + 1
            if code == 0:
                accepted[0] += 1
                if accepted[0] % args.commands_every == 0:
                    counts["commands"] += 1
                    code, err = (fuzzing.run_command(folder) if kind == "documents" else
                                 fuzzing.run_command(folder, example,
                                                     scenario=fuzzing.MARCH))
            ok = fuzzing.answered(code, err)
            if not ok:
                raise AssertionError(f"exit {code}: {err[:300]}")
        except Exception:  # noqa: BLE001 - what the user would see as a traceback
            counts["tracebacks"] += 1
            failures.append(f"--- {kind}: {example[:400]}\n{traceback.format_exc(limit=3)}")

    half = args.examples // 2
    common = dict(deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))

    @seed(args.seed)
    @settings(max_examples=half, **common)
    @given(fuzzing.scenario_text())
    def documents(text: str) -> None:
        answer("documents", text, lambda: fuzzing.check_text(text, folder))

    @seed(args.seed + 1)
    @settings(max_examples=args.examples - half, **common)
    @given(fuzzing.set_option())
    def sets(option: str) -> None:
        answer("sets", option, lambda: fuzzing.check_set(option))

    start = time.perf_counter()
    documents()
    sets()
    wall = time.perf_counter() - start
    temporary.cleanup()
    for text in failures[:5]:
        print(text)
    total = counts["documents"] + counts["sets"]
    print(f"{total} examples in {wall:.0f} s: {counts['documents']} scenario files, "
          f"{counts['sets']} --set values")
    print(f"  exit 0: {counts['exit_0']}   exit 2: {counts['exit_2']}   runs of accepted "
          f"files: {counts['runs']}   whole `negsim run` commands: {counts['commands']}")
    print(f"  tracebacks: {counts['tracebacks']} (target 0)")
    times.sort()
    p99 = times[int(0.99 * (len(times) - 1))] if times else 0.0
    print(f"  answer time (check or explain, not the run): median "
          f"{times[len(times) // 2]:.3f} s, 99th percentile {p99:.3f} s, slowest "
          f"{slowest[0]:.2f} s ({slowest[1]})")
    print(json.dumps({"examples": total, **counts, "p99_s": round(p99, 3),
                      "slowest_s": round(slowest[0], 3)}))


if __name__ == "__main__":
    main()
