"""The debrief laid out: as text for the terminal, as an HTML file a teacher collects.

Both read the dictionary `debrief.debrief` makes, so they say the same things; so does the
classroom's web page. Everything that came from a person (their words, their name) is
escaped in the HTML.
"""
from __future__ import annotations

import html
import textwrap
from typing import Any

from ..model.decision import rule_sentence
from ..model.scenario import Scenario

NO_HISTORY = "no comparable event in the historical record"


def situation(sc: Scenario, d: dict[str, Any]) -> str:
    if d["kind"] == "answer":
        return f"proposal from {sc.actors[d['proposer']].name}: {sc.space.label(d['format'])}"
    return "your turn to propose"


# The model answers for a person's seat at a deadline, or when no member of the seat's team
# has had its page open for the grace period; a decision notes only that the model took
# it, so the words name both causes rather than claim one.
MODEL_DECIDED = ("the model decided for you: the deadline passed, or no page of the seat was "
                 "open")


def yours(sc: Scenario, d: dict[str, Any]) -> str:
    if d["kind"] == "answer":  # a rule by its sentence, a player's own words as written
        said = [rule_sentence(sc.actors, d["actor"], r).rstrip(".")
                if sc.actors[d["actor"]].rule(r) else r for r in d["reasons"]]
        text = d["decision"] + (f" ({'; '.join(said)})" if said else "")
        if d.get("counter"):
            text += f"; proposed instead: {sc.space.label(d['counter'])}"
    else:
        text = f"proposed {sc.space.label(d['format'])}" if d["format"] else "passed"
    if d["by_model"]:
        text += f" [{MODEL_DECIDED}]"
    return text


def modelled(sc: Scenario, d: dict[str, Any]) -> str:
    if d["kind"] == "answer":
        why = "; ".join(r["says"] for r in d["modelled_reasons"])
        m = d["modelled"]
        return (d["modelled_decision"] + (f" ({why})" if why else "")
                + f" [worth {m['utility']:.2f} to it; reservation {m['reservation']:.2f}]")
    theirs = d["modelled"]["format"]
    return f"would propose {sc.space.label(theirs)}" if theirs else "would pass"


def came_of_it(d: dict[str, Any]) -> str:
    parts = []
    if d.get("outcome"):
        parts.append(d["outcome"])
    if d.get("counter_outcome"):
        parts.append(f"your counter-proposal: {d['counter_outcome']}")
    if d.get("feasibility"):
        parts.append(f"the format you refused: {d['feasibility']}")
    return "; ".join(parts)


def history_words(d: dict[str, Any]) -> str:
    h = d.get("history")
    if d["kind"] == "proposal" and not d["format"]:
        return ""
    if not h:
        return NO_HISTORY
    return (f"{h['date']}, {h['proposer']}, {h['where']} (same {', '.join(h['same'])}): "
            f"{h['note']} \u2192 {h['happened']}")


def crossed_words(c: dict[str, str]) -> str:
    quote = f' "{c["quote"]}" ({c["article"]})' if c["quote"] else ""
    return f"you crossed your own {c['kind'].replace('_', ' ')}: {c['says']}{quote}"


def _n(count: int, one: str, many: str) -> str:
    """'1 differs', '2 differ': a count with its verb agreeing."""
    return f"{count} {one if count == 1 else many}"


def summary_line(data: dict[str, Any]) -> str:
    n = len(data["decisions"])
    line = (f"Meetings held: {data['meetings_held']}. Your decisions: {n}; "
            f"{_n(data['departures'], 'differs', 'differ')} from what the model would have "
            f"decided as {data['actor_name']}; {_n(data['crossed'], 'crosses', 'cross')} a "
            f"red line of your own.")
    if data["by_model"]:
        line += (f" {_n(data['by_model'], 'was', 'were')} taken by the model: the "
                 f"deadline passed, or no page of the seat was open.")
    return line


