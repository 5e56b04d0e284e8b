"""Just enough Markdown for the teaching package: headings, paragraphs, lists and tables,
with `code`, *emphasis*, **strong** and links (their text only: a link does not work on
paper).

Why not a Markdown library: the lesson plans and the guide are written in the small part
of Markdown the documentation site uses, and negsim's core needs no extra dependency to
print them. The same files are the site's pages (pymdownx.snippets), so the two never
drift apart.
"""
from __future__ import annotations

import html
import re

SMALL = 8  # rows of a table kept on one page in print
SNIPPET = re.compile(r"<!--\s*--8<--\s*\[(start|end):([\w-]+)\]\s*-->")


def inline(text: str) -> str:
    """One line's inline Markdown as HTML (escaped first)."""
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)
    return re.sub(r"(?<![*\w])\*([^*]+)\*(?![*\w])", r"<i>\1</i>", out)


def section(text: str, name: str) -> str:
    """The part of a file between `<!-- --8<-- [start:name] -->` and its end marker, the
    markers the documentation site includes by (empty when absent)."""
    found = re.search(rf"<!--\s*--8<--\s*\[start:{re.escape(name)}\]\s*-->(.*?)"
                      rf"<!--\s*--8<--\s*\[end:{re.escape(name)}\]\s*-->", text, re.S)
    return found.group(1) if found else ""


def sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) for each `## ` section; the text before the first one has the
    heading ''."""
    parts: list[tuple[str, str]] = [("", "")]
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            parts.append((line[3:].strip(), ""))
        else:
            parts[-1] = (parts[-1][0], parts[-1][1] + line)
    return parts


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def to_html(text: str, shift: int = 0) -> str:
    """Markdown blocks as HTML; headings moved `shift` levels down (a page has one h1)."""
    text = SNIPPET.sub("", re.sub(r"<!--(?!\s*--8<--).*?-->", "", text, flags=re.S))
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        heading = re.match(r"(#{1,6})\s+(.*)", line)
        if heading:
            level = min(6, len(heading.group(1)) + shift)
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
            i += 1
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            body = [r for r in rows[1:] if not all(re.fullmatch(r":?-+:?", c) for c in r)]
            keep = " class=\"keep\"" if len(body) <= SMALL else ""
            head = "".join(f"<th>{inline(c)}</th>" for c in rows[0])
            out.append(f"<table{keep}><thead><tr>{head}"
                       + "</tr></thead><tbody>" + "".join(
                           "<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>"
                           for r in body) + "</tbody></table>")
        elif re.match(r"\s*(\d+\.|[-*])\s", line):
            ordered = bool(re.match(r"\s*\d+\.", line))
            items: list[str] = []
            while i < len(lines) and lines[i].strip():
                item = re.match(r"\s*(\d+\.|[-*])\s+(.*)", lines[i])
                if item and not lines[i].startswith("    "):
                    items.append(item.group(2))
                else:
                    items[-1] += " " + lines[i].strip()
                i += 1
            tag = "ol" if ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{inline(x)}</li>" for x in items)
                       + f"</{tag}>")
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not re.match(
                    r"(#{1,6}\s|\s*\||\s*(\d+\.|[-*])\s)", lines[i]):
                para.append(lines[i].strip())
                i += 1
            out.append(f"<p>{inline(' '.join(para))}</p>")
    return "\n".join(out)
