"""The teaching handout (`negsim report`): one self-contained HTML file (figures embedded,
opens offline).

It puts together what the scenario assumes (world state, events, each actor's rules with
their source quotes), the feasibility table and heatmap, the outcome figures each with a
one-paragraph reading written from the numbers, and "what would have to change".
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
from typing import Sequence

from ..model.conditions import holds, to_text
from ..model.feasibility import FeasibilityTable
from ..model.scenario import Scenario, StateSetting
from ..studies.experiment import Experiment
from ..studies.whatif import Change
from . import analysis, figures as plots
from .figures.style import plt
from .text import show

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{font-size:1.7rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ddd;
padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#f4f4f4}
blockquote{margin:.2rem 0 .2rem 1rem;padding-left:.6rem;border-left:3px solid #bbb;
color:#444;font-style:italic}.muted{color:#666;font-size:.9rem}
img{max-width:100%;height:auto;display:block;margin:.5rem 0}
.rule{margin:.6rem 0 1rem}.tag{font-size:.75rem;background:#eee;border-radius:3px;
padding:0 .3rem;margin-left:.3rem}
"""


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    return f'<img alt="figure" src="data:image/png;base64,{data}">'


def e(text: object) -> str:
    return html.escape(str(text))


def _citations(item, scenario: Scenario) -> str:
    out = []
    for c in item.citations:
        art = scenario.articles.get(c.article)
        where = f"{art.outlet}, {art.published}" if art else c.article
        out.append(f"<blockquote>“{e(c.quote)}” <span class='muted'>({e(where)}, "
                   f"<code>{e(c.article)}</code>)</span></blockquote>")
    if item.assumption:
        out.append(f"<p class='muted'>Assumption: {e(' '.join(item.assumption.split()))}</p>")
    return "".join(out)


def _assumptions(scenario: Scenario) -> str:
    rows = []
    for name, var in scenario.variables.items():
        setting = scenario.spec.state.get(name)
        value = scenario.state[name]
        cited = _citations(setting, scenario) if isinstance(setting, StateSetting) else (
            "<span class='muted'>default</span>" if setting is None else "")
        rows.append(f"<tr><td><code>{e(name)}</code></td><td>{e(var.says)}</td>"
                    f"<td><b>{e(show(value))}</b></td><td>{cited}</td></tr>")
    out = [f"<p>Starting on <b>{scenario.start:%d %B %Y}</b>, for "
           f"{scenario.spec.horizon_days} days.</p>",
           "<table><tr><th>World state</th><th>Meaning</th><th>Start</th><th>Source</th></tr>",
           *rows, "</table>"]
    if scenario.spec.events:
        out.append("<h3>Events</h3><ul>")
        for ev in scenario.spec.events:
            when = (f"on {ev.date:%d %B %Y}" if ev.date else
                    f"by chance, about {ev.hazard_per_day:g} per day"
                    + (f" while {e(to_text(ev.active_when))}" if ev.active_when else ""))
            sets = ", ".join(f"{k}={show(v)}" for k, v in ev.set.items())
            out.append(f"<li><b>{e(ev.says)}</b> ({when}: {e(sets)}){_citations(ev, scenario)}</li>")
        out.append("</ul>")
    return "\n".join(out)


def _actors(scenario: Scenario) -> str:
    out = []
    state = scenario.state
    lookup = scenario.space.lookup({d: scenario.space.values[d][0]
                                    for d in scenario.space.dimensions}, state)
    for actor in scenario.actors.values():
        out.append(f"<h3>{e(actor.name)} <span class='tag'>{e(', '.join(actor.roles))}</span></h3>")
        if actor.summary:
            out.append(f"<p>{e(' '.join(actor.summary.split()))}</p>")
        rules = ([("Red line", r) for r in actor.red_lines]
                 + [("Precondition", p) for p in actor.preconditions]
                 + [("The model's assumption", a) for a in actor.assumptions]
                 + [("Assumed lapse of its rules", lp) for lp in actor.lapses])
        if not rules:
            out.append("<p class='muted'>No red lines or preconditions.</p>")
        for kind, rule in rules:
            tags = [kind]
            if not getattr(rule, "public", True):
                tags.append("not announced in advance")
            if not rule.enabled:
                tags.append("switched off")
            active_when = getattr(rule, "active_when", None)
            if active_when is not None:
                tags.append(f"when {to_text(active_when)}: "
                            + ("active now" if holds(active_when, lookup) else "not yet"))
            out.append(f"<div class='rule'><b>{e(' '.join(rule.says.split()))}</b>"
                       + "".join(f"<span class='tag'>{e(t)}</span>" for t in tags)
                       + f" <code class='muted'>{e(rule.id)}</code>"
                       + _citations(rule, scenario) + "</div>")
    return "\n".join(out)


def _feasibility(scenario: Scenario, table: FeasibilityTable) -> str:
    possible = table.possible
    items = "".join(f"<li>{e(scenario.space.label(r.format))}</li>" for r in possible[:20])
    more = f"<li>... and {len(possible) - 20} more</li>" if len(possible) > 20 else ""
    return (f"<p>On {table.date:%d %B %Y}, <b>{len(possible)} of {len(table.rows)}</b> formats "
            f"could produce a meeting (every party it needs accepts; reservations at their "
            f"central value).</p>" + (f"<ul>{items}{more}</ul>" if possible else "")
            + _png(plots.heatmap_figure(table, scenario))
            + "<p class='muted'>Each cell is one venue and mediation for the agenda and "
              "delegation in the title (the combination with the most possible formats); "
              "it names every actor who would refuse it.</p>")


