"""The pieces every page of the teaching package shares: the print style (A4), the page
shell, and how a rule, a quote and its speaker are written.

Why one place: the package is several files printed apart (one per seat, one for the
teacher), so each carries its own style and must look like the others; and a quote is
always shown the same way, verbatim, with who said it and where (`cited_as`), so that a
reader never takes an analyst's reading for a side's words.
"""
from __future__ import annotations

import html
from typing import Iterable

from ...model.decision import rule_kind
from ...model.labels import condition_words
from ...model.scenario import Scenario
from ...model.sources import cited_as, second_hand_note
from ..roles import ROLE_WORDS, student_text

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:50rem;
margin:2rem auto;padding:0 1rem;line-height:1.42;color:#1a1a1a}
h1{font-size:1.55rem;margin:0 0 .2rem}h2{font-size:1.15rem;border-bottom:1px solid #bbb;
padding-bottom:.1rem;margin:1.3rem 0 .45rem}h3{font-size:1rem;margin:.8rem 0 .25rem}
p{margin:.3rem 0 .5rem}ul,ol{margin:.2rem 0 .6rem;padding-left:1.3rem}li{margin:.1rem 0}
table{border-collapse:collapse;margin:.3rem 0 .7rem;width:100%}
td,th{border:1px solid #bbb;padding:.2rem .4rem;vertical-align:top;text-align:left;
overflow-wrap:break-word}td code{overflow-wrap:anywhere}
.timeline td:first-child{white-space:nowrap}table.keep{break-inside:avoid}
th{background:#eee}thead{display:table-header-group}
.banner{border:2px solid #333;padding:.3rem .6rem;margin:.4rem 0 .8rem;font-weight:600}
.muted{color:#444;font-size:.9rem}code{font-size:.88em}
.rule{margin:0 0 .55rem;break-inside:avoid}.rule>b{display:block}
.question{margin:0 0 .7rem}.question>b{display:block;break-after:avoid}
.quote{margin:.1rem 0 .1rem .8rem;font-style:italic}.who{font-style:normal;color:#444}
.tags{font-size:.8rem;color:#333;text-transform:none}
.note{color:#333;font-size:.9rem;margin:.1rem 0 .1rem .8rem}
.lines{border-bottom:1px solid #999;height:1.6rem}
.seat{break-before:page}.seat:first-of-type{break-before:auto}
.keep{break-inside:avoid}
@page{size:A4;margin:14mm 14mm 16mm}
@media print{html{font-size:9.5pt}body{margin:0;max-width:none;padding:0}
h1,h2,h3{break-after:avoid}tr,.rule,li{break-inside:avoid}
a{color:inherit;text-decoration:none}}
"""


def e(text: object) -> str:
    """Escaped, with runs of white space (a YAML folded block) made one space."""
    return html.escape(" ".join(str(text).split()))


def document(title: str, subtitle: str, body: str) -> str:
    """One self-contained HTML page, A4 in print."""
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{e(title)}</h1><p class=\"muted\">{e(subtitle)}</p>\n{body}\n"
            f"</body></html>\n")


def quotes(scenario: Scenario, item) -> str:
    """Every quote an item cites, verbatim, with its speaker and source; then the model's
    reading when the params give one."""
    def who(c) -> str:
        return e(cited_as(scenario.speakers, scenario.articles, c, True))
    out = [f"<div class=\"quote\">\u201c<span class=\"said\">{e(c.quote)}</span>\u201d "
           f"<span class=\"who\">\u2014 {who(c)}</span></div>" for c in item.citations]
    note = student_text(getattr(item, "assumption", None))
    if note:
        out.append(f"<div class=\"note\">The model's reading: {e(note)}</div>")
    return "".join(out)


KIND_TAGS = {"red_line": "red line", "precondition": "precondition",
             "assumption": "the model's assumption"}


def rule_block(scenario: Scenario, rule, private_words: str = "") -> str:
    """A rule as a reader sees it: its sentence, what kind it is, when it binds, whether
    it is announced, and its quotes."""
    tags = [KIND_TAGS[rule_kind(rule)]]
    if not rule.public and private_words:
        tags.append(private_words)
    when = getattr(rule, "active_when", None)
    if when is not None:
        tags.append(f"while {condition_words(scenario.variables, when)}")
    if not rule.enabled:
        tags.append("switched off in this version of the case")
    second = second_hand_note(scenario.speakers, rule)
    if second:
        tags.append(second)
    return (f"<div class=\"rule\"><b>{e(rule.says)}</b>"
            f"<div class=\"tags\">[{e('; '.join(tags))}]</div>"
            + quotes(scenario, rule) + "</div>")


def role_words(roles: Iterable[str]) -> str:
    """The roles in a student's words (the role sheet's, so both say the same)."""
    return "; ".join(ROLE_WORDS.get(r, r) for r in roles)


def table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    """A table of already escaped cells; its header repeats on every printed page."""
    return (f"<table class=\"{cls}\"><thead><tr>" + "".join(f"<th>{h}</th>" for h in head)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
                      for row in rows) + "</tbody></table>")


def value_words(scenario: Scenario, dimension: str, value: str) -> str:
    return scenario.space.value_label(dimension, value)
