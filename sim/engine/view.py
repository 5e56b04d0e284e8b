"""What one seat's actor knows of a game: the shared timeline as that actor would know it.

Why: in a classroom several people play at once, and each must see only what their actor
could know: the changes of the world that are public (a teacher's inject may go to one seat
only), the proposals made to it or by it, the answers to its own proposals, the fate of
the proposals it is party to, and the meetings held or called off (reported publicly). The
world state shown is the state so known: a change told to one seat only leaves the others
seeing the old value until a public change of the same variable. The model's actors still
decide on the true state; only what a person is shown differs.
"""
from __future__ import annotations

from typing import Any

from ..model.conditions import Scalar
from ..model.scenario import Scenario

PUBLIC = frozenset({"meeting_held", "meeting_cancelled"})


class View:
    """One actor's reading of a replication's trace, entry by entry, in order."""

    def __init__(self, scenario: Scenario, actor: str):
        self.sc, self.actor = scenario, actor
        self.state: dict[str, Scalar] = dict(scenario.state)  # the world as it knows it
        self.seen: list[dict[str, Any]] = []                  # every entry it knows of
        self.read = 0                                         # trace entries read
        self._circle: dict[int, frozenset[str]] = {}          # proposal -> proposer, parties
        self._proposer: dict[int, str] = {}

    def knows(self, e: dict[str, Any]) -> bool:
        """Whether the actor learns of trace entry `e` (read once each, in order)."""
        kind, me = e["type"], self.actor
        if kind == "proposal":
            circle = frozenset([e["proposer"], *self.sc.parties(e["format"])])
            self._circle[e["id"]], self._proposer[e["id"]] = circle, e["proposer"]
            return me in circle
        if kind == "answer":
            return me in (e["actor"], self._proposer.get(e["id"]))
        if kind == "not_asked":
            return me == e["actor"]
        if kind in ("resolved", "meeting_scheduled", "meeting_joined"):
            return me in self._circle.get(e["id"], ())
        if kind in PUBLIC:
            return True
        if kind == "event":
            to = e.get("to")
            if to is None or me in to:
                self.state.update(e["set"])
                return True
        return False

    def new(self, trace: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The entries the actor knows of among those added since the last call."""
        fresh = [e for e in trace[self.read:] if self.knows(e)]
        self.read = len(trace)
        self.seen.extend(fresh)
        return fresh
