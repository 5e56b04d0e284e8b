"""A game's transcript: one JSON line per thing that happened, appended as it happens.

Why append-only lines: a classroom server may be stopped at any moment (Ctrl-C, a crash, a
laptop put to sleep). Each join, decision, inject, message and setting is one line, written
and flushed to disk before the screen moves on; a line torn by a crash is the only thing
lost, and it is ignored on reading. The game itself is not stored: its actions (with the
step each was taken at) replay it exactly (`sim.engine.replay`), in the server after a
restart and from the command line (`negsim play --replay TRANSCRIPT`).

Line types: `game` (the header: scenario, its digest, seed), `seat` (a person took a seat,
under a name they chose), `start` (the person seats when the clock started), `action` (an
answer, an inject, an early end: `Game.actions`), `clock` (the day a paced game had
reached), `message` (to everyone, a seat, the teacher or the writer's team, with the
writer's name), `setting` (pause, pace, hints, deadline, grace, more seats), `team` (an
adviser joined, the negotiator's role handed on, a person freed or moved, a seat the model
plays while nobody's page is open and back), `reflection`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import Compiled, Game, ReplayError, replay
from ..files.errors import InputError
from ..model.scenario import Scenario

VERSION = 1


def now_text() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class TranscriptFile:
    """Appends lines to one transcript, each on disk (flushed, synced) before it returns."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def append(self, entry: dict[str, Any]) -> dict[str, Any]:
        line = {**entry, "at": entry.get("at") or now_text()}
        text = json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        return line


def header(scenario: Scenario, file_name: str, seed: int, sets: list[str] | None = None,
           **extra: Any) -> dict[str, Any]:
    """The first line: which scenario (by file name, with its digest), which seed."""
    return {"type": "game", "version": VERSION, "scenario": file_name,
            "title": scenario.spec.title, "digest": scenario.digest, "seed": int(seed),
            "replication": 0, "sets": list(sets or []), **extra}


def read_lines(path: Path) -> list[dict[str, Any]]:
    """Every whole line of a transcript; a last line torn by a crash is left out."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.one(f"cannot read this transcript ({exc}).", path) from None
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            if i >= len(lines) - 1:  # the last line, cut short: it was never finished
                break
            raise InputError.one(f"line {i} is not a JSON object; a transcript has one per "
                                 f"line (transcript.jsonl).", path) from None
        if not isinstance(entry, dict) or "type" not in entry:
            raise InputError.one(f"line {i} has no 'type'; is this a negsim transcript?", path)
        out.append(entry)
    if not out or out[0]["type"] != "game":
        raise InputError.one("this is not a negsim game transcript: its first line should "
                             "be the game's header (type: game).", path)
    return out


@dataclass
class Transcript:
    """A transcript read back: the header and, by kind, what happened."""

    header: dict[str, Any]
    names: dict[str, str] = field(default_factory=dict)     # actor -> the name a person chose
    seats: list[str] | None = None                          # person seats; None: not started
    actions: list[dict[str, Any]] = field(default_factory=list)
    clock: float = 0.0
    messages: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)  # the latest value of each
    reflections: dict[str, str] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def parse(cls, entries: list[dict[str, Any]]) -> "Transcript":
        t = cls(entries[0], entries=list(entries))
        for e in entries[1:]:
            kind = e["type"]
            if kind == "seat":
                t.names[e["actor"]] = e.get("name", "")
            elif kind == "start":
                t.seats = list(e["seats"])
            elif kind == "action":
                t.actions.append({k: v for k, v in e.items() if k not in ("type", "at")})
            elif kind == "clock":
                t.clock = max(t.clock, float(e["day"]))
            elif kind == "message":
                t.messages.append(e)
            elif kind == "setting":
                t.settings[e["name"]] = e["value"]
            elif kind == "reflection":
                t.reflections[e["actor"]] = e["text"]
        return t

    @classmethod
    def read(cls, path: Path) -> "Transcript":
        return cls.parse(read_lines(path))

    @property
    def seed(self) -> int:
        return int(self.header["seed"])

    def game(self, scenario: Scenario, where: str | Path = "transcript",
             compiled: Compiled | None = None) -> Game:
        """The game replayed: every person seat, every action at its step, then the clock
        run on to the day the game had reached (a caller that wants the rest advances)."""
        if scenario.digest != self.header.get("digest"):
            raise InputError.one(
                f"this transcript was played on {self.header.get('scenario')} as it was then "
                f"(digest {str(self.header.get('digest'))[:12]}); the scenario found now "
                f"differs (digest {scenario.digest[:12]}), so the game cannot be replayed "
                f"exactly. Give the scenario file it was played with.", where)
        try:
            game = replay(compiled or Compiled(scenario), self.seed, self.seats or [],
                          self.actions, int(self.header.get("replication", 0)))
        except ReplayError as exc:
            raise InputError.one(f"the transcript does not replay: {exc}.", where) from None
        if self.seats is not None:
            game.advance(until=self.clock)
        return game
