"""One seat's confidential brief: its red lines, preconditions and the model's assumptions
about it (announced or not), its interests with their quotes, its reservation level in
words, what it may and may not concede, and how the model plays the seat.

Only this seat's rules are named: another seat's unannounced rule never appears here (a
test holds it). The others' public positions are in the general brief.
"""
from __future__ import annotations

from ...model.labels import condition_words
from ...model.quantities import bounds, central
from ...model.scenario import Scenario
from ..roles import preference_heading, student_text
from ..timeline import cap
from .concede import RuledOut, free_dimensions, open_values, own_rules, ranked, \
    ruled_out, worth
from .page import document, e, quotes, role_words, rule_block

PRIVATE = "not announced: the others learn it only from your refusal"


def rules_section(scenario: Scenario, actor: str) -> str:
    spec = scenario.actors[actor]
    parts = [("Your red lines", spec.red_lines), ("Your preconditions", spec.preconditions),
             ("What the model assumes about you", spec.assumptions)]
    out = []
    for title, rules in parts:
        if rules:  # the heading prints with its first rule
            blocks = [rule_block(scenario, r, PRIVATE) for r in rules]
            out.append(f"<div class=\"keep\"><h3>{title}</h3>{blocks[0]}</div>"
                       + "".join(blocks[1:]))
    for lapse in spec.lapses:
        out.append(f"<h3>When your rules stop binding (the model's assumption)</h3>"
                   f"<div class=\"rule\"><b>{e(lapse.says)}</b>{quotes(scenario, lapse)}</div>")
    if not out:
        out.append("<p>You have no red lines or preconditions in the case: only your "
                   "interests and your reservation level decide your answers.</p>")
    return "".join(out)


def interests_section(scenario: Scenario, actor: str) -> str:
    spec = scenario.actors[actor]
    if not spec.preferences:
        return "<p>The case gives you no preferences: every format is worth the same to you.</p>"
    space = scenario.space
    out = ["<p>What a format is worth to you: the weighted mean of your scores (0 to 1) for "
           "its values, over the entries below; an entry with <i>while</i> counts only while "
           "the world is so.</p>"]
    for p in spec.preferences:
        best = sorted(p.scores.items(), key=lambda kv: -kv[1])
        values = "; ".join(f"{e(space.value_label(p.dimension, v))} {s:g}" for v, s in best)
        rest = (f"; any other value {p.default:g}" if p.default is not None
                and len(p.scores) < len(space.values[p.dimension]) else "")
        out.append(f"<div class=\"rule\"><b>{e(preference_heading(scenario, p))}</b>"
                   f"<div>{values}{rest}</div>{quotes(scenario, p)}</div>")
    return "".join(out)


def reservation_section(scenario: Scenario, actor: str) -> str:
    spec = scenario.actors[actor]
    lo, hi = bounds(spec.reservation)
    level = central(spec.reservation)
    drawn = (f"<b>{level:.2f}</b>" if lo == hi else
             f"drawn anew in each run of the model between <b>{lo:.2f} and {hi:.2f}</b> "
             f"(the exact table of formats uses the middle, {level:.2f})")
    w = worth(scenario, actor, scenario.state)
    text = [f"<p>Your reservation level is {drawn}. It is the least a format must be worth "
            f"to you, by your interests above, for you to accept it: you accept a format "
            f"only when it breaks none of your rules <i>and</i> is worth at least this "
            f"level. A refusal for value is not a red line: it can change when the world "
            f"changes what a format is worth to you, or when your level moves.</p>"]
    if not isinstance(spec.reservation, (int, float)):
        text.append(quotes(scenario, spec.reservation))
    if w.best is None:
        text.append(f"<p>On {scenario.start:%d %B %Y} every format breaks one of your rules.</p>")
    else:
        text.append(f"<p>On {scenario.start:%d %B %Y}, {w.allowed:,} of {w.total:,} formats "
                    f"break none of your rules; the best of them is worth {w.best:.2f} to "
                    f"you, and {w.reaching:,} reach {level:.2f}.</p>")
    for c in spec.concessions:
        way = "falls" if c.per_day > 0 else "rises"
        text.append(f"<div class=\"rule\">While "
                    f"{e(condition_words(scenario.variables, c.when))}, your level {way} by "
                    f"{abs(c.per_day):g} a day (between {c.floor:g} and {c.ceiling:g})."
                    f"{quotes(scenario, c)}</div>")
    for other in scenario.actors.values():
        for inf in other.influence:
            if inf.target == actor:
                how = (f"can shift your level by {inf.reservation_shift:+g}"
                       if inf.reservation_shift else
                       "may sway your level; in this case the shift is 0")
                text.append(f"<div class=\"rule\">{e(other.name)} {how}"
                            + (f" while {e(condition_words(scenario.variables, inf.when))}"
                               if inf.when else "") + f".{quotes(scenario, inf)}</div>")
    return "".join(text)


