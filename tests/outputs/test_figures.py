"""Figures, sweep, compare and report: their *content* matches the computed numbers."""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import matplotlib
import pytest

import sim
from sim.outputs import analysis, figures as plots
from sim.cli import main

from ..conftest import AUGUST, MARCH

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def march_run(march):
    return sim.run(march, n=300, workers=1)


def test_formats_bars_have_the_computed_shares_on_a_fixed_axis_with_no_meeting(
        august, march, march_run):
    for scenario, summary in ((march, march_run.summary),
                              (august, sim.run(august, n=300, workers=1).summary)):
        fig = plots.formats_figure(summary, scenario)
        ax = fig.axes[0]
        widths = [round(p.get_width(), 9) for p in ax.patches]
        shares = [round(s, 9) for _, s in analysis.format_shares(summary, 8)]
        assert widths == shares + [round(1 - summary.p_meeting, 9)]
        assert abs(sum(widths) - 1) < 1e-6  # every replication is somewhere
        assert ax.get_xlim() == (0.0, 1.0)  # 0.8% is drawn as small as it is
        labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
        assert labels[-1] == "no meeting by the horizon"
        assert scenario.spec.title in fig._suptitle.get_text()


def test_ecdf_ends_at_p_meeting_and_marks_the_horizon(august):
    result = sim.run(august, n=400, workers=1)
    fig = plots.ecdf_figure([("august", result.summary, august.spec.horizon_days)],
                            august.start, "t")
    ax = fig.axes[0]
    line = ax.get_lines()[0]
    assert line.get_ydata()[-1] == pytest.approx(result.summary.p_meeting)
    assert any("horizon" in t.get_text() for t in ax.texts)


def test_compared_curves_stop_at_their_own_horizons(march, august):
    a, b = sim.run(march, n=50, workers=1), sim.run(august, n=50, workers=1)
    fig = plots.ecdf_figure([("m", a.summary, 90), ("a", b.summary, 60)], None, "t")
    steps = [ln for ln in fig.axes[0].get_lines() if ln.get_drawstyle() == "steps-post"]
    assert [max(ln.get_xdata()) for ln in steps] == [90, 60]
    # two curves that coincide both stay in sight: the first wider, the second dashed on top
    assert steps[0].get_linewidth() > steps[1].get_linewidth()
    assert steps[1].get_linestyle() == "--"


def test_refusal_bars_are_per_replication_coloured_by_kind_in_a_stable_order(march, march_run):
    from sim.outputs.figures.style import KIND_COLOURS
    from matplotlib.colors import to_hex
    summary = march_run.summary
    fig = plots.refusals_figure(summary, march)
    ax = fig.axes[0]
    total = sum(p.get_width() for p in ax.patches)
    assert abs(total - sum(summary.refusals.values()) / summary.n) < 1e-9
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert any("No talks in Baku while" in lbl for lbl in labels)
    assert not any("no_talks_in_baku_under_blockade" in lbl for lbl in labels)
    kinds = {k: v.lower() for k, v in KIND_COLOURS.items()}
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[labels.index(next(lbl for lbl in labels if "No talks in Baku" in lbl))] \
        == kinds["precondition"]
    assumed = next(lbl for lbl in labels if "Yevlakh as well as Baku" in lbl)
    assert colours[labels.index(assumed)] == kinds["assumption"]
    # Stable: the same bars in the same order for a run with other counts.
    other = sim.run(march, n=120, workers=1, seed=99).summary
    again = [t.get_text() for t in plots.refusals_figure(other, march).axes[0].get_yticklabels()]
    common = [lbl for lbl in labels if lbl in [a.replace("\n", " ") for a in again]]
    assert common == [a.replace("\n", " ") for a in again if a.replace("\n", " ") in common]


