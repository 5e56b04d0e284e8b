"""What a seat's page says of a question it no longer sees, and of a clock that waits.

Why derived from the game, not kept: a deadline that runs out answers the question for the
person (`GameRoom.tick`) and the question leaves the page; the page must say at once that
the model answered, and what, or the game looks stuck. Read from the game's actions (the
last answer for the seat, marked `by_model`), the notice is the same after a restart,
since a restored game redoes the same actions.
"""
from __future__ import annotations

from typing import Any, Mapping

from ...model.decision import marked_sentence
from ...model.scenario import Scenario


def decision_words(sc: Scenario, actor: str, action: Mapping[str, Any]) -> str:
    """A recorded decision in words: 'refused the proposal (Khojaly · ...): No talks ...'."""
    d, asked = action["decision"], action.get("question") or {}
    fmt = asked.get("format")
    what = f"the proposal ({sc.space.label(fmt)})" if fmt else "the proposal"
    why = "; ".join(marked_sentence(sc.actors, actor, r).rstrip(".")
                    if sc.actors[actor].rule(r) else r for r in d.get("reasons") or ())
    why = f": {why}" if why else ""
    kind = d["kind"]
    if kind == "accept":
        return f"accepted {what}"
    if kind == "refuse":
        return f"refused {what}{why}"
    if kind == "counter":
        return f"refused {what}{why}; proposed instead: {sc.space.label(d['format'])}"
    if kind == "propose":
        return f"proposed {sc.space.label(d['format'])}"
    return "passed your turn to propose"


def timed_out(room, actor: str) -> str | None:
    """'Time ran out: the model answered for you: ...' while the seat's last question was
    answered by the model at its deadline and no new question waits for it."""
    game = room.game
    if game is None or room.state == "over" or room.question(actor) is not None:
        return None
    last = next((a for a in reversed(game.actions)
                 if a["do"] == "answer" and a["actor"] == actor), None)
    if last is None or not last["decision"].get("by_model"):
        return None
    return ("Time ran out: the model answered for you: "
            f"{decision_words(room.scenario, actor, last)}.")


def clock_waits(room) -> str | None:
    """On the on-demand pace, with no question waiting: the game stands until the teacher
    presses Advance (said, so that a still page does not read as a stuck one)."""
    game = room.game
    if (game is None or room.state != "running" or room.settings.pace != "demand"
            or game.waiting):
        return None
    return "The clock waits for the teacher to press Advance: the game goes on from there."