def reach_words(scenario: Scenario, reach: RuledOut) -> str:
    space = scenario.space
    if not reach.refused:
        return "it refuses no format on the start date (it binds only in another world)"
    named = [f"{d}: " + ", ".join(space.value_label(d, v) for v in vs)
             for d, vs in reach.values.items()]
    if named:
        return "rules out " + "; ".join(named)
    return f"rules out {reach.refused:,} of {reach.total:,} formats, by their combination"


def concede_section(scenario: Scenario, actor: str) -> str:
    state, space = scenario.state, scenario.space
    rules = own_rules(scenario, actor)
    nots = [f"<li><b>{e(r.says)}</b> On {scenario.start:%d %B %Y} it "
            f"{e(reach_words(scenario, ruled_out(scenario, r, state)))}.</li>" for r in rules]
    out = ["<h3>May not concede</h3>",
           (f"<p>What each of your rules rules out:</p><ul>{''.join(nots)}</ul>" if nots else
            "<p>No rule of yours forbids any format: you may concede anything your "
            "interests allow.</p>")]
    free = free_dimensions(scenario, actor)
    mays = []
    for d in free:
        order = ranked(scenario, actor, d)
        valued = ("; you value most " + ", ".join(space.value_label(d, v) for v, s in order
                                                 if s == order[0][1])
                  + ", least " + ", ".join(space.value_label(d, v) for v, s in order
                                           if s == order[-1][1])) if order else \
            "; you value them all the same"
        mays.append(f"<li><b>{e(d)}</b>: no rule of yours names it, so any value is yours to "
                    f"give{e(valued)}.</li>")
    for d, values in open_values(scenario, actor, state).items():
        if values:
            mays.append(f"<li><b>{e(d)}</b>: no rule of yours rules out "
                        + e(", ".join(space.value_label(d, v) for v in values))
                        + " (some combinations may still break a rule).</li>")
    out += ["<h3>May concede</h3>",
            f"<ul>{''.join(mays)}</ul>" if mays else
            "<p>Your rules name every value of every dimension.</p>"]
    return "".join(out)


def play_section(scenario: Scenario, actor: str) -> str:
    spec = scenario.actors[actor]
    out = []
    if spec.proposer is None:
        out.append("You do not propose formats; you answer those put to you.")
    else:
        lo, hi = bounds(spec.proposer.interval)
        when = (f", while {condition_words(scenario.variables, spec.proposer.active_when)}"
                if spec.proposer.active_when else "")
        out.append(("The model in your seat proposes nothing (the sources report no "
                    "proposal of its own); a person in the seat may put a format to the "
                    f"parties about every {lo:g} to {hi:g} days{when}.")
                   if not spec.proposer.model_proposes else
                   f"You may propose a format about every {lo:g} to {hi:g} days{when}.")
    lo, hi = bounds(spec.response_delay)
    out.append(f"You answer within {lo:g} to {hi:g} days." if lo != hi else
               f"You answer after {lo:g} days.")
    if spec.counter_probability:
        out.append(f"When the model refuses for you, it counter-proposes "
                   f"{spec.counter_probability:.0%} of the time.")
    moves = "".join(f"<div class=\"rule\"><b>{e(r.says or r.id.replace('_', ' '))}</b>"
                    f"<div>chance {r.probability:g} each time</div>{quotes(scenario, r)}</div>"
                    for r in spec.reactions)
    return (f"<p>{e(' '.join(out))}</p>"
            + (f"<h3>Your moves</h3>{moves}" if moves else ""))


def confidential_brief(scenario: Scenario, actor: str) -> str:
    spec = scenario.actors[actor]
    summary = f"<p>{e(student_text(spec.summary))}</p>" if spec.summary else ""
    body = (f"<div class=\"banner\">Confidential: for the {e(spec.name)} seat only. Keep it "
            f"from the other seats.</div>"
            f"<h2>Your role</h2><p>{cap(e(role_words(spec.roles)))}.</p>{summary}"
            f"<p>The others' public positions, the world and the formats are in the "
            f"general brief.</p>"
            f"<h2>Your rules</h2>{rules_section(scenario, actor)}"
            f"<h2>Your interests</h2>{interests_section(scenario, actor)}"
            f"<h2>Your reservation level</h2>{reservation_section(scenario, actor)}"
            f"<h2>What you may and may not concede</h2>{concede_section(scenario, actor)}"
            f"<h2>How the game plays your seat</h2>{play_section(scenario, actor)}")
    return document(f"Confidential brief: {spec.name}",
                    f"{scenario.spec.title} · from {scenario.start:%d %B %Y}", body)