def debrief_text(sc: Scenario, data: dict[str, Any]) -> str:
    who = f" (as {data['name']})" if data.get("name") else ""
    lines = ["", "=" * 30 + " DEBRIEF " + "=" * 30,
             f"You played {data['actor_name']}{who}. {summary_line(data)}"]
    if data.get("why"):  # the game in one paragraph, before the decisions one by one
        lines += ["", textwrap.fill(data["why"]["text"], 88)]
    r = data["reflection"]
    if r.get("answer"):
        lines += [f"\n{r['question']}", f"  you wrote: {r['answer']}"]
    for i, d in enumerate(data["decisions"], 1):
        lines += [f"\n{i}. {d['date']}: {situation(sc, d)}", f"   you:   {yours(sc, d)}",
                  f"   model: {modelled(sc, d)}"]
        lines += [f"   ! {crossed_words(c)}" for c in d["crossed"]]
        if came_of_it(d):
            lines.append(f"   what came of it: {came_of_it(d)}")
        if history_words(d):
            lines.append(f"   history: {history_words(d)}")
    if data["proposals"]:
        lines.append("\nWhat became of every proposal you knew of:")
        lines += [f"  {p}" for p in data["proposals"]]
    return "\n".join(lines)


# The same six columns as the web page's table; the history column holds the longest text.
COLUMNS = (("Date", 11), ("Situation", 22), ("You", 14), ("The model", 16),
           ("What came of it", 15), ("Nearest historical outcome", 22))
# On A4 (186 mm between the margins): 9-point text, the header row again on every page, no
# row split across two pages, headings kept with what follows, the figure within the width.
PRINT_CSS = """body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;
padding:0 1rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;overflow-wrap:anywhere;
font-size:.85rem}th{background:#f4f4f4;text-align:left}img{max-width:100%}
.crossed{color:#9a3412;font-weight:600}
.why{border-left:3px solid #64748b;padding-left:.5rem}
@page{size:A4;margin:12mm}
@media print{html{font-size:9pt}body{margin:0;max-width:none;padding:0;line-height:1.3}
h1{font-size:1.6rem;margin:0 0 .4rem}h2{font-size:1.2rem;margin:1rem 0 .4rem}
h1,h2{break-after:avoid}thead{display:table-header-group}tr,li,img{break-inside:avoid}
td,th{font-size:.95rem;padding:.2rem .25rem}th{background:#eee}ul{padding-left:1.2rem}
img{display:block;max-height:160mm;margin:0 auto}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"""


def why_html(why: dict[str, Any] | None) -> str:
    """The paragraph, each rule's sentence with its id on hover (the title attribute)."""
    if not why:
        return ""
    e = html.escape
    return '<p class="why">' + "".join(
        f'<span title="Rule: {e(p["rule"])}">{e(p["text"])}</span>' if p["rule"]
        else e(p["text"]) for p in why["parts"]) + "</p>"


def debrief_html(sc: Scenario, data: dict[str, Any], figure_png: str | None = None) -> str:
    e = html.escape
    rows = []
    for d in data["decisions"]:
        flags = "".join(f'<div class="crossed">{e(crossed_words(c))}</div>'
                        for c in d["crossed"])
        rows.append(f"<tr><td>{e(d['date'])}</td><td>{e(situation(sc, d))}</td>"
                    f"<td>{e(yours(sc, d))}{flags}</td><td>{e(modelled(sc, d))}</td>"
                    f"<td>{e(came_of_it(d))}</td><td>{e(history_words(d))}</td></tr>")
    r = data["reflection"]
    reflection = (f"<p><b>{e(r['question'])}</b><br>{e(r['answer'])}</p>"
                  if r.get("answer") else "")
    image = (f'<img alt="the game\'s timeline" src="data:image/png;base64,{figure_png}">'
             if figure_png else "")
    who = f" (as {e(data['name'])})" if data.get("name") else ""
    cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for _, w in COLUMNS) + \
        "</colgroup>"
    heads = "".join(f"<th>{e(h)}</th>" for h, _ in COLUMNS)
    items = lambda xs: "".join(f"<li>{e(x)}</li>" for x in xs)  # noqa: E731
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Debrief: {e(data['actor_name'])}</title><style>{PRINT_CSS}</style></head><body>
<h1>Debrief: you played {e(data['actor_name'])}{who}</h1>
<p>{e(data['title'])} · seed {data['seed']}. {e(summary_line(data))}</p>
{why_html(data.get('why'))}
{reflection}{image}
<h2>Your decisions beside the modelled actor's</h2>
<table>{cols}<thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>
<h2>What became of every proposal you knew of</h2><ul>{items(data['proposals'])}</ul>
<h2>The game as you knew it</h2><ul>{items(data['timeline'])}</ul></body></html>
"""
