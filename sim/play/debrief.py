"""The debrief: each decision a person made beside what the modelled actor would have done,
the nearest historical outcome, and whether a refused format could have worked.

Why one module: the terminal and (later) the browser classroom debrief the same way from
the same transcript.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import json
from pathlib import Path

from ..files.loading import load_scenario
from ..model.decision import evaluate
from ..model.scenario import Scenario
from ..outputs import figures as plots
from ..studies.backtest import expected_text
from .session import Played
from .timeline import describe


def history_of(sc: Scenario) -> list:
    """The reported proposals with outcomes: the scenario's own, else those of the scenario
    its `history:` names (e.g. history-2023.yaml)."""
    known = [p for p in sc.spec.proposals if p.expected is not None]
    if not known and sc.spec.history:
        other = load_scenario(sc.path.parent / sc.spec.history)
        known = [p for p in other.spec.proposals if p.expected is not None]
    return known


def nearest_history(known: list, date: str) -> dict | None:
    if not known:
        return None
    day = dt.date.fromisoformat(date)
    p = min(known, key=lambda p: abs((p.date - day).days))
    return {"date": p.date.isoformat(), "note": " ".join(p.note.split()),
            "happened": expected_text(p.expected)}


def feasibility_then(sc: Scenario, actor: str, fmt: dict[str, str], state: dict) -> str:
    blockers = [sc.actors[a].name for a in sc.parties(fmt) if a != actor
                and not evaluate(sc.actors[a], fmt, state, sc.space, actors=sc.actors).accept]
    return ("every other party would have accepted it" if not blockers
            else "also refused by " + ", ".join(blockers))


def debrief(game: Played) -> dict:
    """The transcript: the game's timeline and each decision beside the modelled actor's."""
    sc, rec = game.scenario, game.record
    known = history_of(sc)
    decisions = []
    for d in rec.seat_log:
        item = dict(d)
        if d["kind"] == "answer":
            item["modelled_decision"] = "accept" if d["modelled"]["accept"] else "refuse"
            item["agrees_with_model"] = (d["decision"] == "accept") == d["modelled"]["accept"]
            if d["decision"] != "accept":
                item["feasibility"] = feasibility_then(sc, game.actor, d["format"], d["state"])
        item["history"] = nearest_history(known, d.get("proposed_on", d["date"]))
        decisions.append(item)
    return {"scenario": sc.name, "actor": game.actor, "seed": game.seed,
            "quit_early": game.quit_early, "interrupted": game.interrupted,
            "timeline": [describe(sc, e) for e in rec.trace if describe(sc, e)],
            "decisions": decisions, "met": rec.met, "meetings_held": rec.meetings_held}


def debrief_text(game: Played, data: dict) -> str:
    sc = game.scenario
    lines = ["", "=" * 30 + " DEBRIEF " + "=" * 30,
             f"You played {sc.actors[game.actor].name}. Meetings held: {data['meetings_held']}."]
    for i, d in enumerate(data["decisions"], 1):
        if d["kind"] == "answer":
            lines.append(f"\n{i}. {d['date']}: proposal from {sc.actors[d['proposer']].name}: "
                         f"{sc.space.label(d['format'])}")
            you = d["decision"] + (f" ({'; '.join(d['reasons'])})" if d["reasons"] else "")
            if d.get("counter"):
                you += f"; proposed instead: {sc.space.label(d['counter'])}"
            model = d["modelled_decision"] + (f" ({', '.join(d['modelled']['reasons'])})"
                                              if d["modelled"]["reasons"] else "")
            lines += [f"   you:   {you}", f"   model: {model}  "
                      f"[worth {d['modelled']['utility']:.2f} vs reservation "
                      f"{d['modelled']['reservation']:.2f}]"]
            if "feasibility" in d:
                lines.append(f"   that format: {d['feasibility']}")
        else:
            mine = sc.space.label(d["format"]) if d["format"] else "passed"
            theirs = d["modelled"]["format"]
            lines += [f"\n{i}. {d['date']}: your turn to propose",
                      f"   you:   {mine}",
                      f"   model: {sc.space.label(theirs) if theirs else 'would pass'}"]
        if d.get("history"):
            h = d["history"]
            lines.append(f"   history ({h['date']}): {h['note']} -> {h['happened']}")
    return "\n".join(lines)


def debrief_html(game: Played, data: dict, figure_png: str | None) -> str:
    e = html.escape
    rows = []
    for d in data["decisions"]:
        if d["kind"] == "answer":
            what = f"Proposal from {e(game.scenario.actors[d['proposer']].name)}: " \
                   f"{e(game.scenario.space.label(d['format']))}"
            you = e(d["decision"] + (": " + "; ".join(d["reasons"]) if d["reasons"] else "")
                    + (f"; proposed instead: {game.scenario.space.label(d['counter'])}"
                       if d.get("counter") else ""))
            model = e(d["modelled_decision"] + (": " + ", ".join(d["modelled"]["reasons"])
                                                if d["modelled"]["reasons"] else ""))
            extra = e(d.get("feasibility", ""))
        else:
            what = "Your turn to propose"
            you = e(game.scenario.space.label(d["format"]) if d["format"] else "passed")
            theirs = d["modelled"]["format"]
            model = e(game.scenario.space.label(theirs) if theirs else "would pass")
            extra = ""
        hist = d.get("history")
        hist_text = e(f"{hist['date']}: {hist['note']} -> {hist['happened']}") if hist else ""
        rows.append(f"<tr><td>{e(d['date'])}</td><td>{what}</td><td>{you}</td>"
                    f"<td>{model}</td><td>{extra}</td><td>{hist_text}</td></tr>")
    timeline = "".join(f"<li>{e(t)}</li>" for t in data["timeline"])
    image = f'<img alt="timeline" src="data:image/png;base64,{figure_png}">' if figure_png else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Debrief: {e(game.scenario.actors[game.actor].name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ddd;padding:.3rem;vertical-align:top}}
th{{background:#f4f4f4}}img{{max-width:100%}}</style></head><body>
<h1>Debrief: you played {e(game.scenario.actors[game.actor].name)}</h1>
<p>{e(game.scenario.spec.title)} · seed {game.seed} · meetings held: {data['meetings_held']}</p>
{image}
<h2>Your decisions beside the modelled actor's</h2>
<table><tr><th>Date</th><th>Situation</th><th>You</th><th>The model</th>
<th>The format you refused</th><th>Nearest historical outcome</th></tr>{''.join(rows)}</table>
<h2>Timeline</h2><ul>{timeline}</ul></body></html>
"""


def save(game: Played, data: dict, folder: Path) -> None:
    """transcript.json, debrief.html (with the timeline figure) and timeline.png."""
    (folder / "transcript.json").write_text(json.dumps(data, indent=2) + "\n")
    png = None
    if game.record.trace:
        fig = plots.timeline_figure(game.record, game.scenario,
                                    "Your game: who proposed, who answered how, and what "
                                    "changed the world (dotted lines)")
        plots.save(fig, folder, "timeline")
        png = base64.b64encode((folder / "timeline.png").read_bytes()).decode()
    (folder / "debrief.html").write_text(debrief_html(game, data, png), encoding="utf-8")
