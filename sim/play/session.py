"""`negsim play`: a person in one actor's seat at a terminal, the model in every other;
and any game replayed from its transcript, every seat included.

Both drive a `Game` the same way the classroom server does (questions wait, decisions go
through `Game.answer`), so a terminal game, a browser game and their replays are one kind
of thing, with one transcript format and one debrief.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..engine import Compiled, Game, PersonSeat
from ..model.scenario import Scenario
from ..outputs import figures as plots
from .debrief import debrief
from .debrief_views import debrief_html
from .terminal import Prompter, Quit
from .transcript import Transcript, header, now_text


@dataclass
class Played:
    """A finished, quit or replayed game, with what the transcript needs."""

    scenario: Scenario
    file_name: str
    seed: int
    game: Game
    seats: list[str]
    names: dict[str, str] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    quit_early: bool = False
    interrupted: bool = False
    sets: list[str] = field(default_factory=list)

    @property
    def record(self):
        return self.game.record

    def debriefs(self) -> dict[str, dict[str, Any]]:
        return {a: debrief(self.scenario, self.game, a, self.seed, name=self.names.get(a, ""),
                           reflection=self.reflections.get(a), quit_early=self.quit_early,
                           interrupted=self.interrupted) for a in self.seats}

    def transcript_lines(self) -> list[dict[str, Any]]:
        at = now_text()
        lines = [{**header(self.scenario, self.file_name, self.seed, self.sets), "at": at}]
        lines += [{"type": "seat", "actor": a, "name": self.names.get(a, ""), "at": at}
                  for a in self.seats]
        lines.append({"type": "start", "seats": list(self.seats), "at": at})
        lines += [{"type": "action", **a, "at": at} for a in self.game.actions]
        lines += [{"type": "reflection", "actor": a, "text": t, "at": at}
                  for a, t in self.reflections.items()]
        return lines


def play(scenario: Scenario, actor: str, seed: int, ask: Callable[[str], str | None],
         say: Callable[[str], None], file_name: str = "", sets: list[str] | None = None
         ) -> Played:
    """Run one replication with `actor` in a person's hands (replication 0 of `seed`)."""
    prompter = Prompter(scenario, actor, ask, say)
    prompter.intro()
    game = Game(Compiled(scenario), seed, {actor: PersonSeat(actor)})
    quit_early = interrupted = False
    try:
        while not game.over:
            for question in list(game.advance()):
                if not question.answered:
                    game.answer(question, prompter.decide(question))
    except Quit:
        quit_early = True
    except KeyboardInterrupt:
        quit_early = interrupted = True
    if quit_early:
        game.end()
    prompter.closing(game)
    played = Played(scenario, file_name or scenario.path.name, seed, game, [actor],
                    quit_early=quit_early, interrupted=interrupted, sets=list(sets or []))
    if not interrupted:
        answer = prompter.reflect()
        if answer:
            played.reflections[actor] = answer
    return played


def replayed(transcript: Transcript, scenario: Scenario, where: str | Path) -> Played:
    """The game of a transcript, replayed to where it stood, then on to its end if every
    recorded decision is used up before another is asked for: the game ends there."""
    game = transcript.game(scenario, where)
    game.advance()
    return Played(scenario, transcript.header["scenario"], transcript.seed, game,
                  list(transcript.seats or []), dict(transcript.names),
                  dict(transcript.reflections), sets=list(transcript.header.get("sets", [])))


def save(played: Played, folder: Path) -> dict[str, dict[str, Any]]:
    """transcript.jsonl (replays the game), and per seat debrief-<actor>.json and .html
    (with the timeline figure)."""
    with open(folder / "transcript.jsonl", "w", encoding="utf-8") as f:
        for line in played.transcript_lines():
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    png = None
    if played.record.trace:
        fig = plots.timeline_figure(played.record, played.scenario,
                                    "The game: who proposed, who answered how, and what "
                                    "changed the world (dotted lines)")
        plots.save(fig, folder, "timeline")
        png = base64.b64encode((folder / "timeline.png").read_bytes()).decode()
    data = played.debriefs()
    for actor, d in data.items():
        (folder / f"debrief-{actor}.json").write_text(json.dumps(d, indent=2) + "\n")
        (folder / f"debrief-{actor}.html").write_text(
            debrief_html(played.scenario, d, png), encoding="utf-8")
    return data
