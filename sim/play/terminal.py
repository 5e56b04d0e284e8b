"""A person's seat at a terminal (`negsim play`).

`Prompter` shows the date, the world as the actor knows it, what it learned since the
last decision, the proposal and the actor's own stated rules and preferences, and reads
the answer from a terminal, a file or standard input. The game's driver (`session.play`)
passes each waiting question to `decide` and the decision back to the game.
"""
from __future__ import annotations

import textwrap
from typing import Callable, Iterator

from ..engine import Ask, Decision, Game, GameOver, Moment
from ..model.decision import broken_rules
from ..model.scenario import Scenario
from ..model.labels import state_words
from ..model.sources import source_label
from .debrief import REFLECTION
from .roles import ROLE_WORDS, preference_heading
from .timeline import Teller


class Quit(GameOver):
    """The person quit (or the scripted answers ran out): end the game, debrief."""


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), 88, initial_indent=indent,
                         subsequent_indent=indent)


class Prompter:
    """A person's seat at a terminal. `ask(prompt)` returns one line (from the terminal, a
    file...) or None at the end of the input; `say(text)` shows text. An invalid answer is
    asked again."""

    def __init__(self, scenario: Scenario, actor: str, ask: Callable[[str], str | None],
                 say: Callable[[str], None]):
        self.sc, self.actor, self.ask_line, self.say = scenario, actor, ask, say
        self.spec = scenario.actors[actor]
        self.rules = [*self.spec.red_lines, *self.spec.preconditions]  # its stated rules
        self.teller = Teller(scenario, actor)

    # --- what the person sees -----------------------------------------------------------

    def intro(self) -> None:
        a = self.spec
        self.say(f"You are {a.name} ({'; '.join(ROLE_WORDS[r] for r in a.roles)}) in: "
                 f"{self.sc.spec.title}")
        if a.summary:
            self.say(_wrap(a.summary))
        self.say("\nYour stated red lines and preconditions:")
        if not self.rules:
            self.say("  none: the articles report no red line or precondition of yours.")
        for i, rule in enumerate(self.rules, 1):
            self.say(_wrap(f"{i}. {rule.says} [{rule.id}]", "  "))
            for c in rule.citations[:1]:
                self.say(_wrap(f'"{c.quote}" ({source_label(self.sc.articles, c.article)})',
                               "       "))
        if a.preferences:
            self.say("\nYour preferences (what you value, 0 to 1):")
            for p in a.preferences:
                best = sorted(p.scores.items(), key=lambda kv: -kv[1])[:3]
                self.say(_wrap(f"{preference_heading(self.sc, p)}: best "
                               + ", ".join(f"{self.sc.space.value_label(p.dimension, v)} "
                                           f"{s:g}" for v, s in best), "  "))
        self.say("")

    def tell(self, entries: list[dict], heading: str) -> None:
        lines = self.teller.lines(entries)
        if lines:
            self.say(heading)
            for date, text in lines[-12:]:
                self.say(f"  {date}  {text}")

    def since(self, moment: Moment) -> None:
        self.tell(moment.since, "Since your last decision:")
        self.say(f"\n== {moment.date} (day {int(moment.day)}) ==  World: "
                 f"{state_words(self.sc.variables, moment.state)}")

    def closing(self, game: Game) -> None:
        """What the actor learned after its last decision, down to the end: the result of
        the last move is shown, not left for the debrief to reveal."""
        view = game.talks.seating.views[self.actor]
        self.tell(view.new(game.record.trace), "\nSince your last decision:")
        end = "The game was ended here" if game.ended else "The game is over (the horizon)"
        self.say(f"{end}. Meetings held: {game.record.meetings_held}.")

    def reflect(self) -> str | None:
        """The debrief's first question; the person's answer, or None (skipped)."""
        self.say("\n" + _wrap(REFLECTION.format(name=self.spec.name), ""))
        line = self.ask_line("Your answer (Enter to skip)? ")
        return (line or "").strip() or None

    # --- deciding ---------------------------------------------------------------------------

    def decide(self, question: Ask) -> Decision:
        """The person's decision on one waiting question (Quit if they quit)."""
        if question.kind == "answer":
            return self.answer(question)
        return self.propose(question.moment)

    def answer(self, question: Ask) -> Decision:
        moment, proposer, fmt = question.moment, question.proposer, question.format
        modelled = question.verdict
        self.since(moment)
        self.say(f"Proposal from {self.sc.actors[proposer].name}: {self.sc.space.label(fmt)}")
        broken = {r.id for r in broken_rules(self.spec, fmt, moment.state, self.sc.space)}
        for i, rule in enumerate(self.rules, 1):
            if rule.id in broken:
                self.say(_wrap(f"! It breaks your rule {i}: {rule.says}", "  "))
        self.say(f"  By your stated preferences it is worth {modelled.utility:.2f} "
                 f"(your reservation level today: {modelled.reservation:.2f}).")
        choice = self.ask_choice("[a]ccept, [r]efuse, [c]ounter-propose, [q]uit? ",
                                 {"a": "accept", "r": "refuse", "c": "counter", "q": "quit"})
        if choice == "quit":
            raise Quit
        if choice == "accept":
            return Decision("accept")
        reasons = self.ask_reasons()
        if choice == "refuse":
            return Decision("refuse", tuple(reasons))
        return Decision("counter", tuple(reasons), self.ask_format())

    def propose(self, moment: Moment) -> Decision:
        self.since(moment)
        choice = self.ask_choice("Your turn to propose a meeting: [p]ropose, [s]kip (pass), "
                                 "[q]uit? ",
                                 {"p": "propose", "s": "skip", "q": "quit"})
        if choice == "quit":
            raise Quit
        if choice == "propose":
            return Decision("propose", format=self.ask_format())
        return Decision("pass")

    # --- asking -----------------------------------------------------------------------------

    def line(self, prompt: str) -> str:
        line = self.ask_line(prompt)
        if line is None:
            raise Quit
        return line.strip()

    def ask_choice(self, prompt: str, options: dict[str, str]) -> str:
        words = {v: v for v in options.values()} | {"pass": "skip"}
        while True:
            text = self.line(prompt).lower()
            if text in words and words[text] in options.values():
                return words[text]
            if len(text) == 1 and text in options:
                return options[text]
            self.say(f"  Please type one of: {', '.join(options)}.")

    def ask_reasons(self) -> list[str]:
        self.say("  Your reasons: numbers of your rules above (e.g. 1,3), or your own words.")
        while True:
            text = self.line("  Reasons? ")
            parts = [p.strip() for p in text.split(",") if p.strip()]
            if parts and all(p.isdigit() for p in parts):
                if all(1 <= int(p) <= len(self.rules) for p in parts):
                    return [self.rules[int(p) - 1].id for p in parts]
                self.say(f"  Rule numbers go from 1 to {len(self.rules)}.")
                continue
            if text.strip():
                return [text.strip()]
            self.say("  Give at least one reason.")

    def ask_format(self) -> dict[str, str]:
        fmt = {}
        for dim in self.sc.space.dimensions:
            values = self.sc.space.values[dim]
            menu = "  ".join(f"{i}) {self.sc.space.value_label(dim, v)}"
                             for i, v in enumerate(values, 1))
            self.say(_wrap(f"{dim}: {menu}", "  "))
            while True:
                text = self.line(f"  {dim} (1-{len(values)})? ")
                if text.isdigit() and 1 <= int(text) <= len(values):
                    fmt[dim] = values[int(text) - 1]
                    break
                self.say(f"  Please type a number from 1 to {len(values)}.")
        self.say(f"  You propose: {self.sc.space.label(fmt)}")
        return fmt


def lines_from(stream) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")
