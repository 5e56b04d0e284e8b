"""Hints that point at the mistake, not where the reader noticed it."""
from __future__ import annotations

from pathlib import Path

import pytest

from sim.files.hints import missing_words, neighbours, open_quote

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


def test_a_quote_that_closes_on_a_later_line_of_valid_text_is_not_blamed():
    """Found by review: quoted words wrapped in a folded block are valid YAML; the error
    further down is an indentation one, and closing that quote would not mend it."""
    text = 'a: >-\n  "hello\n  world" today\nb:\n  c: 1\n d: 2\n'
    assert open_quote(text, 6) is None


def test_a_quote_left_open_is_named_where_it_was_opened(tmp_path, capsys):
    lines = MARCH.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = 'title: "Baku-Stepanakert talks, March 2023'
    broken = tmp_path / "march-2023.yaml"
    broken.write_text("\n".join(lines) + "\n")
    err = refused(["check", str(broken)], capsys, "this is not valid YAML",
                  f"Line {number + 1} opens a quote (\") that does not close on that line")
    assert f"line {number + 1}," not in err  # the reader noticed it further down


def test_a_folder_that_cannot_be_listed_gives_no_neighbours(tmp_path, monkeypatch):
    """Found by review: listing an unreadable folder raised PermissionError, which then
    read as a problem with writing."""
    (tmp_path / "march-2023.yaml").write_text("")
    assert neighbours(tmp_path / "march-2032.yaml") == (
        f" Nearest: {tmp_path / 'march-2023.yaml'}. Files there: march-2023.yaml.")
    assert neighbours(tmp_path / "march-2023.yml").startswith(" Nearest:")  # .yml or .yaml

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "iterdir", refuse)
    assert neighbours(tmp_path / "march-2032.yaml") == ""
    assert missing_words(tmp_path / "march-2032.yaml") == (
        "no such file. Give the path of a YAML file, e.g. scenarios/march-2023.yaml.")