def test_heatmap_cells_name_the_blockers_of_feasible_json(march, capsys):
    assert main(["feasible", str(MARCH), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["formats"]
    table = sim.feasibility(march)
    agenda, delegation = analysis.most_permissive(table)
    fig = plots.heatmap_figure(table, march)
    texts = [t.get_text() for t in fig.axes[0].texts]
    venues, mediations = march.space.values["venue"], march.space.values["mediation"]
    for item in rows:
        f = item["format"]
        if (f["agenda"], f["delegation"]) != (agenda, delegation):
            continue
        cell = texts[venues.index(f["venue"]) * len(mediations) + mediations.index(f["mediation"])]
        if item["meeting_possible"]:
            assert cell == "possible"
        else:
            names = cell.split("\n")[1:]
            assert sorted(names) == sorted(march.actors[a].name for a in item["blocked_by"])


def test_timeline_shows_every_held_meeting(march, march_run):
    fig = plots.timeline_figure(march_run.example, march)
    stars = [ln for ln in fig.axes[0].get_lines() if ln.get_marker() == "*"]
    assert len(stars) == march_run.example.meetings_held
    story = fig.axes[1].texts[0].get_text().replace("\n", " ")
    assert story.count("meeting held") == march_run.example.meetings_held
    proposals = [e for e in march_run.example.trace if e["type"] == "proposal"]
    assert f"{len(proposals)}. " in story
    assert "Khojaly (peacekeepers' base) · Russian peacekeepers" in story


def test_run_writes_the_figures_and_svg_only_when_asked(tmp_path, capsys):
    stems = ("p_meeting_by_day", "first_meeting_formats", "refusals_by_actor",
             "feasibility_heatmap", "timeline")
    assert main(["run", str(MARCH), "-n", "40", "--out", str(tmp_path), "--json"]) == 0
    folder = Path(json.loads(capsys.readouterr().out)["results_dir"])
    for stem in stems:
        assert (folder / f"{stem}.png").read_bytes()[:4] == b"\x89PNG"
        assert not (folder / f"{stem}.svg").exists()
    assert main(["run", str(MARCH), "-n", "40", "--out", str(tmp_path), "--json",
                 "--svg"]) == 0
    folder = Path(json.loads(capsys.readouterr().out)["results_dir"])
    for stem in stems:
        assert b"<svg" in (folder / f"{stem}.svg").read_bytes()[:2000]


def test_sweep_low_reservation_meets_at_least_as_often(tmp_path, capsys):
    assert main(["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:3", "-n",
                 "100", "--out", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"points", "baseline", "results_dir"}
    points = out["points"]
    assert [p["values"]["stepanakert.reservation"] for p in points] == [0.1, 0.5, 0.9]
    for p in points:
        assert set(p) == {"values", "p_meeting", "p_meeting_ci", "median_days_to_first_meeting",
                          "difference_vs_baseline"}
    assert points[0]["p_meeting"] >= points[-1]["p_meeting"]
    folder = Path(out["results_dir"])
    assert (folder / "sweep.csv").read_text().count("\n") == 4
    assert (folder / "sweep.png").exists()


def test_sweep_points_share_their_seeds(tmp_path):
    """Common random numbers: a parameter that changes nothing changes no number."""
    result = sim.sweep(MARCH, ["yerevan.reservation=0.2:0.8:3"], n=60, workers=1)
    ps = {p.summary.p_meeting for p in result.points}
    days = {tuple(sorted(p.summary.first_days.items())) for p in result.points}
    assert len(ps) == 1 and len(days) == 1


def test_sweep_two_parameters_makes_a_grid(tmp_path):
    result = sim.sweep(MARCH, ["stepanakert.reservation=0.2:0.8:2",
                               "baku.reservation=0.2:0.8:2"], n=30, workers=1, out=tmp_path)
    assert len(result.points) == 4
    assert (Path(result.results_dir) / "sweep.png").exists()


def test_bad_vary_is_a_clear_error(capsys):
    assert main(["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1-0.9"]) == 2
    assert "PATH=LO:HI:STEPS" in capsys.readouterr().err


def test_compare_uses_the_same_seed_and_overlays(tmp_path, capsys):
    assert main(["compare", str(MARCH), str(AUGUST), "-n", "100", "--out", str(tmp_path),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    march_row, august_row = out["scenarios"]
    assert march_row["p_meeting"] > august_row["p_meeting"]
    # August: proposals are made and refused (Yevlakh by Stepanakert, as reported)
    assert august_row["p_meeting"] == 0.0
    assert ("stepanakert", "no_talks_in_azerbaijan_under_blockade") in {
        (r["actor"], r["reason"]) for r in august_row["top_refusals"]}
    assert (Path(out["results_dir"]) / "p_meeting_by_day_compared.png").exists()


def test_report_when_nobody_meets_says_so_and_keeps_every_rule(august, tmp_path):
    path = sim.report(august, n=60, workers=1, out_file=tmp_path / "r.html")
    text = path.read_text()
    assert not re.search(r'src="(?!data:)', text), "no external files"
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', text)
    assert images and all(base64.b64decode(i)[:4] == b"\x89PNG" for i in images)
    import html
    plain = " ".join(html.unescape(text).split())
    # August: formats are proposed and every one refused; the report says none was held
    assert "In 0% of 60 replications" in plain and "held 0.0 meetings" in plain
    assert "met by 30 September 2023" in plain  # the scenario's own 60-day horizon
    for actor in august.actors.values():
        assert actor.name in plain
        for rule in actor.rules:
            for c in rule.citations[:2]:
                assert " ".join(c.quote.split()) in plain, (actor.id, rule.id)
    assert "Questions for discussion" in plain


def test_figures_drawn_side_by_side_are_the_ones_drawn_in_turn(march, march_run, tmp_path):
    from sim.outputs.figures.run import run_figures
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    alone = run_figures(march, march_run, one, workers=1)
    paired = run_figures(march, march_run, two, workers=2)
    assert [p.name for p in alone] == [p.name for p in paired] == [
        "p_meeting_by_day.png", "first_meeting_formats.png", "refusals_by_actor.png",
        "feasibility_heatmap.png", "timeline.png"]
    for a, b in zip(alone, paired):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_sweep_figures_show_the_scenario_as_written_for_each_parameter():
    """Found by a new user's trial: a baseline level of 0 lay on the frame under the data,
    and the 2-D caption read '(drawn per replication, drawn per replication)'."""
    flat = [{"values": {"a.x": v}, "p_meeting": 0.0, "p_meeting_ci": [0.0, 0.01]}
            for v in (0.1, 0.5)]
    base = {"values": {"a.x": None, "b.y": None}, "p_meeting": 0.0,
            "p_meeting_ci": [0.0, 0.01]}
    ax = plots.sweep_figure(flat, ["a.x"], "t", {"a.x": "A's x"}, base).axes[0]
    assert ax.get_ylim()[0] < 0  # a level of 0 is drawn inside the frame
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert dashed and dashed[0].get_ydata()[0] == 0 and dashed[0].get_zorder() > 2
    grid = [{"values": {"a.x": x, "b.y": y}, "p_meeting": 0.5, "p_meeting_ci": [0.4, 0.6]}
            for x in (0.1, 0.5) for y in (0.2, 0.8)]
    fig = plots.sweep_figure(grid, ["a.x", "b.y"], "t", {"a.x": "A's x", "b.y": "B's y"}, base)
    caption = " ".join(fig._supxlabel.get_text().split())
    assert "(A's x drawn per replication; B's y drawn per replication)" in caption


def test_a_what_ifs_curve_is_drawn_beside_its_baseline(tmp_path, monkeypatch):
    """`negsim run` of a what-if draws the baseline's curve too, from the run the paired
    difference was measured on (same N and seed)."""
    from sim.outputs.figures import run as figures_run
    drawn = {}
    monkeypatch.setattr(figures_run, "save",
                        lambda fig, folder, stem, svg: drawn.setdefault(stem, fig) and [])
    whatif = sim.load(MARCH.parent / "whatif-peacekeepers-withdraw.yaml")
    result = sim.run(whatif, n=200, workers=1, out=tmp_path, baseline=True)
    base, horizon = result.baseline_curve
    assert result.baseline == "march-2023.yaml" and horizon == 90
    assert base.p_meeting - result.summary.p_meeting == -result.difference.p_meeting.estimate
    labels = [ln.get_label() for ln in drawn["p_meeting_by_day"].axes[0].get_lines()
              if ln.get_drawstyle() == "steps-post"]
    assert len(labels) == 2 and labels[1].startswith("baseline: march-2023.yaml: 100%")
    plain = sim.run(sim.load(MARCH), n=50, workers=1, out=tmp_path / "plain", baseline=True)
    assert plain.baseline_curve is None
