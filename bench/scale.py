"""Benchmark of the executors, measured side by side in one run (not a test).

    python bench/scale.py [--quick] [--workers N] [--rounds R]

For `march-2023` on this machine:
- replications per second through the local process pool and through a Dask LocalCluster
  (process workers, one thread each), at 1 and N workers (default N=2), in interleaved
  rounds so that a busy moment of a shared machine hits every executor alike; medians of
  the rounds, and dask/pool as the median of each round's ratio (target >= 0.95 at 2);
- a sweep of 8 points as one stream of chunks through both executors at N workers, with
  each worker staying on its point (what negsim does) and with the points taken one after
  another by all workers; and how often a worker compiled a point's scenario cold, per point;
- the per-task overhead: milliseconds per empty chunk pushed through each executor with
  its usual window (two chunks per worker in flight);
- the client's merge rate: replications per second represented by precomputed partials
  (pickled as they arrive from workers) that the client unpickles and merges, with no CSV
  writing and no cluster start-up; it bounds how many workers one client can feed
  (target >= 200,000 replications/s). Measured without CSV rows (sweeps, sensitivity)
  and with them (`negsim run`, rows absorbed but not written).
Last line JSON. Needs the [dask] extra.
"""
from __future__ import annotations

import argparse
import functools
import json
import pickle
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from sim.studies import points  # noqa: E402
from sim.studies.chunks import Cargo, Chunk, Planner, run_chunk  # noqa: E402
from sim.studies.dask_executor import close_all, dask_partials  # noqa: E402
from sim.studies.pool import compiled_for, local_partials  # noqa: E402

SCENARIO = ROOT / "scenarios" / "march-2023.yaml"


def rate(scenario, n: int, **how) -> float:
    start = time.perf_counter()
    points.run_points([scenario], n, 1, **how)
    return n / (time.perf_counter() - start)


class Empty(Planner):
    """A planner that hands out `k` chunks of no replications: what is left is overhead."""

    def __init__(self, k: int, workers: int):
        super().__init__(0, 1, workers)
        self.k = k

    def next(self, slot=0) -> Chunk | None:
        self.k -= 1
        return Chunk(0, 0, 1) if self.k >= 0 else None


def per_task(run, k: int = 200) -> float:
    """Seconds per empty chunk through an executor (`run(planner)` yields partials)."""
    start = time.perf_counter()
    count = sum(1 for _ in run(Empty(k, 1)))
    assert count == k
    return (time.perf_counter() - start) / k


def stream(variants, m: int, stay: bool, **how) -> tuple[float, float]:
    """(replications/s, cold starts per point) of a sweep's points as one stream, with
    each worker staying on its point (stay) or taking the points one after another."""
    cold = 0
    saved, planner = points.partials, points.Planner

    def counting(*args):
        nonlocal cold
        for p in saved(*args):
            cold += p.cold
            yield p

    points.partials, points.Planner = counting, functools.partial(Planner, stay=stay)
    try:
        start = time.perf_counter()
        points.run_points(variants, m, 1, **how)
        seconds = time.perf_counter() - start
    finally:
        points.partials, points.Planner = saved, planner
    return len(variants) * m / seconds, cold / len(variants)


