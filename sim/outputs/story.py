"""One replication told as a story: each proposal with its answers and its fate, each
change of the world, in words, in order.

Why a module: the timeline figure, the report and the debrief tell the same story, so it
is written once, from the trace, with labels taken from the params.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model.decision import BELOW_RESERVATION, marked_sentence
from ..model.labels import state_words
from ..model.scenario import Scenario


@dataclass
class Step:
    """A proposal (numbered, with what became of it) or a change of the world."""

    day: float
    kind: str                 # "proposal" or "event"
    actor: str | None         # the proposer, or None for a change of the world
    number: int | None = None
    outcome: str = ""         # held, cancelled, refused, countered, agreed, unanswered
    text: str = ""
    answers: list[tuple[str, bool, list[str]]] = field(default_factory=list)
    words: dict[str, list[str]] = field(default_factory=dict)  # a player's own reasons
    meeting_day: float | None = None
    id: int | None = None     # the proposal's id in the trace
    answered_on: dict[str, float] = field(default_factory=dict)  # each answer's day


def short_date(scenario: Scenario, day: float) -> str:
    d = scenario.start + dt.timedelta(days=int(day))
    return f"{d.day} {d:%b}"


def reasons_words(scenario: Scenario, actor: str, ids: list[str]) -> str:
    """An actor's reasons by their sentences ('No talks in Baku while the Lachin road is
    blocked'), never the files' ids: a reader reads what was said, and the id is for the
    hover of a page that has one (`sim.model.decision.marked_sentence`)."""
    return "; ".join("below its reservation level" if r == BELOW_RESERVATION
                     else marked_sentence(scenario.actors, actor, r).rstrip(".")
                     if actor in scenario.actors else r.replace("_", " ") for r in ids)


def cause_words(scenario: Scenario, cause: str) -> str:
    """An event's cause: a scenario event's sentence, or an actor's reaction."""
    event = next((e for e in scenario.spec.events if e.id == cause), None)
    if event is not None:
        return " ".join(event.says.split()).rstrip(".")
    actor, _, reaction = cause.partition(".")
    if actor in scenario.actors:
        spec = next((r for r in scenario.actors[actor].reactions if r.id == reaction), None)
        if spec is not None and spec.says:
            return " ".join(spec.says.split()).rstrip(".")
        return f"{scenario.actors[actor].name}'s reaction: {reaction.replace('_', ' ')}"
    return cause.replace("_", " ")


def story(trace: list[dict[str, Any]], scenario: Scenario) -> list[Step]:
    steps: list[Step] = []
    by_id: dict[int, Step] = {}
    joined: dict[int, list[int]] = {}  # a meeting's id -> the later agreements on it
    for e in trace:
        kind = e["type"]
        if kind == "proposal":
            step = Step(e["day"], "proposal", e["proposer"], len(by_id) + 1, "unanswered",
                        id=e["id"])
            step.text = scenario.space.label(e["format"])
            by_id[e["id"]] = step
            steps.append(step)
        elif kind == "answer" and e["id"] in by_id:
            by_id[e["id"]].answers.append((e["actor"], e["accept"], e["reasons"]))
            by_id[e["id"]].answered_on[e["actor"]] = e["day"]
            if e.get("words"):
                by_id[e["id"]].words[e["actor"]] = list(e["words"])
        elif kind == "resolved" and e["id"] in by_id:
            by_id[e["id"]].outcome = {"accepted": "agreed"}.get(e["outcome"], e["outcome"])
        elif kind == "meeting_scheduled" and e["id"] in by_id:
            by_id[e["id"]].meeting_day = e["on_day"]
        elif kind == "meeting_joined":
            joined.setdefault(e["meeting"], []).append(e["id"])
        elif kind in ("meeting_held", "meeting_cancelled"):
            for pid in (e["id"], *joined.pop(e["id"], ())):
                if pid in by_id:  # the meeting, and each agreement that was the same one
                    by_id[pid].outcome = "held" if kind == "meeting_held" else "cancelled"
                    by_id[pid].meeting_day = e["day"]
        elif kind == "event":
            steps.append(Step(e["day"], "event", None,
                              text=f"{state_words(scenario.variables, e['set'])} "
                                   f"({cause_words(scenario, e['cause'])})"))
    return steps


def fate_words(scenario: Scenario, step: Step) -> str:
    """What became of a proposal, in words: 'meeting held 10 Mar', 'refused by Baku (...)'."""
    def why(a: str, ids: list[str]) -> str:
        said = [f"\u201c{w}\u201d" for w in step.words.get(a, ())]
        kept = [r for r in ids if not (said and r == "own_words")]
        return "; ".join(([reasons_words(scenario, a, kept)] if kept else []) + said)
    def on(a: str) -> str:
        """The refusal's date when it is not the proposal's: the world may have changed
        between them, and a reason must not read as older than it is."""
        day = short_date(scenario, step.answered_on.get(a, step.day))
        return "" if day == short_date(scenario, step.day) else f" on {day}"
    refusers = [(scenario.actors[a].name + on(a), why(a, r))
                for a, ok, r in step.answers if not ok]
    fate = {"held": f"meeting held {short_date(scenario, step.meeting_day or step.day)}",
            "cancelled": f"agreed, then cancelled on "
                         f"{short_date(scenario, step.meeting_day or step.day)}",
            "agreed": "agreed; the meeting falls after the horizon",
            "unanswered": "no answer by the horizon"}.get(step.outcome)
    if fate is None:
        fate = ("refused by " + "; ".join(f"{n} ({r})" for n, r in refusers)
                if refusers else "refused")
        if step.outcome == "countered":
            fate += ", who proposed another format"
    return fate


def step_line(scenario: Scenario, step: Step) -> str:
    """One step in one line."""
    when = short_date(scenario, step.day)
    if step.kind == "event":
        return f"{when}, the world changes: {step.text}"
    name = scenario.actors[step.actor].name
    return f"{step.number}. {when}, {name}: {step.text} \u2192 {fate_words(scenario, step)}"
