"""The debrief worksheet (one page a seat: questions and room to write) and the rubric
(criteria by levels, from the lesson plans' file).

Why the worksheet names no rule: a seat's page may be collected or swapped in class, so it
asks about the seat's own brief without quoting it; the rules are in the briefs.
"""
from __future__ import annotations

from ...model.scenario import Scenario
from .lessons import rubric_html
from .page import document, e

QUESTIONS = (
    "Which format did you want for {name}, and which did you get (or come closest to)?",
    "Name one proposal you refused. Was it a rule of your brief (which one?) or its worth "
    "to you below your reservation level?",
    "Did you cross one of your red lines or preconditions? If so, why; if not, what did "
    "holding it cost?",
    "What did you learn of another seat's position only from its refusal? How did it "
    "change what you proposed?",
    "Where did you depart from the position your brief gave you, and why?",
    "How does your game compare with what the model usually does, and with 2023?",
)
CLASS_QUESTIONS = (
    "Which formats were open that no one proposed? Why?",
    "Which change of the world (an event, an inject) moved the positions most?",
    "What does a model built only from public statements leave out?",
)
NO_RULES = ("Your brief gave you no red lines or preconditions: what did you press for, "
            "and with what effect?")
LINES = 5  # ruled lines to write on, per question


def lines(k: int = LINES) -> str:
    return "".join("<div class=\"lines\"></div>" for _ in range(k))


def seat_page(scenario: Scenario, actor: str) -> str:
    spec = scenario.actors[actor]
    ruled = bool(spec.red_lines or spec.preconditions)
    asks = "".join(f"<li class=\"keep\">{e(q.format(name=spec.name))}{lines()}</li>"
                   for q in QUESTIONS if ruled or "red lines" not in q)
    if not ruled:
        asks += f"<li class=\"keep\">{e(NO_RULES)}{lines()}</li>"
    return (f"<section class=\"seat\"><h2>Seat: {e(spec.name)}</h2>"
            f"<p>Name or pseudonym: ____________________ &nbsp; Game: __________</p>"
            f"<ol>{asks}</ol></section>")


def worksheet(scenario: Scenario, seats: list[str]) -> str:
    pages = "".join(seat_page(scenario, a) for a in seats)
    shared = "".join(f"<li class=\"keep\">{e(q)}{lines(6)}</li>" for q in CLASS_QUESTIONS)
    body = (f"<p>One page a seat: answer for your own seat, out of role, after the game. "
            f"Then the class questions together.</p>{pages}"
            f"<section class=\"seat\"><h2>For the whole class</h2><ol>{shared}</ol></section>")
    return document(f"Debrief worksheet: {scenario.spec.title}",
                    f"After the game · scenario {scenario.path.name}", body)


def rubric(scenario: Scenario) -> str:
    return document(f"Assessment rubric: {scenario.spec.title}",
                    "Criteria by levels", rubric_html(scenario))
