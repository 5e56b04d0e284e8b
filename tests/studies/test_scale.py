"""Big experiments: the Dask executor gives the local pool's numbers exactly; SALib's Morris
ranks parameters sensibly; a killed sweep or sensitivity run resumes to the same result."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sim
from sim.cli import main
from sim.studies.experiment import run

from ..conftest import MARCH, ROOT

distributed = pytest.importorskip("distributed", reason="install the [dask] extra")
pytest.importorskip("SALib", reason="install the [sensitivity] extra")


@pytest.fixture(scope="module")
def cluster():
    from sim.studies.dask_executor import close_all
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c.scheduler_address
        close_all()


def test_one_worker_two_workers_and_dask_give_the_same_json_and_csv(march, cluster, tmp_path,
                                                                    capsys):
    on_dask = run(march, 300, 11, dask=cluster)
    on_pool = run(march, 300, 11, workers=2)
    assert on_dask.to_json() == on_pool.to_json()
    assert on_dask.summary == on_pool.summary and on_dask.days == on_pool.days
    outs = []
    for how in (["--dask", cluster], ["--workers", "1"], ["--workers", "2"]):
        assert main(["run", str(MARCH), "-n", "120", "--seed", "4", *how, "--out",
                     str(tmp_path / how[1].replace("/", "_")), "--json"]) == 0
        outs.append(json.loads(capsys.readouterr().out))
    rows = [(Path(x.pop("results_dir")) / "replications.csv").read_text() for x in outs]
    assert outs[0] == outs[1] == outs[2] and rows[0] == rows[1] == rows[2]
    assert rows[0].count("\n") == 121


def test_a_sweep_through_a_local_cluster_gives_the_pool_sweep(cluster, tmp_path, capsys):
    """The same sweep.csv and per-point numbers (days of every replication too) from a
    Dask LocalCluster as from the local pool, the grid going as one stream of chunks."""
    args = ["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.5:0.95:3", "--vary",
            "baku.reservation=0.5:0.9:2", "-n", "30", "--seed", "9", "--json"]
    found = []
    for how in (["--dask", cluster], ["--workers", "2"]):
        assert main([*args, *how, "--out", str(tmp_path / how[0])]) == 0
        out = json.loads(capsys.readouterr().out)
        folder = Path(out.pop("results_dir"))
        found.append((out, (folder / "sweep.csv").read_text(),
                      json.loads((folder / "sweep.json").read_text())["points"]))
    assert found[0] == found[1]
    assert len(found[0][2]) == 6 and len({p["p_meeting"] for p in found[0][2]}) > 1
    on_dask = sim.sweep(MARCH, ["stepanakert.reservation=0.2:0.8:3"], n=30, seed=2, dask=cluster)
    on_pool = sim.sweep(MARCH, ["stepanakert.reservation=0.2:0.8:3"], n=30, seed=2, workers=2)
    assert [p.days for p in on_dask.points] == [p.days for p in on_pool.points]
    assert all(len(p.days) == 30 for p in on_dask.points)


def test_an_unreachable_scheduler_fails_fast_and_clearly(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NEGSIM_DASK_TIMEOUT", raising=False)
    began = time.perf_counter()
    assert main(["run", str(MARCH), "-n", "5", "--dask", "tcp://127.0.0.1:1", "--out",
                 str(tmp_path)]) == 2
    assert time.perf_counter() - began < 3.0
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 2 s" in err
    assert "NEGSIM_DASK_TIMEOUT" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("NEGSIM_DASK_TIMEOUT", "soon")
    assert main(["run", str(MARCH), "-n", "5", "--dask", "tcp://127.0.0.1:1", "--out",
                 str(tmp_path)]) == 2
    assert "NEGSIM_DASK_TIMEOUT should be a number of seconds" in capsys.readouterr().err


def test_morris_ranks_a_deciding_parameter_first_and_an_idle_one_last(tmp_path, capsys):
    assert main(["sensitivity", str(MARCH), "--params", "yerevan.reservation=0.1:0.9",
                 "stepanakert.reservation=0.2:0.99", "--samples", "4", "-n", "40",
                 "--workers", "1", "--out", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "morris" and set(out) == {"method", "indices", "results_dir",
                                                       "what_it_means", "warnings"}
    first, last = out["indices"]
    assert first["param"] == "stepanakert.reservation" and first["mu_star"] > 0.3
    assert last["param"] == "yerevan.reservation" and last["mu_star"] == 0.0
    folder = Path(out["results_dir"])
    assert {"sensitivity.csv", "points.csv", "design.json", "sensitivity.png"} <= {
        p.name for p in folder.iterdir()}


def kill_when(proc: subprocess.Popen, folder: Path, rows: int) -> Path:
    """SIGKILL the run once its ledger has more than `rows` lines; return its folder."""
    deadline = time.time() + 60
    while time.time() < deadline:
        found = list(folder.glob(".*partial*/points.csv"))
        if found and found[0].read_text().count("\n") > rows:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return found[0].parent
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the run never wrote its ledger")


@pytest.mark.parametrize("command", [
    ["sensitivity", str(MARCH), "--params", "stepanakert.reservation=0.2:0.99",
     "baku.reservation=0.3:0.8", "--samples", "4", "-n", "30", "--workers", "1"],
    ["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:8", "-n", "40",
     "--workers", "1"],
], ids=["sensitivity", "sweep"])
def test_resume_after_a_killed_run_gives_the_uninterrupted_numbers(command, tmp_path, capsys):
    assert main([*command, "--out", str(tmp_path / "whole"), "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    killed = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "sim", *command, "--out", str(killed)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = kill_when(proc, killed, 3)
    done_before = partial.joinpath("points.csv").read_text().count("\n") - 1
    assert done_before >= 3
    assert main([*command, "--resume", str(partial), "--json"]) == 0
    resumed = json.loads(capsys.readouterr().out)
    for x in (whole, resumed):
        x.pop("results_dir")
    assert resumed == whole
    final, = [p for p in killed.iterdir() if not p.name.startswith(".")]
    rows = final.joinpath("points.csv").read_text().strip().splitlines()[1:]
    assert len(rows) == len({r.split(",")[0] for r in rows}), "no point counted twice"


def test_resume_refuses_a_different_design(tmp_path, capsys):
    assert main(["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:2", "-n", "5",
                 "--workers", "1", "--out", str(tmp_path), "--json"]) == 0
    folder = json.loads(capsys.readouterr().out)["results_dir"]
    assert main(["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:3", "-n", "5",
                 "--workers", "1", "--resume", folder]) == 2
    assert "differs from the one asked for" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["--params", "stepanakert.reservation=0.9:0.1"], "PATH=LO:HI with numbers LO < HI"),
    (["--params", "stepanakert.reservaton=0.1:0.9"], "is not a parameter here"),
    (["--params", "stepanakert.reservation=0.1:0.9", "--resume", "/nonexistent"],
     "no such results folder"),
])
def test_bad_sensitivity_input(args, message, tmp_path, capsys):
    assert main(["sensitivity", str(MARCH), *args, "--out", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command, message", [
    (["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:2", "--vary",
      "stepanakert.reservation=0.2:0.3:2"], "the same parameter"),
    (["sweep", str(MARCH), "--vary", "horizon_days=10:20:4"], "horizon_days"),
    (["sweep", str(MARCH), "--vary", "stepanakert.reservation=nan:1:2"], "PATH=LO:HI:STEPS"),
    (["sensitivity", str(MARCH), "--params", "stepanakert.reservation=0.3:0.8",
      "stepanakert.reservation=0.3:0.8"], "the same parameter twice"),
    (["run", str(MARCH), "-n", "5", "--dask", "tcp://foo"], "is not a Dask scheduler address"),
    (["run", str(MARCH), "-n", "5", "--dask", "tcp://10.0.0.5:port"], "expected tcp://HOST:PORT"),
    (["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:2", "--dask",
      "10.0.0.5 8786"], "is not a Dask scheduler address"),
])
def test_bad_big_experiment_input_leaves_no_folder(command, message, tmp_path, capsys):
    assert main([*command, "-n", "5", "--out", str(tmp_path)] if command[0] != "run"
                else [*command, "--out", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_lost_worker_does_not_lose_or_double_count_replications(march, tmp_path):
    """SIGKILL one Dask worker process while batches run: its batch runs again elsewhere
    and the numbers equal the local pool's."""
    import os
    import threading
    from sim.studies.dask_executor import client, close_all
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        pids = client(address).run(os.getpid)
        victim = sorted(pids.values())[0]
        killed = threading.Event()

        def kill_once_under_way(done: int, total: int) -> None:
            # mid-run, once the scenario is on the workers (a kill during its scatter to
            # every worker can leave the scatter waiting: a loaded machine met that)
            if not killed.is_set():
                killed.set()
                os.kill(victim, signal.SIGKILL)
        try:
            on_dask = run(march, 3000, 5, dask=address, progress=kill_once_under_way)
            after = client(address).run(os.getpid)
        finally:
            close_all()
    assert victim not in after.values(), "the worker was killed during the run"
    on_pool = run(march, 3000, 5, workers=2)
    assert on_dask.summary.n == 3000
    assert on_dask.to_json() == on_pool.to_json()


def test_a_task_the_cluster_drops_is_a_clear_error_not_a_traceback(march, cluster):
    """Data the scheduler forgot (here: scattered by a client that has gone, as after a
    scheduler restart) cancels the chunks that need it: the run stops with a message."""
    from sim.files.errors import InputError
    from sim.studies.chunks import Cargo, Planner
    from sim.studies.dask_executor import dask_partials
    cargo = Cargo([march])
    with distributed.Client(cluster, set_as_default=False) as other:
        cargo.remote[0] = other.scatter(march, broadcast=True, hash=False)
    with pytest.raises(InputError, match="dropped a task"):
        list(dask_partials(cluster, cargo, Planner(40, 1, 2)))