def _outcomes(scenario: Scenario, result: Experiment) -> str:
    s = result.summary
    lo, hi = s.p_meeting_ci
    end = scenario.start + dt.timedelta(days=scenario.spec.horizon_days)
    curve = analysis.ecdf(s, scenario.spec.horizon_days)
    half = next((d for d, p in zip(curve.days, curve.p) if p >= 0.5), None)
    reading = (f"In {s.p_meeting:.1%} of {s.n:,} replications (95% interval {lo:.1%} to "
               f"{hi:.1%}) at least one meeting took place by {end:%d %B %Y}. ")
    if half is not None:
        reading += (f"Half of all replications had met by day {half} "
                    f"({scenario.start + dt.timedelta(days=half):%d %B}). ")
    elif s.met:
        reading += "Fewer than half of the replications ever met. "
    reading += "The curve rises where proposals find a format every party accepts; flat " \
               "stretches are refusals, and jumps often follow a change of the world state."
    parts = [_png(plots.ecdf_figure([(scenario.spec.title, s, scenario.spec.horizon_days)],
                                    scenario.start,
                                    "Probability of a first meeting by each date")),
             f"<p>{e(reading)}</p>"]
    shares = analysis.format_shares(s, 3)
    top = "; ".join(f"{scenario.space.label(f) if f else 'other formats'} ({v:.1%})"
                    for f, v in shares[:3])
    parts += [_png(plots.formats_figure(s, scenario)),
              f"<p>{e('First meetings took these formats most often: ' + top + '.')} Only "
              f"formats that every needed party accepted on the day appear here.</p>" if shares
              else "<p>No replication reached a meeting, so there is no format to show.</p>"]
    refusals = sorted(s.refusals.items(), key=lambda kv: -kv[1])
    if refusals:
        (actor, reason), count = refusals[0]
        from .text import rule_sentence
        parts += [_png(plots.refusals_figure(s, scenario)),
                  f"<p>{e(f'The most frequent refusal came from {scenario.actors[actor].name} ({count:,} times): ' + rule_sentence(scenario, actor, reason).rstrip('.'))}. "
                  f"Refusals for value (below the reservation level) can change as positions "
                  f"concede; refusals for a red line or precondition cannot, unless the world "
                  f"changes or the rule is dropped.</p>"]
    if result.example is not None:
        parts += [_png(plots.timeline_figure(result.example, scenario)),
                  "<p>One replication, told as a story: each dot is a proposal, each triangle "
                  "an answer (up: accept, down: refuse); grey bars run from an agreement to "
                  "the meeting's day, stars are meetings held, crosses meetings cancelled on "
                  "the day; dotted lines are changes of the world state.</p>"]
    if s.cancellations:
        parts.append(f"<p>{s.cancellations:,} agreed meetings were cancelled on the day, "
                     f"because a party's position had changed in between.</p>")
    return "\n".join(parts)


def _changes(scenario: Scenario, base: float, changes: Sequence[Change], n: int) -> str:
    rows = []
    for c in changes:
        rows.append(f"<tr><td>{e(scenario.actors[c.actor].name)}</td><td>{e(c.says)} "
                    f"<code class='muted'>{e(c.rule)}</code></td>"
                    f"<td>{'yes' if c.binding_at_start else 'not yet'}</td>"
                    f"<td>{c.formats_opened:+d}</td><td>{c.p_meeting:.1%}</td>"
                    f"<td><b>{c.p_delta:+.1%}</b></td></tr>")
    return (f"<p>Each row drops one rule alone and reruns the model ({n:,} replications, the "
            f"same seeds). Baseline P(meeting): <b>{base:.1%}</b>. <i>Change</i> is in "
            f"percentage points. Rules that do not bind at the start can still matter later, "
            f"when the world state changes. A change can be negative: with one rule fewer, "
            f"proposers try formats they avoided before, some of which fail for their value "
            f"or are cancelled later, and the meeting that would have come is delayed.</p>"
            "<table><tr><th>Actor</th><th>Rule dropped</th><th>Binding at the start</th>"
            "<th>Formats opened</th><th>P(meeting)</th><th>Change (points)</th></tr>"
            + "".join(rows) + "</table>")


def build(scenario: Scenario, table: FeasibilityTable, result: Experiment, base: float,
          changes: Sequence[Change]) -> str:
    """The whole HTML document."""
    question = f"<p><i>{e(' '.join(scenario.spec.question.split()))}</i></p>" \
        if scenario.spec.question else ""
    sources = "".join(f"<li><code>{e(k)}</code>: {e(', '.join(a.authors))}, “{e(a.title)}”, "
                      f"{e(a.outlet)}, {e(a.published)}.</li>"
                      for k, a in scenario.articles.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(scenario.spec.title)}: negsim report</title><style>{CSS}</style></head><body>
<h1>{e(scenario.spec.title)}</h1>{question}
<p class="muted">Scenario <code>{e(scenario.path)}</code> · {result.replications:,} replications ·
seed {result.seed} · SHA-256 {e(scenario.digest[:12])}…</p>
<h2>1. What the scenario assumes</h2>{_assumptions(scenario)}
<h2>2. The actors' red lines and preconditions, with their sources</h2>{_actors(scenario)}
<h2>3. Which formats could produce a meeting</h2>{_feasibility(scenario, table)}
<h2>4. How likely, how soon, in which format, and why not</h2>{_outcomes(scenario, result)}
<h2>5. What would have to change</h2>{_changes(scenario, base, changes, result.replications)}
<h2>Sources</h2><ul>{sources}</ul>
<p class="muted">Made with negsim. Every rule cites the article sentence it comes from or says
what was assumed; the model is a teaching aid, not a forecast.</p>
</body></html>
"""
