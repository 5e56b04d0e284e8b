"""The SimPy engine: one replication of the talks, and the seats that decide in it.

`replicate(compiled, i, seed)` runs replication i; `Game` runs one with person seats step
by step and `replay` takes one again from its actions. Free of file I/O, plotting and the
web.
"""
from .compiled import Compiled
from .game import Game, ReplayError, decision_from, replay
from .record import Record, first_day_index
from .seats import (Ask, Decision, GameOver, ModelSeat, Moment, PersonSeat, ScriptedSeat,
                    Seat)
from .talks import Talks, replicate
from .view import View

__all__ = ["Compiled", "Game", "ReplayError", "decision_from", "replay", "Record",
           "first_day_index", "Ask", "Decision", "GameOver", "ModelSeat", "Moment",
           "PersonSeat", "ScriptedSeat", "Seat", "Talks", "replicate", "View"]
