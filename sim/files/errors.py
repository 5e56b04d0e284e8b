"""User-facing errors: one paragraph that names the file, the line, what was expected and
the known names.

Why a class of its own: every mistake a teacher can make in a YAML file or on the command
line must end as a clear message and exit code 2, never as a traceback. Code that detects a
mistake raises `InputError`; only the CLI turns it into text and an exit code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence


def known(names: Iterable[object], limit: int = 40) -> str:
    """The known names, sorted and comma separated, cut at `limit` so a message stays short."""
    items = sorted({str(n) for n in names})
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items) - limit} more)" if len(items) > limit else "")


def dotted(loc: Sequence[object]) -> str:
    """A key path as a reader writes it: red_lines[2].forbid.venue."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class Problem:
    """One mistake in one place."""

    file: str | None
    message: str
    line: int | None = None
    column: int | None = None
    loc: tuple = ()

    def __str__(self) -> str:
        where = self.file or "command line"
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        path = f" at {dotted(self.loc)}" if self.loc else ""
        return f"{where}{path}: {self.message}"


@dataclass
class InputError(Exception):
    """A user's mistake in a file or an argument. Carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def one(cls, message: str, file: str | Path | None = None, line: int | None = None,
            column: int | None = None, loc: tuple = ()) -> "InputError":
        return cls([Problem(str(file) if file else None, message, line, column, loc)])

    def __str__(self) -> str:
        return "\n\n".join(str(p) for p in self.problems)


class InputWarning(UserWarning):
    """Something in the input that is probably a mistake but does not stop the work (an
    event dated after the horizon). The CLI prints it; `check --strict` makes it an error;
    a notebook shows it as a Python warning."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def install_hint(extra: str) -> str:
    """How to add an optional extra, the way this copy of negsim was installed: from a
    clone (the README's `pip install -e .`) or from a wheel."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file():
        return f"pip install -e '.[{extra}]' in {root} (as the README installs)"
    return f"pip install 'negsim[{extra}]'"
