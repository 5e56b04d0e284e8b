"""Benchmark of the engine and of a whole run, measured side by side in one run (not a test).

    python bench/engine.py [--quick]

Prints, for the default scenario (march-2023), in one run:
- the engine's replications per second beside two SimPy baselines, in interleaved rounds
  so a busy moment of the machine hits all three alike (medians of the rounds' ratios):
  a Store-based one moving the same number of messages between 5 generator processes
  (`overhead`), and a lean one scheduling the same number of SimPy events as the engine,
  both counted, on callbacks with a trivial decision each (`overhead_lean`, target <= 2.0);
- `negsim run -n 1000` and `-n 10000 --workers 2` as whole commands, start-up and figures
  included: one first run, which draws the heatmap into an empty figure cache of its own,
  then the median of 5 (3 with --quick) that find it there; each also x (the Store
  baseline's rate / 4,000), i.e. at an hour when it runs 4,000 replications/s (targets
  < 0.8 s and < 2 s), so a slow hour shows;
- 1,000 replications through the Python API in a process that has already loaded the
  scenario, as the browser explorer does on a click (target < 1.5 s), first and warm;
- 1 vs 2 workers, and peak memory of `negsim run` at 1,000 vs 20,000 replications.
The last line is JSON: {"reps_per_s", "bare_reps_per_s", "lean_reps_per_s",
"events_per_replication", "lean_events_per_replication", "overhead", "overhead_lean",
"run_10000_wall_s", "run_1000_wall_s", "run_10000_normalised_s", "run_1000_normalised_s",
"run_10000_first_wall_s", "run_1000_first_wall_s", "api_1000_s", "speedup_2_workers", "rss_ratio"}.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import simpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from sim.engine import Compiled, replicate  # noqa: E402
from sim.studies.experiment import run  # noqa: E402

SCENARIO = ROOT / "scenarios" / "march-2023.yaml"


def events_per_replication(one: Callable[[int], object], n: int = 200
                           ) -> tuple[float, float]:
    """(SimPy events scheduled, generator resumes) per replication by `one(i)`, counted
    over `n` of them."""
    counts = {"schedule": 0, "resume": 0}
    originals = {"schedule": simpy.Environment.schedule, "resume": simpy.Process._resume}

    def counting(name: str):
        def counted(self, *args, **kwargs):
            counts[name] += 1
            return originals[name](self, *args, **kwargs)
        return counted

    simpy.Environment.schedule = counting("schedule")
    simpy.Process._resume = counting("resume")
    try:
        for i in range(n):
            one(i)
    finally:
        simpy.Environment.schedule = originals["schedule"]
        simpy.Process._resume = originals["resume"]
    return counts["schedule"] / n, counts["resume"] / n


def engine_counts(compiled: Compiled) -> tuple[float, float, float]:
    """(SimPy events, generator resumes, messages) per replication, over 200 of them."""
    messages = sum(replicate(compiled, i, 1).messages for i in range(200)) / 200
    return (*events_per_replication(lambda i: replicate(compiled, i, 1)), messages)


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


def lean_replication(seed: int, events: int, resumes: int = 0) -> int:
    """The least any engine on SimPy pays for `events` scheduled events and `resumes`
    generator resumes: no Stores, three proposers whose timeouts call back a trivial
    decision (one draw, one comparison) that schedules the next, and one process (the
    engine's dated events are processes) waking `resumes - 1` times; returns the events."""
    rng = random.Random(seed)
    env = simpy.Environment()
    scheduled = 0

    def process(wakes: int):
        nonlocal scheduled
        for _ in range(wakes):
            scheduled += 1
            yield env.timeout(rng.uniform(1, 50))

    if resumes >= 1:
        scheduled += 2  # its start and its end
        env.process(process(resumes - 1))

    def wake(event: simpy.Event) -> None:
        nonlocal scheduled
        if scheduled < events:
            accept = rng.random() < 0.5  # the decision; a refusal waits longer
            scheduled += 1
            env.timeout(rng.uniform(1, 5) if accept else rng.uniform(5, 10)
                        ).callbacks.append(wake)

    for _ in range(3):
        scheduled += 1
        env.timeout(rng.uniform(1, 5)).callbacks.append(wake)
    env.run()
    return scheduled


def paired_rounds(compiled: Compiled, messages: float, events: float, resumes: float,
                  rounds: int, per_round: int) -> dict[str, float]:
    """Engine, Store-based bare and lean bare replications/s and the two overheads (engine
    time over each baseline's): medians over interleaved rounds, so a busy moment of the
    machine hits all three alike."""
    m, e_count, r_count = round(messages), round(events), round(resumes)
    times: dict[str, list[float]] = {"engine": [], "bare": [], "lean": []}
    runs = {"bare": lambda i: bare_replication(i, m),
            "lean": lambda i: lean_replication(i, e_count, r_count),
            "engine": lambda i: replicate(compiled, 10_000 + i, 1)}
    for k in range(rounds):
        for name, one in runs.items():
            start = time.perf_counter()
            for i in range(k * per_round, (k + 1) * per_round):
                one(i)
            times[name].append(time.perf_counter() - start)
    med = {name: per_round / statistics.median(t) for name, t in times.items()}
    ratios = {base: statistics.median(e / b for e, b in zip(times["engine"], times[base]))
              for base in ("bare", "lean")}
    return {**{f"{k}_reps_per_s": v for k, v in med.items()},
            "overhead": ratios["bare"], "overhead_lean": ratios["lean"]}


def whole_run_seconds(n: int, repeats: int) -> tuple[float, list[float]]:
    """Wall time of `negsim run -n N --workers 2` as a fresh process, figures included:
    (the first run, which draws the heatmap into an empty figure cache, then `repeats`
    runs that find it there, as every run of a class after its first does)."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "NEGSIM_CACHE_DIR": str(Path(out) / "cache")}
        for _ in range(repeats + 1):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "sim", "run", str(SCENARIO), "-n", str(n),
                            "--workers", "2", "--out", str(Path(out) / "results")],
                           check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return times[0], times[1:]


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
    """Peak RSS of the largest process of a real `negsim run` (main or worker), the figure
    cache off, so that both sizes draw every figure (and the user's cache is left alone)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "sim", "run",
                               str(SCENARIO), "-n", str(n), "--workers", "2", "--out", out],
                              capture_output=True, text=True, check=True, cwd=ROOT,
                              env={**os.environ, "NEGSIM_CACHE_DIR": ""})
    return int(proc.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller samples; about a minute")
    args = parser.parse_args()
    rounds, per_round = (5, 200) if args.quick else (9, 400)
    repeats = 3 if args.quick else 5

    compiled = Compiled(sim.load(SCENARIO))
    for i in range(50):  # warm the memo tables, as any run longer than a few dozen does
        replicate(compiled, i, 1)
    events, resumes, messages = engine_counts(compiled)
    lean_events, lean_resumes = events_per_replication(
        lambda i: lean_replication(i, round(events), round(resumes)))
    r = paired_rounds(compiled, messages, events, resumes, rounds, per_round)
    reps, bare_reps = r["engine_reps_per_s"], r["bare_reps_per_s"]
    print(f"engine  march-2023: {reps:8.0f} replications/s  ({events:.1f} SimPy events, "
          f"{resumes:.1f} generator resumes, {messages:.0f} messages per replication)")
    print(f"bare    SimPy, 5 processes, {round(messages)} messages via Stores: "
          f"{bare_reps:8.0f} replications/s   (the hour's speed: 4,000/s is the reference)")
    print(f"lean    SimPy, callbacks, {lean_events:.1f} SimPy events and {lean_resumes:.1f} "
          f"resumes (counted): "
          f"{r['lean_reps_per_s']:8.0f} replications/s")
    print(f"overhead (engine time / baseline time), median of {rounds} paired rounds: "
          f"{r['overhead']:.2f} over the Store one, {r['overhead_lean']:.2f} over the lean "
          f"one   target <= 2.0")

    scale = bare_reps / 4000  # a wall time x scale: what it would be at the reference hour
    cold, walls = {}, {}
    for n in (1000, 10_000):
        cold[n], walls[n] = whole_run_seconds(n, repeats)
    wall = {n: statistics.median(w) for n, w in walls.items()}
    for n, target in ((1000, 0.8), (10_000, 2.0)):
        print(f"command negsim run -n {n} --workers 2 (start-up and figures included): "
              f"first {cold[n]:.2f} s (heatmap drawn), then with it cached "
              f"{', '.join(f'{w:.2f}' for w in walls[n])} s, median {wall[n]:.2f} s, "
              f"x {scale:.2f} = {wall[n] * scale:.2f} s at 4,000 bare/s   target < {target}")

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
                      "lean_reps_per_s": round(r["lean_reps_per_s"], 1),
                      "events_per_replication": round(events, 1),
                      "lean_events_per_replication": round(lean_events, 1),
                      "resumes_per_replication": round(resumes, 1),
                      "lean_resumes_per_replication": round(lean_resumes, 1),
                      "overhead": round(r["overhead"], 2),
                      "overhead_lean": round(r["overhead_lean"], 2),
                      "run_10000_wall_s": round(wall[10_000], 2),
                      "run_1000_wall_s": round(wall[1000], 2),
                      "run_10000_normalised_s": round(wall[10_000] * scale, 2),
                      "run_1000_normalised_s": round(wall[1000] * scale, 2),
                      "run_10000_first_wall_s": round(cold[10_000], 2),
                      "run_1000_first_wall_s": round(cold[1000], 2),
                      "api_1000_s": round(first, 2), "speedup_2_workers": round(two / one, 2),
                      "rss_ratio": round(big / small, 3)}))


if __name__ == "__main__":
    main()
