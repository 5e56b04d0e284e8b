"""`negsim play`: one actor in a person's hands, at the terminal."""
from __future__ import annotations

import argparse
import sys

from .. import api
from ..files.errors import InputError
from ..files.yamlfile import read_text
from .options import check_out, positive


def cmd_play(args: argparse.Namespace) -> int:
    positive("--seed", args.seed, allow_zero=True)
    check_out(args.out)
    # the answers first: a mistake there is told before any work (within the same size
    # limit as the YAML files)
    answers = read_text(args.answers).splitlines() if args.answers else None
    from ..play.debrief import debrief, debrief_text, save
    from ..play.session import play
    from ..play.terminal import lines_from
    scenario = api.load(args.scenario, args.set)
    playable = [a for a, spec in scenario.actors.items()
                if spec.proposer is not None or any(a in scenario.parties(f)
                                                    for f in scenario.space.formats())]
    if args.actor not in scenario.actors:
        raise InputError.one(f"'{args.actor}' is not an actor of this scenario. Known actors: "
                             f"{', '.join(scenario.actors)}.", "command line (--as)")
    if args.actor not in playable:
        raise InputError.one(f"'{args.actor}' cannot be played here: it never proposes and is "
                             f"never asked. Playable actors: {', '.join(playable)}.",
                             "command line (--as)")
    if answers is not None:
        source = iter(answers)
    elif not sys.stdin.isatty():
        source = lines_from(sys.stdin)
    else:
        source = None

    def ask(prompt: str) -> str | None:
        if source is None:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = next(source, None)
        print(prompt + ("" if line is None else line), flush=True)
        if line is None:
            print("(no more answers: the game stops here)", flush=True)
        return line

    seed = scenario.spec.seed if args.seed is None else args.seed
    game = play(scenario, args.actor, seed, ask, lambda text: print(text, flush=True))
    data = debrief(game)
    print(debrief_text(game, data))
    with api.ResultsFolder(args.out, f"{scenario.name}-play-{args.actor}") as folder:
        save(game, data, folder.path)
    print(f"\nTranscript and debrief saved in {folder.final}/")
    return 130 if game.interrupted else 0


