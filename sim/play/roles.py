"""Who can be played, and the role sheet a player reads before the clock starts.

Why from the params: the sheet is the actor's file in plain words (what it said in public,
what it holds privately, what it values, what it knows of the others), so a teacher who
edits an actor's rules changes the role sheet with them, and it never says more than the
model does.
"""
from __future__ import annotations

import re
from typing import Any

from ..model.decision import rule_kind
from ..model.labels import preference_condition, state_words
from ..model.quantities import central
from ..model.scenario import Scenario
from ..model.sources import source_label

KIND_WORDS = {"red_line": "red line", "precondition": "precondition",
              "assumption": "the model's assumption"}
# An actor's roles as a student reads them (the params' role names are the model's terms).
ROLE_WORDS = {"principal": "a party to the talks", "mediator": "may mediate",
              "host": "hosts a venue", "influencer": "no veto; sways the others"}
COMMANDS = re.compile(r"`|--set\b|\bnegsim\s")


def student_text(text: str | None) -> str:
    """A params note without what speaks of the files or the command line: a bracket that
    names a state variable or a command goes, then any sentence that still does. A
    student's page carries no `--set` and no file names; the teacher's guide has them."""
    text = " ".join((text or "").split())
    text = re.sub(r"\s*\([^()]*(?:`|--set)[^()]*\)", "", text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(s for s in sentences if s and not COMMANDS.search(s))


def playable(scenario: Scenario) -> list[str]:
    """Actors a person can play: those that propose or are asked to accept a format."""
    return [a for a, spec in scenario.actors.items()
            if spec.proposer is not None or any(a in scenario.parties(f)
                                                for f in scenario.space.formats())]


def preference_heading(scenario: Scenario, pref) -> str:
    """'agenda, while gas and electricity from Armenia is disrupted (weight 0.15)'."""
    return (f"{pref.dimension}{preference_condition(scenario.variables, pref)} "
            f"(weight {pref.weight:g})")


def rule_item(rule, articles: dict) -> dict[str, Any]:
    cite = next(iter(rule.citations), None)
    return {"id": rule.id, "kind": rule_kind(rule), "kind_words": KIND_WORDS[rule_kind(rule)],
            "says": " ".join(rule.says.split()), "public": rule.public,
            "quote": cite.quote if cite else "",
            "article": source_label(articles, cite.article) if cite else "",
            "assumption": student_text(rule.assumption)}


def quoted(item, articles: dict) -> dict[str, str]:
    """The sentence a preference comes from, and where: an actor with no rule (Yerevan has
    none) still has said what it supports, and its player should read it in its words."""
    cite = next(iter(item.citations), None)
    return {"quote": cite.quote if cite else "",
            "article": source_label(articles, cite.article) if cite else ""}


def role_sheet(scenario: Scenario, actor: str) -> dict[str, Any]:
    """An actor's sheet: its public positions, its private rules, what it values, and what
    it knows (the others' public positions, the world on the start date)."""
    spec = scenario.actors[actor]
    stated = [*spec.red_lines, *spec.preconditions]
    space = scenario.space
    prefs = []
    for p in spec.preferences:
        best = sorted(p.scores.items(), key=lambda kv: -kv[1])
        prefs.append({"dimension": p.dimension, "weight": p.weight,
                      "heading": preference_heading(scenario, p),
                      "values": [(space.value_label(p.dimension, v), s) for v, s in best],
                      **quoted(p, scenario.articles)})
    others = {}
    for a, other in scenario.actors.items():
        public = [rule_item(r, scenario.articles)
                  for r in [*other.red_lines, *other.preconditions] if r.public]
        if a != actor and public:
            others[other.name] = public
    return {"actor": actor, "name": spec.name, "roles": list(spec.roles),
            "role_words": [ROLE_WORDS[r] for r in spec.roles],
            "summary": student_text(spec.summary),
            "public": [rule_item(r, scenario.articles) for r in stated if r.public],
            "private": [rule_item(r, scenario.articles) for r in stated if not r.public],
            "assumed": [rule_item(r, scenario.articles) for r in spec.assumptions],
            "preferences": prefs, "reservation": round(central(spec.reservation), 2),
            "others": others, "start": scenario.start.isoformat(),
            "world": state_words(scenario.variables, scenario.state),
            "proposes": spec.proposer is not None}
