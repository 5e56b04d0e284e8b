"""What an error message adds to help find the mistake: the names nearest a wrong one (a
`--set` path, a missing file), and the line where a quote was left open.

Why: the reader reports where it noticed a problem, which is often not where it is made. A
misspelled file name is one letter from a real one; a quote left open swallows the lines
after it, and the YAML reader complains many lines later.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

# A line whose value starts with a quote: `key: "...`, `- "...` or `"...`.
QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'][^:#]*:\s+)?(["'])""")


def missing_words(path: Path) -> str:
    """A missing file's message, with the names nearest it (a typo is the usual cause)."""
    return "no such file." + (neighbours(path) or " Give the path of a YAML file, e.g. "
                                                  "scenarios/march-2023.yaml.")


def neighbours(path: Path) -> str:
    """' Nearest: ... Files there: ...' for a missing file: the files beside it of its kind
    (YAML, .yaml or .yml), the nearest named first; '' when there are none to show."""
    folder, yaml_like = path.parent, {".yaml", ".yml"}
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file() and (
            p.suffix == path.suffix or {p.suffix, path.suffix} <= yaml_like))
    except OSError:  # no such folder, or not ours to list
        return ""
    if not names:
        return ""
    near = nearest(path.name, names, n=2, cutoff=0.8)
    text = f" Nearest: {', '.join(str(folder / n) for n in near)}." if near else ""
    shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
    return text + f" Files there: {shown}."


def nearest(wrong: str, candidates: list[str], n: int = 5, cutoff: float = 0.6) -> list[str]:
    """The paths closest to `wrong`: first those holding all its parts in order (a part
    left out, e.g. `red_lines`), then by spelling (difflib's ratio, at least `cutoff`)."""
    parts = wrong.split(".")
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(wrong)  # difflib caches what it learns about the second sequence
    scored = []
    for candidate in set(candidates):
        rest = iter(candidate.split("."))
        holds = all(p in rest for p in parts)
        matcher.set_seq1(candidate)
        ratio = 0.0
        if holds or (matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff):
            ratio = matcher.ratio()
        if holds or ratio >= cutoff:
            scored.append((holds, ratio, candidate))
    return [c for _, _, c in sorted(scored, reverse=True)[:n]]


def open_quote(text: str, problem_line: int) -> tuple[int, str] | None:
    """(line, quote) of a line before `problem_line` that opens a quote it never closes,
    when closing it there lets the reader get past `problem_line`: a hint is given only
    where it would fix the error (multi-line quoted text is legal YAML)."""
    lines = text.splitlines()
    for number, line in enumerate(lines[:problem_line], 1):
        start = QUOTED_VALUE.match(line)
        if start is None:
            continue
        quote, rest = start.group(1), line[start.end():]
        if (re.search(r'(?<!\\)"', rest) if quote == '"'
                else "'" in rest.replace("''", "")):
            continue
        mended = lines[:number - 1] + [line + quote] + lines[number:]
        if _first_error_line("\n".join(mended)) > problem_line:
            return number, quote
    return None


def _first_error_line(text: str) -> float:
    """The line of the first YAML syntax error (events only: nothing is built, so no alias
    is expanded), or infinity when there is none."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark else float("inf")
    except yaml.YAMLError:
        return float("inf")
    return float("inf")
