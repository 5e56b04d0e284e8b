"""Why a game ended as it did, in one paragraph: the meeting held (day, format), or no
meeting because of the refusals that stopped it, and the format that came closest in the
world the game ended in, blocked only by whom and under which rule.

Why one paragraph above the table: a group reads the table row by row and misses the
pattern ("every refusal was the same precondition"); the paragraph says it first, and each
claim carries its rule (the id on hover in a page) and a short quote with its speaker, so
the paragraph argues from the sources as the table does. Built from the game's trace and
the exact feasibility table (`sim.model.feasibility`); the terminal, the HTML file, the
seat's page and the class view all show this one text.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Mapping

from ..engine import Game
from ..model.decision import BELOW_RESERVATION, reason_kind, rule_sentence
from ..model.feasibility import Row, feasibility
from ..model.scenario import Scenario
from ..model.sources import cited_as

QUOTE_WORDS = 16
OWN = ("own_words", "no_reason_given")
_tables: dict[tuple[str, tuple], list[Row]] = {}  # (scenario digest, state) -> its rows


def count_words(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def short_quote(text: str, words: int = QUOTE_WORDS) -> str:
    """The quote's first words, an ellipsis where it was cut."""
    parts = text.split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")


def claim(sc: Scenario, actor: str, rule: str) -> list[dict[str, Any]]:
    """A rule as a claim: its sentence (marked when the model assumes it), then a short
    quote and who said it; the segment carries the id for the hover."""
    spec = sc.actors[actor]
    if rule == BELOW_RESERVATION:
        return [{"text": "the value it puts on the format, below its reservation level",
                 "rule": rule}]
    says = rule_sentence(sc.actors, actor, rule).rstrip(".")
    assumed = "the model's assumption " if reason_kind(spec, rule) == "assumption" else ""
    found = spec.rule(rule)
    cite = next(iter(found.citations), None) if found is not None else None
    quote = (f" (\u201c{short_quote(cite.quote)}\u201d, "
             f"{cited_as(sc.speakers, sc.articles, cite)})" if cite else "")
    return [{"text": f"{assumed}\u201c{says}\u201d", "rule": rule},
            {"text": quote, "rule": None}]


def rows_in(sc: Scenario, state: Mapping[str, Any]) -> list[Row]:
    key = (sc.digest, tuple(sorted(state.items())))
    if key not in _tables:
        _tables[key] = feasibility(sc, dict(state)).rows
    return _tables[key]


def closest(rows: list[Row]) -> tuple[Row, bool]:
    """A format every party accepts (True), or the one blocked by the fewest parties for
    the fewest reasons, the parties valuing it most breaking ties (False)."""
    def worth(r: Row) -> float:
        return -sum(v.utility for v in r.verdicts.values()) / max(1, len(r.verdicts))
    possible = [r for r in rows if r.meeting_possible]
    if possible:
        return min(possible, key=worth), True
    return min(rows, key=lambda r: (len(r.blocked_by),
                                    sum(len(ids) for ids in r.blocked_by.values()),
                                    worth(r))), False


