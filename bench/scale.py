"""Benchmark of the executors, measured side by side in one run (not a test).

    python bench/scale.py [--quick]

Replications per second of `march-2023` through the local process pool (1 and 2 workers)
and through a 2-worker Dask LocalCluster on this machine, and the Dask overhead per
replication. Last line JSON: {"pool_2_reps_per_s", "dask_2_reps_per_s", "dask_vs_pool"}.
Target: dask_vs_pool >= 0.7 on one machine. Needs the [dask] extra.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from sim.studies.dask_executor import close_all  # noqa: E402
from sim.studies.experiment import run  # noqa: E402


def rate(scenario, n: int, **how) -> float:
    start = time.perf_counter()
    run(scenario, n, seed=1, **how)
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer replications")
    args = parser.parse_args()
    from distributed import LocalCluster
    n = 3000 if args.quick else 12000
    scenario = sim.load(ROOT / "scenarios" / "march-2023.yaml")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        run(scenario, 200, seed=1, dask=cluster.scheduler_address)  # connect, warm workers
        rounds = [(rate(scenario, n, workers=1), rate(scenario, n, workers=2),
                   rate(scenario, n, dask=cluster.scheduler_address)) for _ in range(2)]
        close_all()
    one, two, dask = (max(r[k] for r in rounds) for k in range(3))
    print(f"local pool, 1 worker : {one:8.0f} replications/s")
    print(f"local pool, 2 workers: {two:8.0f} replications/s")
    print(f"Dask LocalCluster, 2 : {dask:8.0f} replications/s")
    print(f"Dask overhead per replication: {(1 / dask - 1 / two) * 1e6:.0f} microseconds; "
          f"dask/pool {dask / two:.2f} (target >= 0.7)")
    print(json.dumps({"pool_2_reps_per_s": round(two, 1), "dask_2_reps_per_s": round(dask, 1),
                      "dask_vs_pool": round(dask / two, 3)}))


if __name__ == "__main__":
    main()
