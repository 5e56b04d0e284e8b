"""`negsim play`: one actor in a person's hands, at the terminal; or a game's transcript
(terminal or classroom) replayed, every seat included."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import api
from ..files.bundled import scenarios_folder
from ..files.errors import InputError
from ..files.yamlfile import read_text
from ..model.scenario import Scenario
from ..play.roles import playable
from .options import check_out


def actor_named(scenario: Scenario, text: str) -> str:
    """The actor `--as` names: its id or its name, in any letter case."""
    wanted = " ".join(text.split()).casefold()
    for a, spec in scenario.actors.items():
        if wanted in (a.casefold(), spec.name.casefold()):
            if a not in playable(scenario):
                raise InputError.one(f"'{text}' cannot be played here: it never proposes and "
                                     f"is never asked. Playable actors: "
                                     f"{', '.join(playable(scenario))}.", "command line (--as)")
            return a
    raise InputError.one(f"'{text}' is not an actor of this scenario. Known actors: "
                         f"{', '.join(scenario.actors)}.", "command line (--as)")


def cmd_play(args: argparse.Namespace) -> int:
    check_out(args.out)
    if args.replay:
        return replay(args)
    if not args.actor:
        raise InputError.one("say which actor you play with --as ACTOR (e.g. --as "
                             "stepanakert), or replay a game with --replay TRANSCRIPT.",
                             "command line")
    # the answers first: a mistake there is told before any work (within the same size
    # limit as the YAML files)
    answers = read_text(args.answers).splitlines() if args.answers else None
    from ..play.debrief_views import debrief_text
    from ..play.session import play, save
    from ..play.terminal import lines_from
    scenario = api.load(args.scenario, args.set)
    actor = actor_named(scenario, args.actor)
    if answers is not None:
        source = iter(answers)
    elif not sys.stdin.isatty():
        source = lines_from(sys.stdin)
    else:
        source = None
    ended = []

    def ask(prompt: str) -> str | None:
        if source is None:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = next(source, None)
        print(prompt + ("" if line is None else line), flush=True)
        if line is None and not ended:
            ended.append(True)
            print("(no more answers: the game stops here)", flush=True)
        return line

    seed = scenario.spec.seed if args.seed is None else args.seed
    played = play(scenario, actor, seed, ask, lambda text: print(text, flush=True),
                  scenario.path.name, list(args.set))
    with api.ResultsFolder(args.out, f"{scenario.name}-play-{actor}") as folder:
        data = save(played, folder.path)
    print(debrief_text(scenario, data[actor]))
    print(f"\nTranscript and debrief saved in {folder.final}/")
    return 130 if played.interrupted else 0


def replay(args: argparse.Namespace) -> int:
    """Replay a transcript: the same game, every seat's decisions, every inject; each
    seat's debrief printed and saved."""
    from ..play.debrief_views import debrief_text
    from ..play.session import replayed, save
    from ..play.transcript import Transcript
    transcript = Transcript.read(Path(args.replay))
    head = transcript.header
    sets = list(head.get("sets", [])) + list(args.set)
    if args.scenario:
        path = Path(args.scenario)
    else:
        name = Path(str(head.get("scenario", ""))).name
        here, bundled = Path("scenarios") / name, scenarios_folder() / name
        path = here if here.is_file() else bundled
        if not name or not path.is_file():
            raise InputError.one(f"cannot find the scenario '{name}' this game was played "
                                 f"on (looked in scenarios/ and the bundled ones); give its "
                                 f"file after --replay TRANSCRIPT.", args.replay)
    scenario = api.load(path, sets)
    played = replayed(transcript, scenario, args.replay)
    if not played.seats:
        print("This game never started: no seat was played.")
    with api.ResultsFolder(args.out, f"{scenario.name}-replay") as folder:
        data = save(played, folder.path)
    for actor in played.seats:
        print(debrief_text(scenario, data[actor]))
    state = ("over" if played.game.over else
             f"not over: it stops at {len(played.game.waiting)} question(s) never answered")
    print(f"\nReplayed {len(transcript.actions)} actions of {len(played.seats)} seat(s); the "
          f"game is {state}. Meetings held: {played.record.meetings_held}.")
    print(f"Transcript and debriefs saved in {folder.final}/")
    return 0
