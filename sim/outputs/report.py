"""The teaching handout (`negsim report`): one self-contained HTML file (figures embedded,
opens offline) that prints on at most four A4 pages for the default scenario.

Order follows what a teacher needs in class: the question and the answer first, then the
evidence (which formats could meet, how likely and how soon, who refused and why), what
would have to change, questions for discussion, and only then the reference material
(each actor's rules with their quotes, the world state, the sources). The sentences come
from `reading`, so they always match the numbers.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
from typing import Sequence

from ..model.feasibility import FeasibilityTable
from ..model.scenario import Scenario
from ..studies.experiment import Experiment
from ..studies.summary import format_shares
from ..studies.whatif import Change
from . import figures as plots, reading
from .figures.style import plt
from .report_reference import actors_section, sources_section, state_section
from .text import rule_sentence

PAGE_WIDTH = 7.3  # inches: A4 (8.27) less 12 mm margins each side

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;
padding-bottom:.1rem;margin:1.6rem 0 .5rem}h3{font-size:1rem;margin:.9rem 0 .3rem}
table{border-collapse:collapse;margin:.3rem 0 .8rem;width:100%}td,th{border:1px solid #ddd;
padding:.2rem .4rem;vertical-align:top;text-align:left}th{background:#f4f4f4}
td.num{text-align:right;white-space:nowrap}
.answer{background:#f6f8fa;border-left:4px solid #2c6e9b;padding:.5rem .8rem;margin:.8rem 0}
q{font-style:italic}.muted{color:#555;font-size:.88rem}code{font-size:.85em}
img{width:100%;height:auto;display:block;margin:.3rem auto}
figure{margin:.3rem 0}figcaption{font-size:.85rem;color:#444}
.reference{columns:2 22rem;column-gap:1.4rem;font-size:.84rem}
.reference h3{break-after:avoid;column-span:none}.rule{break-inside:avoid;margin:0 0 .45rem}
.state{margin:0 0 .5rem;padding-left:1rem}.state li{break-inside:avoid}
.reference blockquote{margin:.05rem 0 .05rem .6rem;color:#444;font-style:italic}
.tag{font-size:.72rem;background:#eee;border-radius:3px;padding:0 .25rem;margin-left:.25rem;
white-space:normal}
@page{size:A4;margin:10mm 12mm}
@media print{html{font-size:8.5pt}body{margin:0;max-width:none;padding:0;line-height:1.32}
h2,h3{break-after:avoid}h2{margin-top:1rem}figure,tr,.answer{break-inside:avoid}
img{max-width:var(--print-width)}a{color:inherit;text-decoration:none}}
"""


def png(fig, alt: str = "figure") -> str:
    """The figure as an embedded image, drawn at its own size and printed at most at the
    page's width: its text prints at (nearly) its designed size, never cut off."""
    width = fig.get_size_inches()[0]
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    return (f'<img alt="{e(alt)}" style="--print-width:{min(width, PAGE_WIDTH):.2f}in" '
            f'src="data:image/png;base64,{data}">')


def e(text: object) -> str:
    return html.escape(str(text))


def feasible_section(scenario: Scenario, table: FeasibilityTable) -> str:
    possible = table.possible
    items = "; ".join(e(scenario.space.label(r.format)) for r in possible[:8])
    more = f"; and {len(possible) - 8} more" if len(possible) > 8 else ""
    return (f"<p>On {table.date:%d %B %Y}, <b>{len(possible)} of {len(table.rows):,}</b> "
            f"formats (venue, mediation, agenda, who speaks) could produce a meeting: every "
            f"party it needs accepts it, each at the central value of its reservation level."
            + (f" They are: {items}{more}." if possible else "") + "</p>"
            + f"<figure>{png(plots.heatmap_figure(table, scenario), 'feasibility heatmap')}"
            "<figcaption>Each cell is one venue and mediation, for the agenda and delegation "
            "named in the title; it names every actor who would refuse it.</figcaption>"
            "</figure>")


def outcomes_section(scenario: Scenario, result: Experiment) -> str:
    s = result.summary
    if not s.proposals:
        return ("<p><b>Nobody proposed a meeting</b> in any replication: no proposer found "
                "a format it could put forward without breaking a rule it knows of, so "
                "there is no date, format or refusal to show. The heatmap above shows who "
                "blocks each format; section 3 shows what would change that.</p>")
    ecdf = plots.ecdf_figure([(scenario.spec.title, s, scenario.spec.horizon_days)],
                             scenario.start, "Probability of a first meeting by each date")
    ecdf.set_size_inches(PAGE_WIDTH, 2.2)  # the calendar needs the width, not the height
    out = [f"<figure>{png(ecdf, 'cumulative probability')}</figure>"]
    shares = [(f, v) for f, v in format_shares(s, 3) if f is not None]
    words = [f"Over {s.n:,} replications the sides made {s.proposals / s.n:.1f} proposals "
             f"each on average and held {s.meetings_held / s.n:.1f} meetings."]
    if shares:
        words.append("First meetings took these formats most often: " + "; ".join(
            f"{scenario.space.label(f)} ({v:.1%} of all replications)" for f, v in shares)
            + ".")
    if s.cancellations:
        words.append(f"{s.cancellations / s.n:.2f} agreed meetings per replication were "
                     f"cancelled before their day, because a party's position changed in "
                     f"between.")
    out.append(f"<p>{e(' '.join(words))}</p>")
    if s.refusals:
        (actor, reason), count = max(s.refusals.items(), key=lambda kv: (kv[1], kv[0]))
        out.append(f"<figure>{png(plots.refusals_figure(s, scenario), 'refusals')}"
                   f"<figcaption>The most frequent refusal came from "
                   f"{e(scenario.actors[actor].name)}, {count / s.n:.2f} times per "
                   f"replication: <q>{e(rule_sentence(scenario, actor, reason).rstrip('.'))}</q>. "
                   f"Refusals for value can change as positions concede; refusals for a rule "
                   f"cannot, unless the world changes or the rule is dropped.</figcaption>"
                   "</figure>")
    return "\n".join(out)


