"""The report's reference pages: each actor's rules with the sentence they come from, the
world at the start, the events that may change it, and the sources.

Kept compact (one table row per rule, the quote under the rule) because the handout has
four pages; the full text of every rule is in `negsim explain` and the params files.
"""
from __future__ import annotations

import html

from ..model.conditions import holds
from ..model.labels import condition_words, state_words
from ..model.scenario import Scenario, StateSetting
from ..model.sources import cited_as, second_hand_voices


MAX_QUOTES = 2  # per rule, in print; the rest are named and shown by `negsim explain`


def e(text: object) -> str:
    return html.escape(" ".join(str(text).split()))


def source(item, scenario: Scenario) -> str:
    """The quotes an item cites (with the outlet and date), and its assumption if any."""
    out = []
    cited = item.citations
    if len(cited) > MAX_QUOTES:
        cited = cited[:MAX_QUOTES]
    more = len(item.citations) - len(cited)
    for k, c in enumerate(cited, 1):
        where = cited_as(scenario.speakers, scenario.articles, c)
        if k == len(cited) and more:
            where += f"; {more} more in negsim explain"
        out.append(f"<blockquote>\u201c{e(c.quote)}\u201d <span class='muted'>"
                   f"({e(where)})</span></blockquote>")
    if item.assumption:
        out.append(f"<div class='muted'>Assumption: {e(first_sentence(item.assumption))}"
                   f"</div>")
    return "".join(out)


def first_sentence(text: str) -> str:
    """The assumption's first sentence (the handout has four pages; `negsim explain` and
    the params file give the whole reason)."""
    text = " ".join(text.split())
    cut = text.find(". ")
    return text if cut < 0 or cut > 260 else text[:cut + 1] + " [...]"


def actors_section(scenario: Scenario) -> str:
    start = scenario.state
    first = scenario.space.lookup({d: scenario.space.values[d][0]
                                   for d in scenario.space.dimensions}, start)
    out = []
    for actor in scenario.actors.values():
        items = ([("red line", r) for r in actor.red_lines]
                 + [("precondition", p) for p in actor.preconditions]
                 + [("the model's assumption", a) for a in actor.assumptions]
                 + [("lapse (assumed)", lp) for lp in actor.lapses]
                 + [("reaction", r) for r in actor.reactions])
        out.append(f"<h3>{e(actor.name)}</h3>")
        if not items:
            out.append("<p class='muted'>No red lines or preconditions.</p>")
        for kind, rule in items:
            tags = [kind]
            if not getattr(rule, "public", True):
                tags.append("not announced")
            if not getattr(rule, "enabled", True):
                tags.append("switched off")
            when = getattr(rule, "active_when", None)
            if when is not None:
                tags.append(f"while {condition_words(scenario.variables, when)}"
                            + (" (holds at the start)" if holds(when, first) else ""))
            if kind == "reaction":
                tags.append(f"p = {rule.probability:g}")
            voices = second_hand_voices(scenario.speakers, rule)
            if voices:
                tags.append(f"rests only on {voices}")
            out.append(f"<div class='rule'><b>{e(rule.says or rule.id)}</b>"
                       + "".join(f"<span class='tag'>{e(t)}</span>" for t in tags)
                       + source(rule, scenario) + "</div>")
    return ("<p class='muted'>Red lines rule out formats; preconditions ask something of the "
            "world first; assumptions fill what the articles leave open (so do reservation "
            "levels and delays: <code>negsim check --strict</code> lists them all).</p>"
            "<div class='reference'>" + "".join(out) + "</div>")


def state_section(scenario: Scenario) -> str:
    """The starting state in one line per variable, naming its source (the quotes are in
    the params file and `negsim check --strict`); the events with their quotes."""
    rows = []
    for name in scenario.variables:
        setting = scenario.spec.state.get(name)
        words = state_words(scenario.variables, {name: scenario.state[name]})
        rows.append(f"<li><b>{e(words)}</b> <span class='muted'>({e(origin(setting, scenario))})"
                    f"</span></li>")
    out = [f"<ul class='state'>{''.join(rows)}</ul>"]
    for ev in scenario.spec.events:
        when = (f"on {ev.date:%d %B %Y}" if ev.date else
                f"by chance, about {ev.hazard_per_day:g} a day"
                + (f", while {condition_words(scenario.variables, ev.active_when)}"
                   if ev.active_when else ""))
        sets = state_words(scenario.variables, ev.set)
        out.append(f"<div class='rule'><b>Event, {e(when)}: {e(ev.says)}</b> ({e(sets)})"
                   f"{source(ev, scenario)}</div>")
    return "<div class='reference'>" + "".join(out) + "</div>"


def origin(setting, scenario: Scenario) -> str:
    """Where a starting value comes from, in a few words."""
    if not isinstance(setting, StateSetting):
        return "the model's default"
    names = [f"{a.outlet}, {a.published}" for c in setting.citations
             if (a := scenario.articles.get(c.article))]
    said = "; ".join(dict.fromkeys(names))
    if setting.assumption:
        said = (said + "; " if said else "") + "assumption: " + first_sentence(
            setting.assumption)
    return said


def sources_section(scenario: Scenario) -> str:
    return "<p class='muted'>" + " ".join(
        f"{e(', '.join(a.authors))}, \u201c{e(a.title)}\u201d, {e(a.outlet)}, "
        f"{e(a.published)}." for a in scenario.articles.values()) + "</p>"
