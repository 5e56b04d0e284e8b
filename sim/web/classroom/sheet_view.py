"""A seat's role sheet in the page: public positions, private rules, what the actor values,
what it knows of the others and of the world on the start date (`sim.play.roles`)."""
from __future__ import annotations

from typing import Any

from nicegui import ui

from ...model.labels import verb
from ..common.chrome import note


def rule_lines(items: list[dict[str, Any]]) -> None:
    for r in items:
        ui.label(f"\u2022 {r['says']}").classes("text-sm")
        if r["quote"]:
            ui.label(f"\u201c{r['quote']}\u201d ({r['article']})") \
                .classes("text-sm text-gray-700 italic ml-4")
        elif r["assumption"]:
            ui.label(f"(the model's assumption: {r['assumption']})") \
                .classes("text-sm text-gray-700 ml-4")


def role_sheet_view(sheet: dict[str, Any], open_: bool) -> ui.expansion:
    """The sheet in an expansion, open while the game is prepared. A closed sheet's lines
    are made when it is first opened: a class's pages are mostly seat pages opened once the
    games run, and forty lines on each that nobody opens were a third of what the server
    held, every object of which its garbage collector walks while the games wait."""
    with ui.expansion(f"Your role sheet: {sheet['name']} ({'; '.join(sheet['role_words'])})",
                      value=open_).classes("w-full bg-white rounded shadow-sm") \
            .mark("role-sheet") as expansion:
        pass
    made = []

    def fill(opened: bool = True) -> None:
        if opened and not made:
            made.append(True)
            with expansion:
                sheet_lines(sheet)
    if open_:
        fill()
    else:
        expansion.on_value_change(lambda e: fill(bool(e.value)))
    return expansion


def sheet_lines(sheet: dict[str, Any]) -> None:
    """The sheet's lines: positions, private rules, values, what the seat knows."""
    if sheet["summary"]:
        ui.label(sheet["summary"]).classes("text-sm")
    ui.label("Your public positions (everyone knows them)").classes("font-bold mt-2")
    if sheet["public"]:
        rule_lines(sheet["public"])
    else:
        note("No rule stated in public" + (": what you have said in public is under what "
             "you value, below." if any(p.get("quote") for p in sheet["preferences"])
             else "."))
    ui.label("Your private rules (the others learn them only from your refusals)") \
        .classes("font-bold mt-2")
    rule_lines(sheet["private"]) if sheet["private"] else note("None.")
    if sheet["assumed"]:
        ui.label("What the model assumes of you (no source states it)") \
            .classes("font-bold mt-2")
        rule_lines(sheet["assumed"])
    ui.label("What you value (weights; best values first)").classes("font-bold mt-2")
    for p in sheet["preferences"]:
        best = ", ".join(f"{label} {score:g}" for label, score in p["values"][:4])
        ui.label(f"\u2022 {p['heading']}: {best}") \
            .classes("text-sm")
        if p.get("quote"):
            ui.label(f"\u201c{p['quote']}\u201d ({p['article']})") \
                .classes("text-sm text-gray-700 italic ml-4")
    note(f"You accept a format worth at least about {sheet['reservation']:.2f} to you "
         f"(your reservation level; events and time may move it).")
    ui.label("What you know").classes("font-bold mt-2")
    note(f"The world on {sheet['start']}: {sheet['world']}.")
    for name, rules in sheet["others"].items():
        ui.label(f"{name} {verb(name, 'has', 'have')} said in public:") \
            .classes("text-sm font-semibold")
        rule_lines(rules)
