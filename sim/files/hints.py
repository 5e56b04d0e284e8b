"""What an error message adds to help find the mistake: the names nearest a missing
file's, and the line where a quote was left open.

Why: the reader reports where it noticed a problem, which is often not where it is made. A
misspelled file name is one letter from a real one; a quote left open swallows the lines
after it, and the YAML reader complains many lines later.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

# A line whose value starts with a quote: `key: "...`, `- "...` or `"...`.
QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'][^:#]*:\s+)?(["'])""")


def missing_words(path: Path) -> str:
    """A missing file's message: the nearest names beside it (a typo is the usual cause)."""
    text = "no such file."
    folder = path.parent
    if folder.is_dir():
        names = sorted(p.name for p in folder.iterdir() if p.suffix == path.suffix
                       and p.is_file())
        near = difflib.get_close_matches(path.name, names, n=2, cutoff=0.8)
        if near:
            text += f" Nearest: {', '.join(str(folder / n) for n in near)}."
        if names:
            shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more"
                                              if len(names) > 12 else "")
            return text + f" Files there: {shown}."
    return text + " Give the path of a YAML file, e.g. scenarios/march-2023.yaml."


def open_quote(text: str, last_line: int) -> tuple[int, str] | None:
    """(line, quote) of the first line up to `last_line` whose quoted value does not close
    on that line (multi-line quoted values are legal YAML, but rare in these files)."""
    for number, line in enumerate(text.splitlines()[:last_line], 1):
        start = QUOTED_VALUE.match(line)
        if start is None:
            continue
        quote, rest = start.group(1), line[start.end():]
        closed = (re.search(r'(?<!\\)"', rest) if quote == '"'
                  else "'" in rest.replace("''", ""))
        if not closed:
            return number, quote
    return None
