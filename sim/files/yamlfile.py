"""Read a YAML file safely, within bounds, and remember where every key and value stands.

Why: an error message must give the line and column of the mistake, and pydantic only knows
the key path. We compose the node tree ourselves with PyYAML's safe constructor (the one
`yaml.safe_load` uses: no arbitrary objects) and record the position of every path, so any
later check can turn a key path into "file, line, column".

Why bounded: scenarios arrive from a class network and from hand edits. A file is read only
up to a size limit; while composing we count aliases, the items they expand to, and the
depth of nesting, so an alias bomb, a huge file or 5,000 nested brackets end in a clear
message at once instead of a hang, a memory blow-up or a RecursionError. A key written twice
in one mapping (YAML keeps the last, silently) and an impossible date are mistakes too.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode
from yaml.resolver import Resolver

from ..model import limits
from .errors import InputError
from .hints import missing_words, open_quote

SIZE_VARIABLE = "NEGSIM_MAX_FILE_MB"  # raises the size limit, in MB (default 1)
DEFAULT_MB = 1.0
MAX_DEPTH = 50          # nesting of mappings and lists; the shipped files need under 10
MAX_ALIASES = 100       # *name references in one file
MAX_ITEMS = 100_000     # items in one document, counting what aliases repeat
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
DEEP = (f"nested more than {MAX_DEPTH} levels deep. A scenario or params file needs fewer "
        f"than 10; check the brackets and indentation.")

try:  # libyaml's parser: about ten times faster than the pure-Python one
    from yaml._yaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


def too_long(length: int) -> str:
    return (f"this value is {length:,} characters long; negsim takes at most "
            f"{limits.MAX_TEXT:,} in one value (the longest in the shipped files is under "
            f"500): shorten it, or split a long note into several.")


class Refused(Exception):
    """A document the loader will not take, with where it stood (0-based mark)."""

    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.message, self.mark = message, mark


class BoundedLoader(Composer, _Parser, SafeConstructor, Resolver):
    """PyYAML's safe loader, composing in Python so that it can count as it goes."""

    def __init__(self, text: str):
        _Parser.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.depth = self.aliases = 0
        self.items: dict[int, int] = {}  # id(node) -> items under it, aliases expanded

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise Refused(f"more than {MAX_ALIASES} aliases (*name). A scenario or params "
                              f"file needs few or none; write the values out.",
                              event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise Refused(DEEP, event.start_mark)
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        count = self.items.get(id(node))
        if count is None:
            if isinstance(event, AliasEvent):
                raise Refused(f"the alias *{event.anchor} stands inside the item it names, "
                              f"so it would repeat forever.", event.start_mark)
            if isinstance(node, ScalarNode):
                count = 1
                if len(node.value) > limits.MAX_TEXT:
                    raise Refused(too_long(len(node.value)), node.start_mark)
            elif isinstance(node, MappingNode):
                count = 1 + sum(self.items[id(k)] + self.items[id(v)] for k, v in node.value)
            else:
                count = 1 + sum(self.items[id(item)] for item in node.value)
            self.items[id(node)] = count
        if count > MAX_ITEMS:
            raise Refused(f"the aliases (*name) here expand to more than {MAX_ITEMS:,} items: "
                          f"this looks like an 'alias bomb', not a scenario.", event.start_mark)
        return node

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as exc:
            text = str(node.value)[:60]
            if node.tag == TIMESTAMP:
                raise Refused(f"'{text}' is not a real date ({exc}). Write dates as "
                              f"YYYY-MM-DD, e.g. 2023-02-24.", node.start_mark) from None
            raise Refused(f"cannot read '{text}' as {node.tag.rsplit(':', 1)[-1]} ({exc}).",
                          node.start_mark) from None

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if key_node.tag == MERGE:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark)
                except TypeError:
                    continue  # an unhashable key: the base class explains
                if first is not key_node.start_mark:
                    raise Refused(f"the key '{key}' is written twice in this mapping, on "
                                  f"line {first.line + 1} and on line "
                                  f"{key_node.start_mark.line + 1}; YAML would keep only the "
                                  f"last one. Delete or rename one of them.",
                                  key_node.start_mark)
        return super().construct_mapping(node, deep)


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


