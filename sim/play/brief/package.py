"""The whole teaching package written into one folder: every page as HTML (A4 in print),
an index.html, and each page as PDF when Chromium or Chrome is there.

Why a folder the caller gives: the command line writes into a results folder (published
whole or not at all), the teacher's page into a temporary one it zips; neither leaves a
half-written package behind.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...model.scenario import Scenario
from ..roles import playable
from .confidential import confidential_brief
from .general import general_brief
from .outcomes import REPLICATIONS
from .page import document, e
from .pdf import NO_BROWSER, find_browser, print_pdfs
from .teaching import teaching_note
from .worksheet import rubric, worksheet


@dataclass
class Package:
    """What was written: the HTML pages by file name and title, the PDFs, and a note
    when there are none."""

    folder: Path
    pages: dict[str, str] = field(default_factory=dict)  # file name -> title
    pdfs: list[Path] = field(default_factory=list)
    pdf_note: str = ""


def confidential_name(actor: str) -> str:
    return f"confidential-{actor.replace('_', '-')}.html"


def pages(scenario: Scenario, n: int = REPLICATIONS, seed: int | None = None
          ) -> dict[str, tuple[str, str]]:
    """file name -> (title, HTML) for every page of the package."""
    seats = playable(scenario)
    out = {"general-brief.html": ("General brief (every seat)", general_brief(scenario))}
    for actor in seats:
        out[confidential_name(actor)] = (
            f"Confidential brief: {scenario.actors[actor].name} (that seat only)",
            confidential_brief(scenario, actor))
    out["teaching-note.html"] = ("Teaching note (the teacher)",
                                 teaching_note(scenario, seats, n, seed))
    out["debrief-worksheet.html"] = ("Debrief worksheet (one page a seat)",
                                     worksheet(scenario, seats))
    out["rubric.html"] = ("Assessment rubric", rubric(scenario))
    return out


def index(scenario: Scenario, titles: dict[str, str], pdf: bool) -> str:
    items = "".join(f"<li><a href=\"{name}\">{e(title)}</a>"
                    + (f" · <a href=\"{name[:-5]}.pdf\">PDF</a>" if pdf else "") + "</li>"
                    for name, title in titles.items())
    return document(f"Teaching package: {scenario.spec.title}",
                    f"scenario {scenario.path.name} · from {scenario.start:%d %B %Y}",
                    f"<ul>{items}</ul><p class=\"muted\">Each page prints on A4 from a "
                    f"browser (Ctrl-P / Cmd-P).</p>")


def write_package(scenario: Scenario, folder: Path, n: int = REPLICATIONS,
                  seed: int | None = None, pdf: bool = True) -> Package:
    """Write every page into `folder` (which must exist); PDFs too when `pdf` and a
    browser is found, else `pdf_note` says why there are none."""
    made = pages(scenario, n, seed)
    package = Package(folder)
    for name, (title, text) in made.items():
        (folder / name).write_text(text, encoding="utf-8")
        package.pages[name] = title
    browser = find_browser() if pdf else None
    if pdf and browser is None:
        package.pdf_note = NO_BROWSER
    if browser is not None:
        package.pdfs = print_pdfs(browser, [folder / name for name in made])
    (folder / "index.html").write_text(index(scenario, package.pages, bool(package.pdfs)),
                                       encoding="utf-8")
    return package


def zipped(scenario: Scenario, pdf: bool, n: int = REPLICATIONS) -> tuple[bytes, str]:
    """The package as one zip (its files under a folder named for the scenario), and the
    note on the PDFs ('' when they are in it): the teacher's page offers it as a
    download. Written in a temporary folder, removed after."""
    with tempfile.TemporaryDirectory(prefix="negsim-brief-") as tmp:
        package = write_package(scenario, Path(tmp), n=n, pdf=pdf)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(tmp).iterdir()):
                archive.write(path, f"{scenario.name}-brief/{path.name}")
    return buffer.getvalue(), package.pdf_note
