"""One game of `negsim play`: a person in one actor's seat, the model in every other."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..engine import Compiled, Game, Record
from ..model.scenario import Scenario
from .terminal import PromptSeat, Quit


@dataclass
class Played:
    """A finished (or quit) game: the record and the transcript."""

    scenario: Scenario
    actor: str
    seed: int
    game: Game
    quit_early: bool
    interrupted: bool = False

    @property
    def record(self) -> Record:
        return self.game.record


def play(scenario: Scenario, actor: str, seed: int, ask: Callable[[str], str | None],
         say: Callable[[str], None]) -> Played:
    """Run one replication with `actor` in a person's hands (replication 0 of `seed`)."""
    seat = PromptSeat(scenario, actor, ask, say)
    seat.intro()
    game = Game(Compiled(scenario), seed, {actor: seat})
    quit_early = interrupted = False
    try:
        game.advance()
    except Quit:
        quit_early = True
    except KeyboardInterrupt:
        quit_early = interrupted = True
    return Played(scenario, actor, seed, game, quit_early, interrupted)
