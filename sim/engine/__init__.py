"""The SimPy engine: one replication of the talks, and the seats that decide in it.

`replicate(compiled, i, seed)` runs replication i; `Game` runs one with person seats step
by step. Free of file I/O, plotting and the web.
"""
from .compiled import Compiled
from .game import Game
from .record import Record, first_day_index
from .seats import Ask, Decision, GameOver, ModelSeat, Moment, ScriptedSeat, Seat
from .talks import Talks, replicate

__all__ = ["Compiled", "Game", "Record", "first_day_index", "Ask", "Decision", "GameOver",
           "ModelSeat", "Moment", "ScriptedSeat", "Seat", "Talks", "replicate"]
