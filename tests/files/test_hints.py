"""Hints that point at the mistake, not where the reader noticed it."""
from __future__ import annotations

import pytest

from sim.files.hints import open_quote

from ..conftest import MARCH
from ..refusing import refused


@pytest.mark.parametrize("text, found", [
    ('title: "Baku talks\nstart: 2023-02-24\n', (1, '"')),
    ("params:\n  - '../params/baku.yaml\n", (2, "'")),
    ('says: "a \\" quoted" word\n', None),
    ("says: 'Baku''s terms'\n", None),
    ('source: "one line"  # "a comment\n', None),
    ("note: plain words, no quote\n", None),
])
def test_open_quote_finds_the_line_that_opens_a_quote_it_never_closes(text, found):
    assert open_quote(text, 99) == found


def test_a_quote_left_open_is_named_where_it_was_opened(tmp_path, capsys):
    lines = MARCH.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = 'title: "Baku-Stepanakert talks, March 2023'
    broken = tmp_path / "march-2023.yaml"
    broken.write_text("\n".join(lines) + "\n")
    err = refused(["check", str(broken)], capsys, "this is not valid YAML",
                  f"Line {number + 1} opens a quote (\") that does not close on that line")
    assert f"line {number + 1}," not in err  # the reader noticed it further down
