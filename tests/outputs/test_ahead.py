"""The heatmap drawn while the workers run: after they are forked, off the main thread,
the same picture as one drawn in turn, and its failure the run's failure."""
from __future__ import annotations

import multiprocessing
import threading

import pytest

import sim
from sim.outputs import ahead
from sim.outputs.figures.run import run_figures
from sim.studies import experiment


def test_started_is_called_once_the_workers_run(march):
    seen, before = [], len(multiprocessing.active_children())
    experiment.run(march, 60, workers=2,
                   started=lambda: seen.append(len(multiprocessing.active_children())))
    assert seen == [before + 2]  # once, with both worker processes already forked
    seen.clear()
    experiment.run(march, 20, workers=1, started=lambda: seen.append("in process"))
    assert seen == ["in process"]


@pytest.mark.parametrize("share_done", [0.0, 0.9])
def test_the_heatmap_is_drawn_beside_the_workers_unless_the_run_is_nearly_done(
        march, tmp_path, monkeypatch, share_done):
    """Drawn on a thread, started once both workers exist, while the run is young; left to
    the processes that draw the rest when the run is past half; the same picture both ways."""
    calls = []
    original = ahead.Ahead._draw

    before = len(multiprocessing.active_children())

    def spying(self):
        forked = len(multiprocessing.active_children()) - before
        self.share_done = share_done  # where the run stands when matplotlib is loaded
        original(self)
        calls.append((threading.current_thread() is threading.main_thread(), forked,
                      sorted(self.drawn)))
    monkeypatch.setattr(ahead.Ahead, "_draw", spying)
    monkeypatch.setattr(ahead.Ahead, "told", lambda self, progress: progress)  # share fixed
    result = sim.run(march, n=200, workers=2, out=tmp_path / "runs")
    drawn_ahead = ["feasibility_heatmap"] if share_done < 0.5 else []
    assert calls == [(False, 2, drawn_ahead)]
    folder = tmp_path / "runs" / result.results_dir.split("/")[-1]
    turn = tmp_path / "turn"
    turn.mkdir()
    run_figures(march, result, turn, workers=1)
    for stem in ("feasibility_heatmap", "timeline", "p_meeting_by_day"):
        assert (folder / f"{stem}.png").read_bytes() == (turn / f"{stem}.png").read_bytes()


def test_a_heatmap_that_fails_ahead_fails_the_run_and_leaves_nothing(
        march, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no heatmap today")
    failed_on = []
    original = ahead.Ahead._draw

    def spying(self):
        original(self)
        failed_on.append((threading.current_thread().name, repr(self.error)))
    monkeypatch.setattr("sim.outputs.figures.feasibility.draw_heatmap", broken)
    monkeypatch.setattr(ahead.Ahead, "_draw", spying)
    monkeypatch.setattr(ahead.Ahead, "told", lambda self, progress: progress)  # drawn ahead
    with pytest.raises(RuntimeError, match="no heatmap today"):
        sim.run(march, n=100, workers=2, out=tmp_path)
    assert failed_on == [("figures-ahead", "RuntimeError('no heatmap today')")]
    assert list(tmp_path.iterdir()) == []