def merge_rate(scenario, rows: bool, size: int, copies: int = 400) -> float:
    """Replications/s the client absorbs from pickled partials of `size` replications."""
    compiled = compiled_for(scenario)
    made = [run_chunk(compiled, Chunk(i * size, (i + 1) * size, 1, rows=rows))
            for i in range(4)]
    blobs = []
    for j in range(copies):
        p = made[j % len(made)]
        p.start, p.stop = j * size, (j + 1) * size
        blobs.append(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL))
    n = size * copies
    saved = points.partials
    points.partials = lambda *a: (pickle.loads(b) for b in blobs)
    try:
        start = time.perf_counter()
        result, = points.run_points([scenario], n, 1, workers=1,
                                    sink=(lambda p: None) if rows else None)
        seconds = time.perf_counter() - start
    finally:
        points.partials = saved
    assert result.summary.n == n and len(result.days) == n
    return n / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer replications")
    parser.add_argument("--workers", type=int, default=2, help="the larger worker count")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    args = parser.parse_args()
    from distributed import LocalCluster
    many = max(2, args.workers)
    n = (1500 if args.quick else 4000) * many // 2
    scenario = sim.load(SCENARIO)
    opts = dict(threads_per_worker=1, processes=True, dashboard_address=None)
    with LocalCluster(n_workers=1, **opts) as one, LocalCluster(n_workers=many, **opts) as big:
        at = {1: one.scheduler_address, many: big.scheduler_address}
        for address in at.values():  # connect, warm the workers
            rate(scenario, 200, dask=address)
        rounds = []
        for _ in range(args.rounds):
            rounds.append({"pool_1": rate(scenario, n // 2, workers=1),
                           "dask_1": rate(scenario, n // 2, dask=at[1]),
                           f"pool_{many}": rate(scenario, n, workers=many),
                           f"dask_{many}": rate(scenario, n, dask=at[many])})
        sweeps, m = [], n // 8
        for r in range(args.rounds):
            one = {}
            for stay in (False, True):
                for name, how in (("pool", {"workers": many}), ("dask", {"dask": at[many]})):
                    # New scenarios every time (their own `seed`, unused by the run), so no
                    # Dask worker holds them warm from an earlier measurement.
                    tag = f"seed={1000 * r + 10 * stay + (name == 'dask')}"
                    variants = [sim.load(SCENARIO, [f"stepanakert.reservation={x / 10}", tag])
                                for x in range(2, 10)]
                    one[f"{name}_{stay}"] = stream(variants, m, stay, **how)
            sweeps.append(one)
        cargo = Cargo([scenario])
        overhead = [(per_task(lambda p: local_partials(cargo, p, many)),
                     per_task(lambda p: dask_partials(at[many], cargo, p)))
                    for _ in range(args.rounds)]
        close_all()
    size = int(statistics.median(r["pool_1"] for r in rounds) * Planner(1, 1, 1).target)
    merge = statistics.median(merge_rate(scenario, False, size) for _ in range(3))
    merge_rows = statistics.median(merge_rate(scenario, True, size) for _ in range(3))
    med = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    ratio = statistics.median(r[f"dask_{many}"] / r[f"pool_{many}"] for r in rounds)
    ratio_1 = statistics.median(r["dask_1"] / r["pool_1"] for r in rounds)
    pool_task, dask_task = (statistics.median(o[i] for o in overhead) * 1e3 for i in (0, 1))
    sw = {k: [statistics.median(r[k][i] for r in sweeps) for i in (0, 1)] for k in sweeps[0]}
    for k in (1, many):
        print(f"{k:2d} worker{'s' if k > 1 else ' '}: pool {med[f'pool_{k}']:7.0f}, "
              f"Dask {med[f'dask_{k}']:7.0f} replications/s")
    each = ", ".join(f"{r[f'dask_{many}'] / r[f'pool_{many}']:.2f}" for r in rounds)
    print(f"dask/pool at {many} workers: {ratio:.3f} (target >= 0.95), at 1: {ratio_1:.3f}"
          f"  [median of {args.rounds} interleaved rounds of {n} replications: {each}]")
    print(f"sweep of 8 points x {m} replications as one stream, {many} workers "
          f"(cold starts per point):")
    for name in ("pool", "dask"):
        print(f"  {name}: each worker stays on its point {sw[f'{name}_True'][0]:7.0f} "
              f"replications/s ({sw[f'{name}_True'][1]:.2f}); point after point "
              f"{sw[f'{name}_False'][0]:7.0f} ({sw[f'{name}_False'][1]:.2f})")
    print(f"per-task overhead (empty chunk, {many} workers): pool {pool_task:.2f} ms, "
          f"Dask {dask_task:.2f} ms")
    print(f"client merge rate, partials of {size} replications: {merge:,.0f} replications/s "
          f"without CSV rows, {merge_rows:,.0f} with them (target >= 200,000)")
    print(json.dumps({"workers": many, "replications": n,
                      **{f"{k}_reps_per_s": round(v, 1) for k, v in med.items()},
                      "dask_vs_pool": round(ratio, 3), "dask_vs_pool_1": round(ratio_1, 3),
                      **{f"sweep_{k.replace('True', 'stay').replace('False', 'in_turn')}"
                         f"_reps_per_s": round(v[0], 1) for k, v in sw.items()},
                      **{f"sweep_{k.replace('True', 'stay').replace('False', 'in_turn')}"
                         f"_cold_per_point": round(v[1], 2) for k, v in sw.items()},
                      "pool_task_ms": round(pool_task, 3), "dask_task_ms": round(dask_task, 3),
                      "merge_reps_per_s": round(merge), "merge_rows_reps_per_s": round(merge_rows),
                      "targets_met": ratio >= 0.95 and min(merge, merge_rows) >= 200_000}))


if __name__ == "__main__":
    main()
