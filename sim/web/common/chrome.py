"""What every page shares: the header with its links, colours, small text helpers.

Everything shown that came from a file or a person goes through `ui.label` (or a table
cell, a select option): text, never markup. Nothing here calls `ui.html` or `ui.markdown`.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from ...outputs.palette import BLOCKER_PALETTE, POSSIBLE, SEVERAL

PAGES = (("/", "Explorer"), ("/sources", "Sources and history"), ("/join", "Join a game"),
         ("/classroom", "Classroom"), ("/teacher", "Teacher"))
# A student's pages (joining, a seat) link only to joining: the explorer and the sources
# show every actor's private rules, and the teacher's pages are not theirs to look for.
STUDENT_LINKS = frozenset({"/join"})


def student_page(path: str) -> bool:
    """Whether a tab's path is a student's page (its query and fragment aside)."""
    path = path.split("?")[0].split("#")[0]
    return path == "/join" or path.startswith("/play/")
WHATIF_COLOUR = "#d95f02"
BASE_COLOUR = "#7570b3"

__all__ = ["BLOCKER_PALETTE", "POSSIBLE", "SEVERAL", "header", "note", "message",
           "WHATIF_COLOUR", "BASE_COLOUR", "heading", "upload_button", "LANGUAGE"]

LANGUAGE = "en-GB"  # the html tag's lang (screen readers pick their voice by it)
# Quasar's default primary (#5898d4) and positive (#21ba45) give white text a contrast of
# 3.1 and 2.6 (WCAG asks 4.5); these keep the hues and pass on white and on bg-gray-50.
COLOURS = {"primary": "#2563a8", "positive": "#1e7b34", "negative": "#c10015"}
# Quasar's own markup that axe-core finds fault with, mended in the browser for every page:
# a table wider than its card scrolls inside `.q-table__middle`, which a keyboard can
# scroll only if it can be focused; the loading bar shown while the server answers is an
# unnamed progressbar; and the uploader's "+" is an unnamed link around a file input
# (pages give the uploader a named button instead, `upload_button`).
MEND = """<script>
(() => {
  const mend = () => {
    document.querySelectorAll('.q-table__middle:not([tabindex])').forEach(el => {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', 'Table (scrolls sideways with the arrow keys)');
    });
    document.querySelectorAll('.q-loading-bar:not([aria-label])')
      .forEach(el => el.setAttribute('aria-label', 'Waiting for the server'));
  };
  new MutationObserver(mend).observe(document.documentElement,
                                     {childList: true, subtree: true});
})();
</script>
<style>
.q-uploader__header a.q-btn:has(.q-uploader__input){display:none}
</style>"""


def header() -> None:
    """The title bar: the program's name (the page's one h1) and a link to each page; and
    what every page shares for a screen reader or a keyboard (colours with enough
    contrast, the mended Quasar markup)."""
    ui.colors(**COLOURS)
    ui.add_head_html(MEND)
    with ui.header().classes("items-center gap-6 px-6 py-2 bg-slate-800"):
        heading("negsim", 1).classes("text-xl font-bold m-0")
        ui.label("Baku-Stepanakert talks, 2023: a negotiation simulator for teaching") \
            .classes("text-sm opacity-80 max-lg:hidden")
        ui.space()
        links = {path: ui.button(text, on_click=lambda p=path: ui.navigate.to(p))
                 .props("flat no-caps color=white").mark(f"nav-{text.split()[0].lower()}")
                 for path, text in PAGES}

    def show(path: str) -> None:
        student = student_page(path)
        for where, link in links.items():
            link.set_visibility(not student or where in STUDENT_LINKS)
    router = ui.context.client.sub_pages_router
    show(router.current_path)
    router.on_path_changed(show)  # the header stays; the tab moves between sub-pages


def heading(text: str, level: int = 2) -> TextElement:
    """A heading (h1-h6) with the text as text, so a screen reader can jump from one part
    of a page to the next; styled by the caller like the labels around it."""
    return TextElement(tag=f"h{level}", text=text).classes("m-0 leading-normal")


def upload_button(upload: ui.upload, text: str) -> ui.button:
    """A named button that opens the uploader's file chooser (its own "+" is hidden: it
    has no name for a screen reader, `MEND`). Runs in the browser: a file chooser opens
    only on the click itself."""
    button = ui.button(text, icon="upload_file").props("outline")
    button.on("click", js_handler=f"() => runMethod({upload.id}, 'pickFiles', [])")
    return button


def note(text: str) -> ui.label:
    return ui.label(text).classes("text-sm text-gray-600")


@contextmanager
def titled_card(title: str, explanation: str) -> Iterator[ui.card]:
    """A full-width card: its title, then a line on what it is for."""
    with ui.card().classes("w-full") as card:
        heading(title).classes("text-lg font-bold")
        note(explanation)
        yield card


def rule_title(element: ui.element, ids) -> ui.element:
    """The rule ids behind a text of reasons, on hover ('Rule: no_talks_in_baku...'): the
    text says the rules' sentences; a teacher matching them to the params, or a screen
    reader (the title is the element's description), finds the ids here."""
    ids = [i for i in dict.fromkeys(ids) if i]
    if ids:
        element.props["title"] = ("Rule: " if len(ids) == 1 else "Rules: ") + ", ".join(ids)
    return element


def message(text: str = "") -> ui.label:
    """A label for an error or a result message (keeps the paragraph's line breaks)."""
    return ui.label(text).classes("whitespace-pre-wrap text-sm")