def refusals(sc: Scenario, trace: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The refusals' reasons, most frequent first: rule by rule, and each seat's own words."""
    counted: Counter = Counter()
    for e in trace:
        if e["type"] == "answer" and not e["accept"]:
            for r in e["reasons"] or ["no_reason_given"]:
                counted[(e["actor"], r)] += 1
    out = []
    for (actor, rule), n in counted.most_common():
        name = sc.actors[actor].name
        times = count_words(n)
        if rule in OWN:
            out.append([{"text": f"{name} refused {times} in its player's own words"
                         if rule == "own_words" else f"{name} refused {times} without a "
                         "reason", "rule": None}])
        else:
            out.append([{"text": f"{name} refused {times} under ", "rule": None},
                        *claim(sc, actor, rule)])
    return out


def blocked_words(sc: Scenario, row: Row) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    for i, (actor, ids) in enumerate(row.blocked_by.items()):
        parts.append({"text": (" and " if i else "") + f"{sc.actors[actor].name} under ",
                      "rule": None})
        for j, rule in enumerate(ids[:2]):
            parts += ([{"text": " and ", "rule": None}] if j else []) + claim(sc, actor, rule)
    return parts


def fate_of(sc: Scenario, trace: list[dict[str, Any]], fmt: Mapping[str, str]) -> str:
    """What became of the proposals of one format: none made, refused by whom, or open."""
    ids = {e["id"] for e in trace if e["type"] == "proposal" and e["format"] == dict(fmt)}
    if not ids:
        return "nobody proposed it"
    refusers = list(dict.fromkeys(sc.actors[e["actor"]].name for e in trace
                                  if e["type"] == "answer" and e["id"] in ids
                                  and not e["accept"]))
    times = count_words(len(ids))
    return (f"it was proposed {times} and refused by {' and '.join(refusers)}" if refusers
            else f"it was proposed {times}, and still open at the end")


def agreed_words(sc: Scenario, trace: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An agreed meeting that never took place: called off (by whom, under which rule),
    or still to come when the game ended."""
    ended = {e["id"] for e in trace if e["type"] in ("meeting_held", "meeting_cancelled")}
    parts: list[dict[str, Any]] = []
    for e in trace:
        if e["type"] == "meeting_cancelled":
            for i, (actor, ids) in enumerate(e["reasons"].items()):
                parts.append({"text": ("; an agreed meeting was called off by " if not i
                                       else " and ") + sc.actors[actor].name
                              + (" under " if ids else ""), "rule": None})
                for rule in ids[:1]:
                    parts += claim(sc, actor, rule)
            break
    pending = [e for e in trace if e["type"] == "meeting_scheduled" and e["id"] not in ended]
    if pending:
        date = sc.start + dt.timedelta(days=int(pending[0]["on_day"]))
        parts.append({"text": f"; a meeting was agreed for {date.isoformat()} "
                      f"({sc.space.label(pending[0]['format'])}), but the game ended before "
                      "its day", "rule": None})
    return parts


def why(sc: Scenario, game: Game) -> dict[str, Any]:
    """The paragraph as segments ({'text', 'rule'}) and as one text; `rules`: its ids."""
    trace = game.record.trace or []
    held = [e for e in trace if e["type"] == "meeting_held"]
    proposer = {e["id"]: e["proposer"] for e in trace if e["type"] == "proposal"}
    day = int(min(game.clock, game.horizon))
    parts: list[dict[str, Any]] = []

    def say(text: str) -> None:
        parts.append({"text": text, "rule": None})
    if held:
        first = held[0]
        date = sc.start + dt.timedelta(days=int(first["day"]))
        who = proposer.get(first["id"])
        say(f"A meeting on day {int(first['day'])} ({date.isoformat()}) in format "
            f"{sc.space.label(first['format'])}"
            + (f", proposed by {sc.actors[who].name} and accepted by every party it needs"
               if who in sc.actors else ""))
        say(f"; {len(held)} meetings in all." if len(held) > 1 else ".")
    else:
        when = ("so far" if not game.over else f"by day {day}, when the game was ended"
                if game.ended else "by the horizon")
        reasons = refusals(sc, trace)
        if not proposer:
            say(f"No meeting {when}: no proposal was made.")
        else:
            say(f"No meeting {when}")
            if reasons:
                say(", because ")
                for i, reason in enumerate(reasons[:2]):
                    say("; " if i else "")
                    parts.extend(reason)
            open_ = len(proposer) - len({e["id"] for e in trace if e["type"] == "resolved"})
            if not reasons and open_:
                say(": one proposal was still open" if open_ == 1 else
                    f": {open_} proposals were still open")
            agreed = agreed_words(sc, trace)
            if agreed and not reasons and not open_:
                agreed[0] = {**agreed[0], "text": ": " + agreed[0]["text"][2:]}
            parts.extend(agreed)
            row, possible = closest(rows_in(sc, game.talks.world.state))
            label = sc.space.label(row.format)
            if possible:
                say(f". In the world the game ended in, {label} was acceptable to every "
                    f"party it needs: {fate_of(sc, trace, row.format)}.")
            else:
                say(f". In the world the game ended in, the closest format was {label}, "
                    f"blocked only by ")
                parts.extend(blocked_words(sc, row))
                say(".")
    parts = [p for p in parts if p["text"]]
    return {"parts": parts, "text": "".join(p["text"] for p in parts),
            "rules": [p["rule"] for p in parts if p["rule"]]}

