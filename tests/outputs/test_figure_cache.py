"""The figure cache: a heatmap drawn once is copied after that, byte for byte; anything the
figure shows, or the code that draws it, changing draws anew; a cache that cannot be used
means drawing, never a failure."""
from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import sim
from sim.model.feasibility import feasibility
from sim.outputs import figure_cache, heatmap_picture
from tests.conftest import MARCH, ROOT


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("NEGSIM_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "figures"


def run_folder(scenario, out: Path, **kwargs) -> Path:
    return Path(sim.run(scenario, n=40, workers=1, out=out, **kwargs).results_dir)


def names(scenario, suffixes=(".png",)) -> list[str | None]:
    picture = heatmap_picture.heatmap_picture(feasibility(scenario), scenario)
    return [heatmap_picture.cache_name(picture, Path(f"x{s}")) for s in suffixes]


def test_a_second_run_copies_the_heatmap_without_drawing_it(march, cache, tmp_path,
                                                            monkeypatch):
    run_folder(march, tmp_path / "one")
    assert [p.name for p in cache.iterdir()] == names(march)

    def not_again(*args, **kwargs):
        raise AssertionError("the heatmap was drawn again")
    with monkeypatch.context() as patched:
        patched.setattr("sim.outputs.figures.feasibility.draw_heatmap", not_again)
        copied = run_folder(march, tmp_path / "two", seed=99)  # the seed is not in the key
    # The copy is what drawing gives: a run with the cache off draws the same bytes.
    monkeypatch.setenv("NEGSIM_CACHE_DIR", "")
    drawn = run_folder(march, tmp_path / "three")
    assert ((copied / "feasibility_heatmap.png").read_bytes()
            == (drawn / "feasibility_heatmap.png").read_bytes())


def test_the_cache_off_writes_nothing_and_the_xdg_folder_is_the_default(
        march, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NEGSIM_CACHE_DIR", "")
    run_folder(march, tmp_path / "off")
    assert not (tmp_path / "xdg").exists()
    monkeypatch.delenv("NEGSIM_CACHE_DIR")
    run_folder(march, tmp_path / "on")
    assert [p.name for p in (tmp_path / "xdg" / "negsim" / "figures").iterdir()] == \
        names(march)


def test_with_the_heatmap_cached_the_thread_beside_the_workers_draws_nothing(
        march, cache, tmp_path, monkeypatch):
    """The thread that runs beside the workers draws the heatmap only when the cache lacks
    it; with it cached, it only imports matplotlib (while the main process waits)."""
    from sim.outputs import ahead
    seen = []
    original = ahead.Ahead._draw

    def spying(self):
        original(self)
        seen.append((tuple(self.stems), sorted(self.drawn)))
    monkeypatch.setattr(ahead.Ahead, "_draw", spying)
    monkeypatch.setattr(ahead.Ahead, "told", lambda self, progress: progress)  # run young
    sim.run(march, n=60, workers=2, out=tmp_path / "one")
    sim.run(march, n=60, workers=2, out=tmp_path / "two")
    assert seen == [(("feasibility_heatmap",), ["feasibility_heatmap"]), ((), [])]


def test_what_the_figure_shows_is_the_key_not_where_the_file_is(tmp_path):
    def name(path, sets=()):
        return names(sim.load(path, list(sets)), (".png", ".svg"))
    here = name(MARCH)
    assert len(set(here)) == 2 and here[0].endswith(".png") and here[1].endswith(".svg")
    assert name(MARCH, ["state.blockade=false"]) != here  # another world, another picture
    assert name(MARCH, ["stepanakert.reservation=0.4"]) == here  # the heatmap shows no level
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for folder in ("scenarios", "params"):
        (moved / folder).symlink_to(ROOT / folder)
    assert name(moved / "scenarios" / "march-2023.yaml") == here


def test_the_key_holds_the_real_drawing_code_and_the_matplotlibrc(march, tmp_path,
                                                                  monkeypatch):
    from sim.outputs.figures import feasibility as drawing, style
    assert {Path(inspect.getsourcefile(drawing.draw_heatmap)),
            Path(inspect.getsourcefile(style.save))} <= set(heatmap_picture.DRAWN_BY)
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    plain = names(march)
    (tmp_path / "matplotlibrc").write_text("font.size: 14\n")  # read from the working folder
    assert names(march) != plain


def test_a_change_to_the_drawing_code_is_a_new_key(tmp_path):
    code = tmp_path / "draw.py"
    code.write_text("x = 1\n")
    before = figure_cache.key("kind", ("same", 1), [code], ".png")
    assert figure_cache.key("kind", ("same", 1), [code], ".png") == before
    code.write_text("x = 2\n")
    assert figure_cache.key("kind", ("same", 1), [code], ".png") != before
    assert figure_cache.key("kind", ("same", 2), [code], ".png") != before


def test_a_cache_that_cannot_be_written_or_read_means_drawing(march, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache would go\n")
    monkeypatch.setenv("NEGSIM_CACHE_DIR", str(blocked))
    folder = run_folder(march, tmp_path / "runs")
    assert (folder / "feasibility_heatmap.png").stat().st_size > 10_000


def test_a_copy_that_fails_halfway_leaves_no_file(cache, tmp_path, monkeypatch):
    drawn = tmp_path / "drawn.png"
    drawn.write_bytes(b"png" * 1000)
    figure_cache.keep("kind-1.png", drawn)

    def half(source, target):
        Path(target).write_bytes(b"pn")
        raise OSError("disk full")
    monkeypatch.setattr(figure_cache.shutil, "copyfile", half)
    target = tmp_path / "copy.png"
    assert not figure_cache.fetch("kind-1.png", target)
    assert not target.exists()


def test_the_cache_keeps_the_most_recently_used(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(figure_cache, "KEEP", 3)
    drawn = tmp_path / "drawn.png"
    drawn.write_bytes(b"png")
    for i in range(5):
        figure_cache.keep(f"kind-{i}.png", drawn)
        os.utime(cache / f"kind-{i}.png", (1_000 + i, 1_000 + i))
    figure_cache.fetch("kind-2.png", tmp_path / "used.png")  # used: now the newest
    figure_cache.keep("kind-5.png", drawn)
    assert sorted(p.name for p in cache.iterdir()) == ["kind-2.png", "kind-4.png",
                                                      "kind-5.png"]


def test_feasible_plot_a_second_time_imports_no_matplotlib(cache, tmp_path):
    probe = ("import sys, runpy; sys.argv = ['negsim', 'feasible', '--plot', '--out', "
             f"{str(tmp_path / 'out')!r}]\n"
             "try:\n    runpy.run_module('sim', run_name='__main__')\n"
             "except SystemExit as exit:\n    assert exit.code in (0, None), exit.code\n"
             "print('matplotlib' in sys.modules, file=sys.stderr)")
    seen = [subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                           text=True, check=True).stderr.split()[-1] for _ in range(2)]
    assert seen == ["True", "False"]
    pngs = sorted((tmp_path / "out").glob("*/feasibility_heatmap.png"))
    assert len(pngs) == 2 and pngs[0].read_bytes() == pngs[1].read_bytes()
