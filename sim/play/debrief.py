"""The debrief: each decision a person made beside what the modelled actor would have done,
the red lines of their own they crossed, what became of every proposal, the nearest
historical outcome of the same kind, and whether a refused format could have worked.

Why one module: the terminal `play` and the browser classroom debrief the same way, from
the same game (live, or replayed from its transcript); `debrief_views` only lays the data
out as text or HTML, and the web page draws the same dictionary.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..engine import Game
from ..files.loading import load_scenario
from ..model.decision import broken_rules, evaluate, marked_sentence, reason_kind
from ..model.scenario import Scenario
from ..model.sources import source_label
from ..outputs.story import Step, fate_words, story
from ..studies.backtest import expected_text
from .debrief_why import why
from .timeline import Teller

REFLECTION = ("Before the debrief, one question: what did you want for {name} in this game, "
              "and did you get it? (A sentence or two.)")
STATED = ("red_line", "precondition")  # rules the actor itself stated (not assumptions)
_history: dict[tuple[str, str], list] = {}


def history_of(sc: Scenario) -> list:
    """The reported proposals with outcomes: the scenario's own, else those of the scenario
    its `history:` names (e.g. history-2023.yaml). Read once per scenario."""
    key = (str(sc.path), sc.digest)
    if key not in _history:
        known = [p for p in sc.spec.proposals if p.expected is not None]
        if not known and sc.spec.history:
            other = load_scenario(sc.path.parent / sc.spec.history)
            known = [p for p in other.spec.proposals if p.expected is not None]
        _history[key] = known
    return _history[key]


MATCH_WORDS = ("proposer", "venue", "mediation")


def nearest_history(sc: Scenario, known: list, proposer: str, fmt: dict[str, str],
                    date: str) -> dict[str, Any] | None:
    """The reported proposal nearest in kind: the most of same proposer, venue and
    mediation (in that order of weight), then the nearest date. None when none shares the
    venue or the mediation: no comparable event."""
    day = dt.date.fromisoformat(date)

    def same(p) -> tuple[bool, bool, bool]:
        return (p.proposer == proposer, p.format.get("venue") == fmt.get("venue"),
                p.format.get("mediation") == fmt.get("mediation"))
    comparable = [p for p in known if any(same(p)[1:])]
    if not comparable:
        return None
    best = min(comparable, key=lambda p: (-sum(same(p)), [not s for s in same(p)],
                                          abs((p.date - day).days)))
    shared = [w for w, s in zip(MATCH_WORDS, same(best)) if s]
    where = " · ".join(sc.space.value_label(d, best.format[d]) for d in ("venue", "mediation")
                       if d in best.format)
    return {"date": best.date.isoformat(), "proposer": sc.actors[best.proposer].name
            if best.proposer in sc.actors else best.proposer,
            "format": sc.space.label(best.format), "where": where,
            "note": " ".join(best.note.split()),
            "happened": expected_text(best.expected, sc), "same": shared}


def feasibility_then(sc: Scenario, actor: str, fmt: dict[str, str], state: dict,
                     proposer: str | None = None) -> str:
    """Whether the other parties would have accepted a format the seat refused. Its
    proposer accepted it by proposing it (a person, or the model on its own drawn
    reservation), so it is never named as refusing it."""
    blockers = [sc.actors[a].name for a in sc.parties(fmt) if a not in (actor, proposer)
                and not evaluate(sc.actors[a], fmt, state, sc.space, actors=sc.actors).accept]
    return ("every other party would have accepted it" if not blockers
            else "also refused by " + ", ".join(blockers))


def crossed(sc: Scenario, actor: str, fmt: dict[str, str] | None, state: dict
            ) -> list[dict[str, str]]:
    """The rules the actor stated (red lines, preconditions) that `fmt` breaks in `state`:
    accepting or proposing it crosses them. Each with its sentence and quote."""
    if fmt is None:
        return []
    spec = sc.actors[actor]
    out = []
    for r in broken_rules(spec, fmt, state, sc.space):
        if r.kind not in STATED:
            continue
        cite = next(iter(spec.rule(r.id).citations), None)
        out.append({"id": r.id, "kind": r.kind, "says": " ".join(r.says.split()),
                    "quote": cite.quote if cite else "",
                    "article": source_label(sc.articles, cite.article) if cite else ""})
    return out


def reasons_said(sc: Scenario, actor: str, ids: list[str]) -> list[dict[str, str]]:
    return [{"id": i, "kind": reason_kind(sc.actors[actor], i),
             "says": marked_sentence(sc.actors, actor, i).rstrip(".")} for i in ids]


def decision_item(sc: Scenario, d: dict[str, Any], steps: dict[int, Step], known: list,
                  ended: bool = False) -> dict[str, Any]:
    """One decision of the seat's, with the model's beside it and what came of it."""
    item = {k: v for k, v in d.items() if k not in ("known",)}
    actor = d["actor"]

    def outcome(pid: int) -> str | None:
        return fate(sc, steps[pid], ended) if pid in steps else None
    if d["kind"] == "answer":
        modelled = d["modelled"]
        item["modelled_decision"] = "accept" if modelled["accept"] else "refuse"
        item["modelled_reasons"] = reasons_said(sc, actor, modelled["reasons"])
        item["agrees_with_model"] = (d["decision"] == "accept") == modelled["accept"]
        acted_on = d["format"] if d["decision"] == "accept" else d.get("counter")
        if d["decision"] != "accept":
            item["feasibility"] = feasibility_then(sc, actor, d["format"], d["state"],
                                                   d.get("proposer"))
        item["outcome"] = outcome(d["proposal"])
        if d.get("counter_id") is not None:
            item["counter_outcome"] = outcome(d["counter_id"])
        item["history"] = nearest_history(sc, known, d["proposer"], d["format"],
                                          d["proposed_on"])
    else:
        theirs = d["modelled"]["format"]
        item["modelled_decision"] = "propose" if theirs else "pass"
        item["agrees_with_model"] = d["format"] == theirs
        acted_on = d["format"]
        item["outcome"] = outcome(d["proposal"]) if d.get("proposal") is not None else None
        item["history"] = (nearest_history(sc, known, actor, d["format"], d["date"])
                           if d["format"] else None)
    item["crossed"] = crossed(sc, actor, acted_on, d["state"])
    return item


def debrief(sc: Scenario, game: Game, actor: str, seed: int, *, name: str = "",
            reflection: str | None = None, quit_early: bool = False,
            interrupted: bool = False) -> dict[str, Any]:
    """One seat's debrief of one game (live or replayed): a plain dictionary, for the
    terminal, the HTML file, the web page and the class view alike."""
    rec = game.record
    known = history_of(sc)
    steps = {s.id: s for s in story(rec.trace, sc) if s.kind == "proposal"}
    decisions = [decision_item(sc, d, steps, known, game.ended) for d in rec.seat_log
                 if d["actor"] == actor]
    seen = game.view(actor).seen
    mine = [e["id"] for e in seen if e["type"] == "proposal"]
    teller = Teller(sc, actor)
    return {"scenario": sc.name, "title": sc.spec.title, "actor": actor,
            "actor_name": sc.actors[actor].name, "name": name, "seed": seed,
            "over": game.over, "ended_early": game.ended, "quit_early": quit_early,
            "interrupted": interrupted,
            "reflection": {"question": REFLECTION.format(name=sc.actors[actor].name),
                           "answer": reflection},
            "decisions": decisions,
            "departures": sum(not d["agrees_with_model"] for d in decisions),
            "crossed": sum(bool(d["crossed"]) for d in decisions),
            "by_model": sum(bool(d["by_model"]) for d in decisions),
            "proposals": [fate_line(sc, steps[i], game.ended) for i in mine if i in steps],
            "timeline": [f"{date}  {text}" for date, text in teller.lines(seen)],
            "met": rec.met, "meetings_held": rec.meetings_held, "why": why(sc, game)}


def fate_line(sc: Scenario, step: Step, ended: bool = False) -> str:
    when = (sc.start + dt.timedelta(days=int(step.day))).isoformat()
    return f"{when}, {sc.actors[step.actor].name}: {step.text} \u2192 {fate(sc, step, ended)}"


def fate(sc: Scenario, step: Step, ended: bool = False) -> str:
    """What became of a proposal; in a game ended early, what was still open then."""
    words = fate_words(sc, step)
    if ended and step.outcome == "unanswered":
        return "still open when the game was ended"
    if ended and step.outcome == "agreed":
        return "agreed; the game was ended before the meeting's day"
    return words