def changes_section(scenario: Scenario, base: Experiment, changes: Sequence[Change]) -> str:
    groups = reading.change_groups(base, list(changes))
    n = base.replications
    intro = (f"<p>Each row changes one thing alone (drops one rule, or sets one part of the "
             f"world to another value) and reruns the model on the same {n:,} replications "
             f"with the same random numbers, so the difference is the change's own effect. "
             f"Only changes whose 95% interval excludes zero are listed; "
             f"{len(changes)} were tried. Baseline P(meeting): "
             f"<b>{base.summary.p_meeting:.1%}</b>.</p>")
    if not groups:
        return intro + ("<p>No single change moved P(meeting), the day or the format by "
                        "more than the noise of this many replications.</p>")
    out = [intro]
    for title, rows in groups:
        out.append(f"<h3>{e(title)}</h3>")
        if title.startswith("What would move"):
            out.append("<ul>" + "".join(f"<li>{moved(scenario, c)}</li>" for c in rows)
                       + "</ul>")
            continue
        out.append("<table><tr><th>Change</th><th>Formats open on day one</th>"
                   "<th>P(meeting)</th><th>Difference (95% interval)</th></tr>")
        for c in rows:
            p = c.difference.p_meeting
            days = c.difference.median_days
            diff = f"{p.estimate:+.1%} ({p.low:+.1%} to {p.high:+.1%})"
            if days is not None and not days.covers_zero:
                diff += f"<br>median {days.estimate:+g} days ({days.low:+g} to {days.high:+g})"
            out.append(f"<tr><td>{e(what(scenario, c))}</td><td class='num'>"
                       f"{c.formats_opened:+d}</td><td class='num'>{c.p_meeting:.1%}</td>"
                       f"<td class='num'>{diff}</td></tr>")
        out.append("</table>")
    return "\n".join(out)


def moved(scenario: Scenario, c: Change) -> str:
    """One change that moves the first meeting elsewhere, in a sentence."""
    text = (f"{what(scenario, c)[0].upper()}{what(scenario, c)[1:]}: {c.formats_opened:+d} "
            f"formats open on day one; in {c.moved:.0%} of replications the first meeting "
            f"is in a format the baseline never met in")
    if c.top_format:
        text += f", most often {c.top_format[0]} ({c.top_format[1]:.0%})"
    return e(text + ".")


def what(scenario: Scenario, c: Change) -> str:
    if c.kind == "drop_rule":
        return f"{scenario.actors[c.actor].name} drops \u201c{c.says.rstrip('.')}\u201d"
    return f"the world: {c.says}"


def build(scenario: Scenario, table: FeasibilityTable, result: Experiment,
          changes: Sequence[Change]) -> str:
    """The whole HTML document."""
    question = (f"<p><i>{e(' '.join(scenario.spec.question.split()))}</i></p>"
                if scenario.spec.question else "")
    end = scenario.start + dt.timedelta(days=scenario.spec.horizon_days)
    asks = "".join(f"<li>{e(q)}</li>" for q in reading.questions(scenario, table, result,
                                                                  list(changes)))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(scenario.spec.title)}: negsim report</title><style>{CSS}</style></head><body>
<h1>{e(scenario.spec.title)}</h1>{question}
<div class="answer">{e(reading.answer(scenario, table, result))}</div>
<p class="muted">{scenario.start:%d %B %Y} to {end:%d %B %Y} ({scenario.spec.horizon_days}
days) · {result.replications:,} replications · seed {result.seed} · scenario
<code>{e(scenario.path.name)}</code> (SHA-256 {e(scenario.digest[:12])}) · a teaching model,
not a forecast</p>
<h2>1. Which formats could produce a meeting on the first day</h2>
{feasible_section(scenario, table)}
<h2>2. How likely, how soon, in which format, and who refused</h2>
{outcomes_section(scenario, result)}
<h2>3. What would have to change</h2>{changes_section(scenario, result, changes)}
<h2>4. Questions for discussion</h2><ol>{asks}</ol>
<h2>5. The actors' rules, with their sources</h2>{actors_section(scenario)}
<h2>6. The world at the start, and what may change it</h2>{state_section(scenario)}
<h2>Sources</h2>{sources_section(scenario)}
</body></html>
"""
