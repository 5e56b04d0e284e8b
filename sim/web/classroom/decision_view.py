"""The decision a question asks of a player, as in `negsim play`: accept; refuse with their
rules by name or in their own words; counter-propose; or, on their turn, propose or pass.

With the actor's stated red lines and their quotes always on screen; the model's hints
(its verdict, the format's value, which rule the format breaks) only while the teacher
leaves them shown: they can anchor students, and the debrief shows them anyway.
"""
from __future__ import annotations

from typing import Callable

from nicegui import ui

from ...engine import Ask, Decision
from ...model.decision import broken_rules, marked
from ...model.sources import source_label
from ...play.debrief import crossed
from ..common.chrome import message, note, rule_title
from ..common.library import Refused
from .room import GameRoom


class DecisionPanel:
    """The form for one waiting question; `send(decision)` hands it to the room."""

    def __init__(self, room: GameRoom, actor: str, q: Ask, send: Callable[[Decision], None]):
        self.room, self.actor, self.q, self.send = room, actor, q, send
        self.sc = room.scenario
        self.spec = self.sc.actors[actor]
        self.rules = [*self.spec.red_lines, *self.spec.preconditions]
        self.ticks: dict[str, ui.checkbox] = {}
        self.selects: dict[str, ui.select] = {}

    def draw(self) -> None:
        with ui.card().classes("w-full border-2 border-amber-400").mark("decision"):
            if self.q.kind == "answer":
                self.answer_form()
            else:
                self.propose_form()

    # --- answering a proposal ----------------------------------------------------------
    def answer_form(self) -> None:
        q, sc = self.q, self.sc
        ui.label(f"A proposal from {sc.actors[q.proposer].name}: a meeting") \
            .classes("text-lg font-bold")  # (names such as "US/EU mediators" are plural)
        ui.label(sc.space.label(q.format)).classes("font-semibold").mark("proposal")
        broken = {r.id for r in broken_rules(self.spec, q.format, q.moment.state, sc.space)}
        if self.room.settings.hints:
            v = q.verdict
            note(f"By your stated preferences this format is worth {v.utility:.2f} to you "
                 f"(your reservation level today: {v.reservation:.2f}).").mark("hint-value")
            said = "; ".join(marked(r.kind, r.says.rstrip("."))
                             for r in v.reasons) or "no rule against it"
            hint = note(f"The modelled {self.spec.name} would "
                        f"{'accept' if v.accept else 'refuse'} ({said}).").mark("hint-verdict")
            rule_title(hint, v.reason_ids)
        else:
            note("The teacher has hidden the model's hints for now; your debrief shows them.")
        with ui.row().classes("gap-2 items-center"):
            ui.button("Accept", on_click=lambda: self.submit("accept")).mark("accept") \
                .props("color=positive data-testid=accept")
            ui.button("Refuse", on_click=lambda: self.submit("refuse")).mark("refuse") \
                .props("color=negative data-testid=refuse")
            ui.button("Counter-propose", on_click=lambda: self.submit("counter")) \
                .mark("counter").props("outline data-testid=counter")
            note("To refuse or counter-propose, give your reasons below (and the format "
                 "you propose instead).")
        self.error = message().classes("text-red-800").mark("decision-error")
        self.reasons_box(broken if self.room.settings.hints else set())
        self.format_row("If you counter-propose, the format you propose instead:")

    def reasons_box(self, broken: set[str]) -> None:
        ui.label("Your reasons, if you refuse: your stated rules, and/or your own words") \
            .classes("text-sm font-bold mt-1")
        for rule in self.rules:
            flag = "  \u26a0 this format breaks it" if rule.id in broken else ""
            box = ui.checkbox(f"{' '.join(rule.says.split())}{flag}").classes("text-sm") \
                .mark(f"reason-{rule.id}")
            self.ticks[rule.id] = box
            quote = next(iter(rule.citations), None)
            if quote is not None:
                ui.label(f"\u201c{quote.quote}\u201d "
                         f"({source_label(self.sc.articles, quote.article)})") \
                    .classes("text-sm text-gray-700 italic ml-8")
        self.words = ui.input("In your own words").props("maxlength=300").classes("w-full") \
            .mark("own-words")

    # --- proposing -----------------------------------------------------------------------
    def propose_form(self) -> None:
        ui.label("Your turn to propose a meeting").classes("text-lg font-bold")
        if self.room.settings.hints:
            theirs = self.q.modelled.format
            note("The modelled " + self.spec.name + (" would propose: " +
                 self.sc.space.label(theirs) if theirs else " would pass.")).mark("hint-verdict")
        self.format_row("The format you propose:")
        with ui.row().classes("gap-2"):
            ui.button("Propose", on_click=lambda: self.submit("propose")).mark("propose") \
                .props("data-testid=propose")
            ui.button("Pass", on_click=lambda: self.submit("pass")).mark("pass") \
                .props("outline data-testid=pass")
        self.error = message().classes("text-red-800").mark("decision-error")

    def format_row(self, caption: str) -> None:
        ui.label(caption).classes("text-sm font-bold mt-1")
        space = self.sc.space
        with ui.row().classes("gap-2"):
            for dim in space.dimensions:
                options = {v: space.value_label(dim, v) for v in space.values[dim]}
                self.selects[dim] = ui.select(options, label=dim,
                                              on_change=self.warn_own_rules) \
                    .classes("min-w-[11rem]").mark(f"format-{dim}") \
                    .props(f"data-testid=format-{dim}")
        self.crossing = message().classes("text-amber-900").mark("crossing")

    def warn_own_rules(self, _=None) -> None:
        """With hints on, say which of the actor's own stated rules the chosen format
        crosses, as the answer form flags them (a proposer should not find out only in
        the debrief)."""
        rules = crossed(self.sc, self.spec.id, self.chosen_format(), self.q.moment.state) \
            if self.room.settings.hints else []
        self.crossing.set_text("\u26a0 This format crosses your own stated rules: "
                               + "; ".join(r["says"].rstrip(".") for r in rules)
                               if rules else "")

    # --- sending -------------------------------------------------------------------------
    def chosen_format(self) -> dict[str, str] | None:
        fmt = {d: s.value for d, s in self.selects.items()}
        return fmt if all(fmt.values()) else None

    def submit(self, kind: str) -> None:
        reasons = [rid for rid, box in self.ticks.items() if box.value]
        words = (getattr(self, "words", None) and self.words.value or "").strip()
        if words:
            reasons.append(words)
        fmt = self.chosen_format() if kind in ("counter", "propose") else None
        try:
            self.send(Decision(kind, tuple(reasons) if kind in ("refuse", "counter") else (),
                               fmt))
        except Refused as exc:
            self.error.set_text(str(exc))
