"""A game's trace in words: one line per proposal, answer, outcome, meeting and change of
the world, as a seat's actor learns of them.

Why a class: an outcome ("the proposal of 3 March is refused") names a proposal made
earlier, so the teller remembers the proposals it has told.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from ..model.labels import state_words, verb
from ..model.scenario import Scenario
from ..outputs.story import cause_words, reasons_words

OUTCOME_WORDS = {"accepted": "agreed by every party", "refused": "refused",
                 "countered": "refused, with a counter-proposal"}


def rule_ids(e: dict[str, Any]) -> list[str]:
    """The rule ids a trace entry gives as reasons (a refusal's, a cancellation's): what a
    page shows on hover behind the sentences its line says."""
    if e["type"] == "answer":
        return [r for r in e["reasons"] if r not in ("own_words", "no_reason_given")]
    if e["type"] == "meeting_cancelled":
        return [r for ids in e["reasons"].values() for r in ids]
    return []


def cap(text: str) -> str:
    """The first letter in capitals, the rest untouched (str.capitalize lowers them)."""
    return text[:1].upper() + text[1:]


class Teller:
    """Tells trace entries in order; `me` (a seat's actor) is told "you" where it applies."""

    def __init__(self, scenario: Scenario, me: str | None = None):
        self.sc, self.me = scenario, me
        self.proposals: dict[int, dict[str, Any]] = {}

    def date(self, day: float) -> str:
        return (self.sc.start + dt.timedelta(days=int(day))).isoformat()

    def name(self, a: str) -> str:
        return "you" if a == self.me else self.sc.actors[a].name

    def verb(self, a: str, singular: str, plural: str) -> str:
        """The verb agreeing with its subject: 'you accept', 'US/EU mediators accept'."""
        return plural if a == self.me else verb(self.sc.actors[a].name, singular, plural)

    def proposal_words(self, pid: int, with_format: bool = False) -> str:
        p = self.proposals.get(pid)
        if p is None:
            return "a proposal"
        fmt = f" ({self.sc.space.label(p['format'])})" if with_format else ""
        return f"the proposal of {self.date(p['day'])} from {self.name(p['proposer'])}{fmt}"

    def why(self, e: dict[str, Any]) -> str:
        """A refusal's reasons: rules by their sentences, a player's own words quoted."""
        ids = [r for r in e["reasons"] if r not in ("own_words", "no_reason_given")]
        said = [f"\u201c{w}\u201d" for w in e.get("words", ())]
        return ("; ".join(([reasons_words(self.sc, e["actor"], ids)] if ids else []) + said)
                or "no reason given")

    def by_model(self, e: dict[str, Any]) -> str:
        """Before a seat's decision that the model took at its deadline: the timeline must
        not say "You accept" of what the person never chose."""
        if not e.get("by_model"):
            return ""
        whose = "you" if e.get("actor", e.get("proposer")) == self.me else "the player"
        return f"[the model decided for {whose}: time ran out, or no page was open] "

    def line(self, e: dict[str, Any]) -> str:
        """One entry in words ('' for entries with nothing to tell), without its date."""
        kind, sc = e["type"], self.sc
        if kind == "proposal":
            self.proposals[e["id"]] = e
            counter = " (a counter-proposal)" if e.get("counter_of") is not None else ""
            return f"{self.by_model(e)}proposal from {self.name(e['proposer'])}{counter}: " \
                   f"{sc.space.label(e['format'])}"
        if kind == "answer":
            verb = self.verb(e["actor"], "accepts", "accept") if e["accept"] else \
                self.verb(e["actor"], "refuses", "refuse") + f" ({self.why(e)})"
            return f"{self.by_model(e)}{cap(self.name(e['actor']))} {verb} " \
                   f"{self.proposal_words(e['id'])}"
        if kind == "resolved":
            return f"{cap(self.proposal_words(e['id'], True))} is " \
                   f"{OUTCOME_WORDS.get(e['outcome'], e['outcome'])}"
        if kind == "not_asked":
            who = " and ".join(self.name(a) for a in e["refused_by"])
            return (f"{cap(self.proposal_words(e['id']))} reached your desk after "
                    f"{who} refused it: it no longer stands, so you are not asked")
        if kind == "meeting_scheduled":
            return f"a meeting is agreed for {self.date(e['on_day'])}: " \
                   f"{sc.space.label(e['format'])}"
        if kind == "meeting_joined":
            return f"{cap(self.proposal_words(e['id']))} is the meeting already agreed " \
                   f"in that format, not a second one: {sc.space.label(e['format'])}"
        if kind == "meeting_held":
            return f"MEETING HELD: {sc.space.label(e['format'])}"
        if kind == "meeting_cancelled":
            who = "; ".join(f"{self.name(a)} ({reasons_words(sc, a, ids)})"
                            for a, ids in e["reasons"].items())
            return f"an agreed meeting is cancelled by {who}: {sc.space.label(e['format'])}"
        if kind == "event":
            only = " [told to you only]" if e.get("to") else ""
            return (f"the world changes: {state_words(sc.variables, e['set'])} "
                    f"({cause_words(sc, e['cause'])}){only}")
        return ""

    def lines(self, entries: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
        """(date, words) for each entry with something to tell."""
        out = []
        for e in entries:
            text = self.line(e)
            if text:
                out.append((self.date(e["day"]), text))
        return out