def _load(text: str) -> tuple[Any, Any]:
    """(node, data) of one document; raises Refused or yaml.YAMLError."""
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path) -> YamlDoc:
    """Parse `text` (the contents of `path`); every problem becomes an InputError."""
    try:
        node, data = _load(text)
    except Refused as exc:
        line, column = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (None, None)
        raise InputError.one(exc.message, path, line, column)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if "nesting depth" in what:  # libyaml's own limit, met while scanning ahead
            raise InputError.one(DEEP, path, line, column)
        if isinstance(exc, yaml.constructor.ConstructorError):
            raise InputError.one(f"this value cannot be read ({what}). negsim reads plain "
                                 f"YAML values, without tags such as !!python/object.",
                                 path, line, column)
        hint = open_quote(text, line or 0)
        raise InputError.one(f"this is not valid YAML ({what}). " + (
            f"Line {hint[0]} opens a quote ({hint[1]}) that does not close on that line: "
            f"the lines after it are read as part of that text." if hint else
            "Check the indentation and the colons on and just before this line."),
            path, line, column)
    except yaml.YAMLError as exc:
        raise InputError.one(f"this is not valid YAML ({exc}).", path)
    positions: dict[tuple, tuple[int, int]] = {}
    if node is not None:
        _walk(node, (), positions)
    return YamlDoc(path, data, positions)


def parse_value(text: str, origin: str) -> Any:
    """A value written on the command line (`--set PATH=VALUE`), read as YAML within the
    same bounds; text that is not YAML stays text, an impossible date is an error."""
    try:
        return _load(text)[1]
    except Refused as exc:
        raise InputError.one(exc.message, origin)
    except yaml.YAMLError:
        return text


def max_bytes() -> int:
    """The size limit of one input file: NEGSIM_MAX_FILE_MB megabytes (default 1)."""
    raw = os.environ.get(SIZE_VARIABLE, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MB
        if not 0 < mb <= limits.MAX_FILE_MB:
            raise ValueError
    except ValueError:
        raise InputError.one(f"the environment variable {SIZE_VARIABLE} should be a number "
                             f"of megabytes above 0 and at most {limits.MAX_FILE_MB:,}, e.g. "
                             f"5; got '{limits.shown(raw)}'.", "environment")
    return int(mb * 1_000_000)


def read_text(path: str | Path) -> str:
    """Read a text file given by a user, refusing what is not a regular file or is bigger
    than the size limit (checked before reading: a 50 MB file is never loaded)."""
    path = Path(path)
    limit = max_bytes()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError.one("this is a folder; give a file.", path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError.one("this is not a regular file (a device or a pipe?); give a "
                                 "file.", path)
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise InputError.one(missing_words(path), path)
    except OSError as exc:
        raise InputError.one(f"cannot read this file ({exc.strerror or exc}).", path)
    if len(data) > limit:
        size = max(info.st_size, len(data)) / 1_000_000
        raise InputError.one(f"this file is {size:.1f} MB, more than the {limit / 1e6:g} MB "
                             f"negsim reads from one file (a scenario or params file is a few "
                             f"KB). If it is meant to be this big, raise the limit with the "
                             f"environment variable {SIZE_VARIABLE}, e.g. "
                             f"{SIZE_VARIABLE}={int(size) + 1}.", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.one(f"this is not UTF-8 text (byte {exc.start}); save it as UTF-8.",
                             path)


def read_yaml(path: str | Path) -> YamlDoc:
    """Read and parse one file; a missing or unreadable file is the user's mistake too."""
    return parse_yaml(read_text(path), Path(path))
