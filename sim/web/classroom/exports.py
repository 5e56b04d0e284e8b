"""A class session as one download: every transcript, as JSON and as CSV.

Why neutralise formulas: a CSV opened in a spreadsheet runs a cell that starts with `=`,
`+`, `-` or `@` as a formula, and what students type goes into these cells; such a cell
gets a leading apostrophe, so it is shown as the text it was.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from ...play.classview import end_day
from ...play.debrief_views import modelled, yours
from ...play.transcript import Transcript
from .classroom import ClassSession
from .room import GameRoom

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["session", "game", "code", "scenario", "seed", "at", "type", "day", "actor",
           "player", "to", "text", "decision", "model", "agrees_with_model", "by_model",
           "crossed", "outcome", "meetings_held", "ended_by"]  # (the last two: a game's end)


def cell(value: Any) -> str:
    """A value as spreadsheet-safe text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def transcript_of(room: GameRoom) -> list[dict[str, Any]]:
    return Transcript.read(room.folder / "transcript.jsonl").entries


def session_json(session: ClassSession) -> str:
    games = []
    for room in session.rooms.values():
        games.append({"game": room.gid, "code": room.code, "scenario": room.name,
                      "seed": room.seed, "state": room.state,
                      "transcript": transcript_of(room),
                      "debriefs": {a: room.debrief(a) for a in room.seats},
                      "meetings": meetings(room), "end": game_end(room)})
    return json.dumps({"session": session.sid, "title": session.title, "games": games},
                      indent=1, ensure_ascii=False) + "\n"


def game_end(room: GameRoom) -> dict[str, Any] | None:
    """How a game ended, None while it runs: its day, the meetings held, and by whom:
    'teacher' (ended early), 'game' (its own end: the scenario stops at the first
    meeting) or 'horizon'."""
    game = room.game
    if game is None:
        return {"day": None, "meetings_held": 0, "ended_by": "teacher"} if room.ended \
            else None
    if not game.over:
        return None
    if game.ended:
        by, day = "teacher", end_day(game)
    else:
        by, day = ("game", game.now) if game.now < game.horizon else ("horizon", game.horizon)
    return {"day": round(day, 2), "meetings_held": game.record.meetings_held, "ended_by": by}


def meetings(room: GameRoom) -> list[dict[str, Any]]:
    """The meetings held, in order: each one's day and format."""
    trace = room.game.record.trace if room.game is not None else None
    return [{"day": round(e["day"], 2), "format": room.scenario.space.label(e["format"])}
            for e in trace or () if e["type"] == "meeting_held"]


def end_rows(room: GameRoom, base: dict[str, Any], at: str | None) -> list[dict[str, Any]]:
    """A row per meeting held, then the game's end row (none while the game runs)."""
    out = [{**base, "type": "meeting_held", "day": m["day"], "text": m["format"]}
           for m in meetings(room)]
    end = game_end(room)
    if end is not None:
        out.append({**base, "at": at, "type": "game_end", "day": end["day"],
                    "meetings_held": end["meetings_held"], "ended_by": end["ended_by"],
                    "text": f"ended by {WHO_ENDED[end['ended_by']]}"})
    return out


WHO_ENDED = {"teacher": "the teacher", "game": "the game's own end (its first meeting)",
             "horizon": "the horizon"}


def rows(session: ClassSession, room: GameRoom) -> list[dict[str, Any]]:
    """One row per line of the game's transcript; decisions beside the model's."""
    sc = room.scenario
    decided = {}
    for actor in room.seats:
        data = room.debrief(actor)
        for d in (data or {}).get("decisions", []):
            decided[d["ask"]] = d
    base = {"session": session.sid, "game": room.gid, "code": room.code,
            "scenario": room.name, "seed": room.seed}
    out, ended_at = [], None
    for e in transcript_of(room):
        kind, row = e["type"], {**base, "at": e.get("at"), "type": e["type"]}
        if kind == "over" or (kind == "action" and e["do"] == "end") or (
                kind == "setting" and e["name"] == "ended"):
            ended_at = ended_at or e.get("at")
        if kind == "seat":
            row.update(actor=e["actor"], player=e.get("name"))
        elif kind == "message":
            row.update(actor=e["from"], player=e.get("name") or room.names.get(e["from"], ""),
                       to=e["to"],
                       text=e["text"], day=e.get("day"))
        elif kind == "reflection":
            row.update(actor=e["actor"], player=room.names.get(e["actor"]), text=e["text"])
        elif kind == "setting":
            row.update(text=f"{e['name']} = {e['value']}")
        elif kind == "start":
            row.update(text="people: " + ", ".join(e["seats"]))
        elif kind == "action" and e["do"] == "answer" and e["ask"] in decided:
            d = decided[e["ask"]]
            row.update(type="decision", day=d["day"], actor=d["actor"],
                       player=room.names.get(d["actor"]), decision=yours(sc, d),
                       model=modelled(sc, d), agrees_with_model=d["agrees_with_model"],
                       by_model=d["by_model"], outcome=d.get("outcome"),
                       crossed="; ".join(c["id"] for c in d["crossed"]))
        elif kind == "action" and e["do"] == "inject":
            row.update(type="inject", day=round(e["day"], 2), to=",".join(e["to"] or []) or
                       "all", text=f"{e['cause']}: {e['set']}")
        elif kind == "action":  # the end of a game (its day, when the transcript has it)
            row.update(type=e["do"], day=round(e["day"], 2) if "day" in e else None)
        else:
            continue
        out.append(row)
    return out + end_rows(room, base, ended_at)


def session_csv(session: ClassSession) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for room in session.rooms.values():
        for row in rows(session, room):
            writer.writerow({k: cell(row.get(k)) for k in COLUMNS})
    return buffer.getvalue()
