"""The teaching note: learning objectives, the care the case asks for, the 45- and
90-minute plans (from the lesson plans' file, the documentation's page too), what the
model usually does, and discussion questions with what the model and the record say.

For the teacher: it may name every rule, announced or not; the seats' briefs may not.
"""
from __future__ import annotations

from ...model.decision import marked_sentence
from ...model.scenario import Scenario
from ...model.sources import cited_as
from ...studies.backtest import expected_text
from .lessons import guide_part, objectives_html, plans_html
from .outcomes import Open, Usual, open_formats, record_case, reported, top_formats, \
    top_refusals, usually
from .page import document, e


def usual_section(scenario: Scenario, usual: Usual) -> str:
    s = usual.summary
    lo, hi = s.p_meeting_ci
    when = usual.median_date(scenario.start)
    median = (f"the median first meeting comes on day {s.median_days:g} ({when:%d %B %Y}), "
              f"among the replications with one" if when else "no replication holds a meeting")
    formats = "; ".join(f"{e(label)} ({share:.0%} of replications)"
                        for label, share in top_formats(scenario, usual))
    refusals = "".join(f"<li>{e(scenario.actors[a].name)}: "
                       f"{e(marked_sentence(scenario.actors, a, r))} ({per:.2f} times a "
                       f"replication)</li>"
                       for a, r, per in top_refusals(scenario, usual))
    return (f"<p>Computed for this package from {usual.n:,} replications with seed "
            f"{usual.seed} (<code>negsim brief -n {usual.n} --seed {usual.seed}</code> gives "
            f"the same; <code>negsim run</code> gives the full run and its figures).</p>"
            f"<ul><li><b>P(meeting)</b> within the {scenario.spec.horizon_days} days: "
            f"{s.p_meeting:.1%} (95% interval {lo:.1%} to {hi:.1%}).</li>"
            f"<li>{e(median[:1].upper() + median[1:])}.</li>"
            f"<li>Meetings held: {s.meetings_held / max(1, s.n):.2f} a replication.</li>"
            + (f"<li>The most frequent first meetings: {formats}.</li>" if formats else "")
            + "</ul>"
            + (f"<p>The most frequent refusals:</p><ul>{refusals}</ul>" if refusals else ""))


def record_rows(scenario: Scenario, record: Scenario | None, outcomes: tuple[str, ...]
                ) -> str:
    """The reported proposals with these outcomes, each with its quote, as a list."""
    if record is None:
        return "The case carries no record of what happened."
    items = []
    for p in record.spec.proposals:
        if p.expected is None or p.expected.outcome not in outcomes:
            continue
        quote = "".join(f" \u201c<span class=\"said\">{e(c.quote)}</span>\u201d "
                        f"({e(cited_as(record.speakers, record.articles, c, True))})"
                        for c in p.expected.citations)
        items.append(f"{p.date:%d %B %Y}, {e(record.actors[p.proposer].name)} proposed "
                     f"{e(record.space.label(p.format))}: "
                     f"{e(expected_text(p.expected, record))}.{quote}")
    return ("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>") if items else \
        "No reported proposal of this kind."


def record_items(record: Scenario | None) -> str:
    if record is None or record.spec.record is None:
        return "The case carries no counts of what happened."
    r = record.spec.record
    return (f"From {r.first_day:%d %B} to {r.last_day:%d %B %Y}: "
            + "; ".join(f"{e(i.says)}: {reported(i)}" for i in r.items) + ".")


def questions_section(scenario: Scenario, usual: Usual, opened: Open) -> str:
    record = record_case(scenario)
    actors = scenario.actors
    space = scenario.space
    possible = len(opened.table.possible)
    groups = "; ".join(f"{e(k)}: {n}" for k, n in opened.groups) or "none"
    blockers = "; ".join(f"{e(actors[a].name)}, \u201c{e(marked_sentence(actors, a, r))}\u201d "
                         f"({n:,} formats)" for a, r, n in opened.blockers[:4]) or "nobody"
    s = usual.summary
    top = top_formats(scenario, usual, 1)
    assumed = "; ".join(f"{e(a.name)}: {len(a.assumptions) + len(a.lapses)}"
                        for a in actors.values() if a.assumptions or a.lapses) or "none"
    hidden = "; ".join(f"{e(a.name)}: \u201c{e(r.says)}\u201d" for a in actors.values()
                       for r in a.rules if not r.public) or "none"
    rows = [
        (f"Which formats could every party accept on {scenario.start:%d %B %Y}?",
         f"{possible:,} of {len(space):,} formats ({groups}).",
         record_rows(scenario, record, ("held",))),
        ("Who blocks the other formats, and for which stated reason?",
         f"Most often: {blockers}.",
         record_rows(scenario, record, ("refused", "cancelled", "not_held"))),
        ("What usually happens, and did 2023 go that way?",
         f"P(meeting) {s.p_meeting:.0%}; "
         + (f"median first meeting on day {s.median_days:g}" if s.median_days is not None
            else "no replication meets")
         + (f"; most often {e(top[0][0])}" if top else "") + f" ({usual.n:,} replications).",
         record_items(record)),
        ("Which rules did a side announce, and which did the others learn only from a "
         "refusal?", f"Not announced: {hidden}.",
         "The record gives each refusal's reason as the sources report it (above)."),
        ("Which positions are the model's, not the actors'?",
         f"Assumptions, by actor: {assumed}; each is marked as the model's in the briefs.",
         "The backtest (<code>negsim backtest --ablate</code> on the history) tells which "
         "of them the record tests."),
    ]
    return "".join(f"<div class=\"question\"><b>{k}. {e(q)}</b><p><i>The model:</i> {m}</p>"
                   f"<div><i>The record:</i> {r}</div></div>"
                   for k, (q, m, r) in enumerate(rows, 1))


def package_section(seats: list[str], scenario: Scenario) -> str:
    names = ", ".join(scenario.actors[a].name for a in seats)
    return (f"<ul><li><b>General brief</b>: to every student.</li>"
            f"<li><b>Confidential briefs</b> ({e(names)}): each seat only its own.</li>"
            f"<li><b>Debrief worksheet</b>: each seat its own page, after the game.</li>"
            f"<li><b>Rubric</b>: to students before the class, if you assess.</li>"
            f"<li><b>This note</b>: for you.</li></ul>")


def teaching_note(scenario: Scenario, seats: list[str], n: int, seed: int | None) -> str:
    usual = usually(scenario, n, seed)
    opened = open_formats(scenario)
    body = (f"<h2>Learning objectives</h2>{objectives_html(scenario)}"
            f"<h2>The package</h2>{package_section(seats, scenario)}"
            f"<h2>Before you start</h2>{guide_part(scenario, 'care')}"
            f"<h2>Lesson plans</h2>{plans_html(scenario)}"
            f"<h2>What usually happens in the model</h2>{usual_section(scenario, usual)}"
            f"<h2>Discussion questions, with what the model and the record say</h2>"
            f"{questions_section(scenario, usual, opened)}")
    return document(f"Teaching note: {scenario.spec.title}",
                    f"For the teacher only · scenario {scenario.path.name}", body)
