"""The general brief: what every seat knows, from the scenario and the params.

The case and its dates, the timeline of the events the scenario carries, the world on the
start date in words, the formats' dimensions and values, the venues with what the params
say of them, and each actor's public positions with their quotes and speakers. Nothing an
actor holds privately (`public: false`) appears here: those rules are in its own
confidential brief only.
"""
from __future__ import annotations

import datetime as dt

from ...model.labels import condition_words, state_words
from ...model.scenario import Scenario, StateSetting
from .lessons import guide_part
from .page import document, e, quotes, role_words, rule_block, table


def public_rules(scenario: Scenario, actor: str) -> list:
    spec = scenario.actors[actor]
    return [r for r in spec.rules if r.public]


def case_section(scenario: Scenario) -> str:
    spec = scenario.spec
    end = scenario.start + dt.timedelta(days=spec.horizon_days)
    question = f"<p><i>{e(spec.question)}</i></p>" if spec.question else ""
    return (f"{question}<p>The case opens on <b>{scenario.start:%d %B %Y}</b> and runs for "
            f"{spec.horizon_days} days, to {end:%d %B %Y}. A meeting takes place when every "
            f"party a format needs accepts it: the two principals, the mediator it names and "
            f"the host of its venue. This brief is shared by every seat; each seat also has "
            f"a confidential brief of its own.</p>")


def timeline_section(scenario: Scenario) -> str:
    dated = sorted((ev for ev in scenario.spec.events if ev.date), key=lambda ev: ev.date)
    rows = [[f"{scenario.start:%d %B %Y}", "The case opens, in the world described below.",
             ""]]
    for ev in dated:
        rows.append([f"{ev.date:%d %B %Y}", e(ev.says) + quotes(scenario, ev),
                     e(state_words(scenario.variables, ev.set))])
    out = [table(["date", "what happens", "what changes"], rows, "timeline")]
    chance = [ev for ev in scenario.spec.events if ev.date is None]
    if chance:
        items = "".join(
            f"<li>{e(ev.says)} (about {ev.hazard_per_day:g} a day"
            + (f", while {e(condition_words(scenario.variables, ev.active_when))}"
               if ev.active_when else "") + f"; then {e(state_words(scenario.variables, ev.set))})"
            + quotes(scenario, ev) + "</li>" for ev in chance)
        out.append(f"<p>These may happen on any day, by chance:</p><ul>{items}</ul>")
    return "".join(out)


def world_section(scenario: Scenario) -> str:
    out = []
    for name, var in scenario.variables.items():
        setting = scenario.spec.state.get(name)
        where = quotes(scenario, setting) if isinstance(setting, StateSetting) else \
            "<div class=\"note\">Not set by the case: the variable's usual value.</div>"
        out.append(f"<div class=\"rule\"><b>{e(var.name(name))}: "
                   f"{e(var.words(scenario.state[name]))}</b><div>{e(var.says)}</div>"
                   f"{where}</div>")
    return "".join(out)


def formats_section(scenario: Scenario) -> str:
    space = scenario.space
    rows = [[f"<b>{e(d)}</b>", e(space.spec.dimensions[d].says),
             "; ".join(e(space.value_label(d, v)) for v in space.values[d])]
            for d in space.dimensions]
    return (f"<p>A meeting format is one value of each of the {len(space.dimensions)} "
            f"dimensions below: {len(space):,} formats in all.</p>"
            + table(["dimension", "what it is", "values"], rows, "keep"))


def attribute_words(scenario: Scenario, value: object) -> str:
    """An attribute's value in words: an actor by its name, else as the params write it."""
    if isinstance(value, list):
        return ", ".join(attribute_words(scenario, v) for v in value)
    if isinstance(value, str) and value in scenario.actors:
        return scenario.actors[value].name
    return str(value).replace("_", " ").title() if isinstance(value, str) else str(value)


def venues_section(scenario: Scenario, dimension: str = "venue") -> str:
    space = scenario.space
    if dimension not in space.dimensions:
        return "<p>This case has no venue dimension.</p>"
    attrs = list(space.spec.dimensions[dimension].attributes)
    rows = [[f"<b>{e(space.value_label(dimension, v))}</b>"]
            + [e(attribute_words(scenario, space.attribute(dimension, v, a))) for a in attrs]
            for v in space.values[dimension]]
    return (f"<p>{e(space.spec.dimensions[dimension].says)}</p>"
            + table(["venue"] + [e(a.replace("_", " ")) for a in attrs], rows, "keep"))


def actors_section(scenario: Scenario) -> str:
    out = []
    for actor, spec in scenario.actors.items():
        blocks = [rule_block(scenario, r) for r in public_rules(scenario, actor)] or \
            ["<p class=\"muted\">No public red lines or preconditions in the case.</p>"]
        # the params' summary may name an unannounced rule: it is in the seat's own brief.
        # The name, its roles and the first rule print together (no heading left alone).
        out.append(f"<div class=\"keep\"><h3>{e(spec.name)}</h3><p class=\"muted\">"
                   f"{e(role_words(spec.roles))}</p>{blocks[0]}</div>{''.join(blocks[1:])}")
    return ("<p>Each position below is what an actor stated in public (or, marked as "
            "such, what the model assumes where the sources are silent), with the words it "
            "rests on and who said them.</p>" + "".join(out))


def sources_section(scenario: Scenario) -> str:
    return "<ul>" + "".join(
        f"<li>{e(', '.join(a.authors))}, \u201c{e(a.title)}\u201d, {e(a.outlet)}, "
        f"{e(a.published)}.</li>" for a in scenario.articles.values()) + "</ul>"


def general_brief(scenario: Scenario) -> str:
    names = guide_part(scenario, "names")
    body = (f"<h2>The case</h2>{case_section(scenario)}"
            f"<h2>Timeline</h2>{timeline_section(scenario)}"
            f"<h2>The world on the start date</h2>{world_section(scenario)}"
            f"<div class=\"keep\"><h2>Meeting formats</h2>{formats_section(scenario)}</div>"
            f"<div class=\"keep\"><h2>The venues</h2>{venues_section(scenario)}</div>"
            + names
            + f"<h2>The actors and their public positions</h2>{actors_section(scenario)}"
            f"<h2>Sources</h2>{sources_section(scenario)}")
    return document(f"General brief: {scenario.spec.title}",
                    f"For every seat · scenario {scenario.path.name}", body)
