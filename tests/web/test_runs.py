"""Run: the caps, the gate, and the pairing of the what-if with the unchanged scenario."""
from __future__ import annotations

import threading
import time
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.studies.experiment import Experiment
from sim.studies.summary import Summary
from sim.web.explorer.explorer import Explorer
from sim.web.common.runs import (Caps, Gate, Runner, RunRefused, check_replications, check_seed,
                          paired_difference)


@pytest.mark.parametrize("n", [0, -5, 5001, 2.5, "ten", None, float("inf")])
def test_replications_outside_the_cap_are_refused_with_the_allowed_range(n):
    with pytest.raises(RunRefused, match="from 1 to 5,000"):
        check_replications(n, Caps(5000))


@pytest.mark.parametrize("seed", [-1, 1.5, None, "x"])
def test_a_seed_must_be_a_whole_number_from_zero(seed):
    with pytest.raises(RunRefused, match="seed must be a whole number"):
        check_seed(seed)
    assert check_seed(7.0) == 7


def test_the_gate_refuses_a_run_over_the_limit_at_once():
    gate = Gate(2)
    gate.enter()
    gate.enter()
    with pytest.raises(RunRefused, match="busy"):
        gate.enter()
    gate.leave()
    gate.enter()


def _experiment(days: list[int]) -> Experiment:
    summary = Summary(n=len(days), met=sum(d >= 0 for d in days))
    return Experiment("x", 1, len(days), summary, days=array("h", days))


@given(st.lists(st.tuples(st.integers(-1, 90), st.integers(-1, 90)), min_size=1))
def test_the_paired_counts_give_the_difference_of_the_two_probabilities(pairs):
    w, b = _experiment([p[0] for p in pairs]), _experiment([p[1] for p in pairs])
    got = paired_difference(w, b)
    assert got.only_whatif + got.only_base + got.both <= got.n == len(pairs)
    assert got.difference == pytest.approx(w.summary.p_meeting - b.summary.p_meeting)


def test_a_comparison_uses_one_seed_for_both_and_keeps_the_unchanged_run(library):
    entry = library.entries["march-2023.yaml"]
    ex = Explorer(entry.scenario, entry.name)
    ex.set_state("blockade", False)
    runner = Runner(Caps(1000, 2), workers=1)
    seen: list[tuple[int, int]] = []
    first = runner.compare(entry.scenario, library.load(entry.name, ex.overrides()), 60, 11,
                           lambda done, total: seen.append((done, total)))
    assert first.whatif.seed == first.base.seed == 11
    assert seen[-1] == (120, 120)  # both runs, in one progress
    same = runner.compare(entry.scenario, entry.scenario, 60, 11)
    assert same.base is first.base  # kept, not run again
    assert paired_difference(same.whatif, same.base).difference == 0
    assert list(same.whatif.days) == list(same.base.days)


def test_kept_workers_give_the_numbers_of_new_ones_and_stay_for_the_next_run(library):
    from sim.studies.points import run_points
    entry = library.entries["march-2023.yaml"]
    ex = Explorer(entry.scenario, entry.name)
    ex.set_state("blockade", False)
    whatif = library.load(entry.name, ex.overrides())
    runner = Runner(Caps(1000, 2), workers=2)
    try:
        runner.warm(library.entries["august-2023.yaml"].scenario)
        # the pools' processes (a private field of the standard library's executor)
        started = {pid for pool in runner.pools() for pid in pool._processes}
        got = runner.compare(entry.scenario, whatif, 300, 5)
        fresh_whatif, fresh_base = run_points([whatif, entry.scenario], 300, 5, workers=2)
        assert list(got.whatif.days) == list(fresh_whatif.days)
        assert list(got.base.days) == list(fresh_base.days)
        assert got.whatif.summary.to_json() == fresh_whatif.summary.to_json()
        assert len(started) == 2
        assert {pid for pool in runner.pools() for pid in pool._processes} == started
        # the warmed scenario's unchanged run is kept: a first what-if runs only itself
        august = library.entries["august-2023.yaml"].scenario
        seen: list[tuple[int, int]] = []
        runner.compare(august, august, august.spec.replications, august.spec.seed,
                       lambda done, total: seen.append((done, total)))
        assert seen[-1] == (august.spec.replications,) * 2
        processes = [proc for pool in runner.pools() for proc in pool._processes.values()]
    finally:
        runner.close()
    # the server's stop ends its worker processes (the executor's own thread reaps them:
    # poll their exit codes rather than join beside it)
    deadline = time.monotonic() + 20
    while any(proc.exitcode is None for proc in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes and all(proc.exitcode is not None for proc in processes)


def test_a_worker_that_dies_gives_a_clear_refusal_and_the_next_run_new_workers(library):
    """A killed worker (kill -9, out of memory) breaks its pool for good: without new pools
    every later Run would fail, and the page would wait without a word."""
    import os
    import signal
    march = library.entries["march-2023.yaml"].scenario
    runner = Runner(Caps(5000, 2), workers=1)
    try:
        runner.compare(march, march, 30, 1)  # the worker process now exists
        victim, = [pid for pool in runner.pools() for pid in pool._processes]

        def kill_once(done: int, total: int) -> None:
            if victim in {pid for pool in runner.pools() for pid in pool._processes}:
                os.kill(victim, signal.SIGKILL)
        with pytest.raises(RunRefused, match="worker process of the server stopped"):
            runner.compare(march, march, 3000, 2, kill_once)
        assert runner.gate.running == 0
        again = runner.compare(march, march, 30, 3)
        assert again.whatif.summary.n == 30
        assert victim not in {pid for pool in runner.pools() for pid in pool._processes}
    finally:
        runner.close()


def test_the_warm_up_gives_way_to_students_and_to_a_stopped_server(library):
    march = library.entries["march-2023.yaml"].scenario
    busy = Runner(Caps(1000, 1), workers=1)
    busy.gate.enter()  # a student's run is going: the warm-up does not make a second
    busy.warm(march)
    assert busy._pools is None and busy.gate.running == 1
    stopped = Runner(Caps(1000, 1), workers=1)
    stopped.close()
    stopped.warm(march)
    assert stopped._pools is None and stopped.gate.running == 0
    with pytest.raises(RunRefused, match="stopping"):  # no new workers after the stop
        stopped.compare(march, march, 30, 1)
    assert stopped._pools is None and stopped.gate.running == 0


def test_concurrent_runs_over_the_cap_get_a_clear_message(library):
    entry = library.entries["march-2023.yaml"]
    runner = Runner(Caps(1000, 1, 0), workers=1)  # no queue: over the cap, refused
    started, release = threading.Event(), threading.Event()

    def slow(done: int, total: int) -> None:
        started.set()
        release.wait(10)
    worker = threading.Thread(target=runner.compare,
                              args=(entry.scenario, entry.scenario, 30, 1, slow))
    worker.start()
    started.wait(10)
    with pytest.raises(RunRefused, match="busy"):
        runner.compare(entry.scenario, entry.scenario, 30, 2)
    release.set()
    worker.join()
    runner.compare(entry.scenario, entry.scenario, 30, 2)  # free again
