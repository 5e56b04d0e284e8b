"""What every page shares: the header with its links, colours, small text helpers.

Everything shown that came from a file or a person goes through `ui.label` (or a table
cell, a select option): text, never markup. Nothing here calls `ui.html` or `ui.markdown`.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from nicegui import ui

from ..outputs.figures.style import BLOCKER_PALETTE, POSSIBLE, SEVERAL

PAGES = (("/", "Explorer"), ("/sources", "Sources and history"), ("/join", "Join a game"),
         ("/classroom", "Classroom"), ("/teacher", "Teacher"))
WHATIF_COLOUR = "#d95f02"
BASE_COLOUR = "#7570b3"

__all__ = ["BLOCKER_PALETTE", "POSSIBLE", "SEVERAL", "header", "note", "message",
           "WHATIF_COLOUR", "BASE_COLOUR"]


def header() -> None:
    """The title bar: the program's name and a link to each page."""
    with ui.header().classes("items-center gap-6 px-6 py-2 bg-slate-800"):
        ui.label("negsim").classes("text-xl font-bold")
        ui.label("Baku-Stepanakert talks, 2023: a negotiation simulator for teaching") \
            .classes("text-sm opacity-80 max-lg:hidden")
        ui.space()
        for path, text in PAGES:
            ui.button(text, on_click=lambda p=path: ui.navigate.to(p)) \
                .props("flat no-caps color=white").mark(f"nav-{text.split()[0].lower()}")


def note(text: str) -> ui.label:
    return ui.label(text).classes("text-sm text-gray-600")


@contextmanager
def titled_card(title: str, explanation: str) -> Iterator[ui.card]:
    """A full-width card: its title, then a line on what it is for."""
    with ui.card().classes("w-full") as card:
        ui.label(title).classes("text-lg font-bold")
        note(explanation)
        yield card


def message(text: str = "") -> ui.label:
    """A label for an error or a result message (keeps the paragraph's line breaks)."""
    return ui.label(text).classes("whitespace-pre-wrap text-sm")
