"""Read a YAML file safely and remember where every key and value stands.

Why: an error message must give the line and column of the mistake, and pydantic only knows
the key path. We compose the node tree with PyYAML's SafeLoader (the loader `yaml.safe_load`
uses: no arbitrary objects) and record the position of every path, so any later check can
turn a key path into "file, line, column".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError


@dataclass
class YamlDoc:
    """The data of one file and the (line, column) of every key path in it, 1-based."""

    path: Path
    data: Any
    positions: dict[tuple, tuple[int, int]]
    bases: list[Path] = field(default_factory=list)  # scenario files it `extends:`

    def where(self, loc: tuple) -> tuple[int | None, int | None]:
        """Position of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (None, None))

    def error(self, message: str, loc: tuple = ()) -> InputError:
        line, column = self.where(loc)
        return InputError.one(message, self.path, line, column, tuple(loc))


def _walk(node: yaml.Node, loc: tuple, out: dict) -> None:
    out[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            _walk(value_node, loc + (key,), out)
            out[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, loc + (i,), out)


def parse_yaml(text: str, path: Path) -> YamlDoc:
    """Parse `text` (the contents of `path`); a syntax error becomes an InputError."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise InputError.one(f"this is not valid YAML ({what}). Check the indentation and "
                             "the colons on and just before this line.", path, line, column)
    except yaml.YAMLError as exc:
        raise InputError.one(f"this is not valid YAML ({exc}).", path)
    finally:
        loader.dispose()
    positions: dict[tuple, tuple[int, int]] = {}
    if node is not None:
        _walk(node, (), positions)
    return YamlDoc(path, data, positions)


def read_yaml(path: str | Path) -> YamlDoc:
    """Read and parse one file; a missing or unreadable file is the user's mistake too."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.one("no such file. Give the path of a YAML file, e.g. "
                             "scenarios/march-2023.yaml.", path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.one(f"cannot read this file ({exc}).", path)
    return parse_yaml(text, path)
