"""Benchmark of the engine and of a whole run, measured side by side in one run (not a test).

    python bench/engine.py [--quick]

Prints, for the default scenario (march-2023):
- the engine's replications per second beside a bare SimPy model moving the same number
  of messages between 5 processes through Stores (the floor any engine on SimPy pays),
  in interleaved rounds so a busy moment of the machine hits both alike; the overhead is
  the median of the rounds' ratios (target <= 2.0);
- `negsim run -n 10000 --workers 2` as a whole command, start-up and figures included,
  median of 3 (target < 5 s);
- 1,000 replications through the Python API in a process that has already loaded the
  scenario, as the browser explorer does on a click (target < 1.5 s), first and warm;
- 1 vs 2 workers, and peak memory of `negsim run` at 1,000 vs 20,000 replications.
The last line is JSON: {"reps_per_s", "bare_reps_per_s", "overhead", "run_10000_wall_s",
"api_1000_s", "speedup_2_workers", "rss_ratio"}.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import simpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from sim.engine import Compiled, replicate  # noqa: E402
from sim.studies.experiment import run  # noqa: E402

SCENARIO = ROOT / "scenarios" / "march-2023.yaml"


def engine_counts(compiled: Compiled) -> tuple[float, float]:
    """(SimPy events, messages) per replication, counted over 200 replications."""
    scheduled = 0
    original = simpy.Environment.schedule

    def counting(self, *args, **kwargs):
        nonlocal scheduled
        scheduled += 1
        return original(self, *args, **kwargs)

    simpy.Environment.schedule = counting
    try:
        messages = sum(replicate(compiled, i, 1).messages for i in range(200))
    finally:
        simpy.Environment.schedule = original
    return scheduled / 200, messages / 200


def bare_replication(seed: int, messages: int) -> int:
    """Five processes with a Store each; three of them send requests on a random schedule,
    the receiver answers after a random delay: `messages` messages in all, via Stores."""
    rng = random.Random(seed)
    env = simpy.Environment()
    inbox = [simpy.Store(env) for _ in range(5)]
    moved = 0

    def actor(k: int):
        nonlocal moved
        while True:
            kind, sender = yield inbox[k].get()
            moved += 1
            if kind == "ask":
                yield env.timeout(rng.uniform(1, 5))
                inbox[sender].put(("reply", k))

    def proposer(k: int, asks: int):
        for j in range(asks):
            yield env.timeout(rng.uniform(2, 10))
            inbox[(k + 1 + j % 4) % 5].put(("ask", k))

    for k in range(5):
        env.process(actor(k))
    asks = max(1, messages // 2)
    for k in range(3):
        env.process(proposer(k, asks // 3 + (k < asks % 3)))
    env.run(until=90 * 10)
    return moved


def paired_rounds(compiled: Compiled, messages: float, rounds: int, per_round: int
                  ) -> tuple[float, float, float]:
    """(engine reps/s, bare reps/s, overhead): medians over interleaved rounds."""
    m = round(messages)
    engine, bare, ratios = [], [], []
    for k in range(rounds):
        start = time.perf_counter()
        for i in range(per_round):
            bare_replication(k * per_round + i, m)
        b = time.perf_counter() - start
        start = time.perf_counter()
        for i in range(per_round):
            replicate(compiled, 10_000 + k * per_round + i, 1)
        e = time.perf_counter() - start
        engine.append(per_round / e)
        bare.append(per_round / b)
        ratios.append(e / b)
    return statistics.median(engine), statistics.median(bare), statistics.median(ratios)


def whole_run_seconds(n: int, repeats: int) -> list[float]:
    """Wall time of `negsim run -n N --workers 2` as a fresh process, figures included."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "sim", "run", str(SCENARIO), "-n", str(n),
                            "--workers", "2", "--out", out], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return times


def api_seconds(repeats: int) -> tuple[float, float]:
    """1,000 replications through the API in a process that has loaded the scenario:
    (the first, the median of the next `repeats`)."""
    scenario = sim.load(SCENARIO)
    times = []
    for k in range(repeats + 1):
        start = time.perf_counter()
        run(scenario, 1000, seed=7 + k)
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def pool_rate(n: int, workers: int) -> float:
    scenario = sim.load(SCENARIO)
    start = time.perf_counter()
    run(scenario, n, seed=1, workers=workers)
    return n / (time.perf_counter() - start)


def peak_rss_kib(n: int) -> int:
    """Peak RSS of the largest process of a real `negsim run` (main or worker)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "sim", "run",
                               str(SCENARIO), "-n", str(n), "--workers", "2", "--out", out],
                              capture_output=True, text=True, check=True, cwd=ROOT)
    return int(proc.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller samples; about a minute")
    args = parser.parse_args()
    rounds, per_round = (5, 200) if args.quick else (9, 400)
    repeats = 1 if args.quick else 3

    compiled = Compiled(sim.load(SCENARIO))
    for i in range(50):  # warm the memo tables, as any run longer than a few dozen does
        replicate(compiled, i, 1)
    events, messages = engine_counts(compiled)
    reps, bare_reps, overhead = paired_rounds(compiled, messages, rounds, per_round)
    print(f"engine  march-2023: {reps:8.0f} replications/s  ({events:.0f} SimPy events, "
          f"{messages:.0f} messages per replication)")
    print(f"bare    SimPy, 5 processes, {round(messages)} messages via Stores: "
          f"{bare_reps:8.0f} replications/s")
    print(f"overhead (engine time / bare time), median of {rounds} paired rounds: "
          f"{overhead:.2f}   target <= 2.0")

    walls = whole_run_seconds(10_000, repeats)
    wall = statistics.median(walls)
    print(f"command negsim run -n 10000 --workers 2 (start-up and figures included): "
          f"{', '.join(f'{w:.2f}' for w in walls)} s, median {wall:.2f} s   target < 5")

    first, warm = api_seconds(repeats)
    print(f"api     1,000 replications in a loaded process: first {first:.2f} s, then "
          f"{warm:.2f} s   target < 1.5")

    pool_n = 4000 if args.quick else 10000
    one, two = pool_rate(pool_n, 1), pool_rate(pool_n, 2)
    print(f"runner  {pool_n} replications: 1 worker {one:.0f}/s, 2 workers {two:.0f}/s, "
          f"speedup {two / one:.2f}")

    small, big = peak_rss_kib(1000), peak_rss_kib(20000)
    print(f"memory  peak RSS of negsim run: 1,000 replications {small / 1024:.1f} MiB, "
          f"20,000 replications {big / 1024:.1f} MiB, ratio {big / small:.2f}   target <= 1.2")
    print(json.dumps({"reps_per_s": round(reps, 1), "bare_reps_per_s": round(bare_reps, 1),
                      "overhead": round(overhead, 2), "run_10000_wall_s": round(wall, 2),
                      "api_1000_s": round(first, 2), "speedup_2_workers": round(two / one, 2),
                      "rss_ratio": round(big / small, 3)}))


if __name__ == "__main__":
    main()
