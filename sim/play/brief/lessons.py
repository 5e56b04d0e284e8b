"""The teacher's texts the package prints from the case's own files: the lesson plans
(`lesson-plans.md`) and the instructor's guide (`README.md`), both in the scenarios
folder.

Why from those files: they are the documentation's pages too (the site includes them), so
the printed note and the site say the same; and a teacher's copy (`negsim init`) prints the
teacher's edits. A file beside the scenario comes first, then the one shipped with negsim.
"""
from __future__ import annotations

from pathlib import Path

from ...files.bundled import bundled_root
from ...model.scenario import Scenario
from .markdown import section, sections, to_html

PLANS = "lesson-plans.md"
GUIDE = "README.md"
# the note shows the objectives first, makes its own questions; the rubric has its page
LEFT_OUT_OF_NOTE = ("Learning objectives", "Debrief questions", "Assessment rubric")
RUBRIC = "Assessment rubric"


def source(scenario: Scenario, name: str) -> Path | None:
    """The file beside the scenario, else the shipped one (None if neither exists)."""
    for folder in (scenario.path.parent, bundled_root() / "scenarios"):
        if (folder / name).is_file():
            return folder / name
    return None


def read(scenario: Scenario, name: str) -> tuple[str, str]:
    """(text, where it was read) of one of the teacher's files; ('', '') when missing."""
    path = source(scenario, name)
    return (path.read_text(encoding="utf-8"), path.name) if path else ("", "")


def plans_html(scenario: Scenario) -> str:
    """The lesson plans' sections for the teaching note (their first paragraph, then every
    section but the objectives, the debrief questions and the rubric), headings under the
    note's own."""
    text, where = read(scenario, PLANS)
    if not text:
        return f"<p>No {PLANS} was found beside the scenario or with negsim.</p>"
    parts = sections(text)
    intro = parts[0][1].split("\n\n")
    first = next((p for p in intro if p.strip() and not p.lstrip().startswith("#")), "")
    out = [to_html(first), f"<p class=\"muted\">From <code>{where}</code>.</p>"]
    for heading, body in parts[1:]:
        if heading.startswith(LEFT_OUT_OF_NOTE):
            continue
        out.append(to_html(f"### {heading}\n{body}"))
    return "\n".join(out)


def objectives_html(scenario: Scenario) -> str:
    """The 'Learning objectives' section of the lesson plans ('' when it has none)."""
    text, _ = read(scenario, PLANS)
    body = next((b for h, b in sections(text) if h.startswith("Learning objectives")), "")
    return to_html(body)


def rubric_html(scenario: Scenario) -> str:
    """The lesson plans' rubric, as the package's rubric page."""
    text, where = read(scenario, PLANS)
    body = next((b for h, b in sections(text) if h.startswith(RUBRIC)), "")
    if not body.strip():
        return f"<p>The lesson plans ({where or PLANS}) have no '{RUBRIC}' section.</p>"
    return to_html(body) + f"<p class=\"muted\">From <code>{where}</code>.</p>"


def guide_part(scenario: Scenario, name: str, shift: int = 0) -> str:
    """A marked part of the instructor's guide (e.g. 'care', 'names'), as HTML."""
    text, _ = read(scenario, GUIDE)
    return to_html(section(text, name), shift)
