"""Hostile input built from negsim's own JSON Schema: scenario documents and `--set` values.

Shared by the hypothesis test (a few hundred examples in CI) and `bench/fuzz.py` (10,000).
Documents start from the shipped March scenario (so its params load and the deeper checks
run), replace some keys by values the schema describes (and some it forbids: NaN, huge
numbers, impossible dates), then may be damaged as text (a line doubled, cut short). The
one property: negsim answers exit 0 or exit 2 with one message, never a traceback.
"""
from __future__ import annotations

import contextlib
import io
import math
import re
from pathlib import Path
from typing import Sequence

import yaml
from hypothesis import strategies as st

import sim
from sim.cli import main

ROOT = Path(__file__).resolve().parent.parent
MARCH = ROOT / "scenarios" / "march-2023.yaml"
SCHEMA = sim.json_schema("scenario", ROOT / "params")
HOSTILE_TEXT = ["2023-02-30", "2023-02-31", "0000-01-01", "9999-12-31", ".nan", ".inf", "-.inf",
                "1e999", "-1", "0", "7", "1e-320", "9" * 5000, "[", "{a: 1, a: 2}", "&a [*a]",
                "!!python/object/apply:os.system [ls]", "!!int abc", "!!timestamp x", "~", "",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]"
                "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "yes", "null", "'quoted'",
                "{dist: uniform, low: 1, high: 0}", "{dist: triangular}", "baku", "atlantis"]
HOSTILE_VALUES = [math.nan, math.inf, -math.inf, 10**30, -(10**30), 1e308, -1, 0, 7, "",
                  None, True, [], {}, "x" * 300, [1, [2, [3]]], {"a": {"b": {"c": None}}}]


# Number and date mutations (issue 26): any float up to 1e308, integers to 10**400, and
# dates of any year from 1 to 9999 (st.dates' whole range), each where the schema has one.
EXTREME_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
EXTREME_INTS = st.integers(-(10**400), 10**400) | st.sampled_from(
    [10**400, -(10**400), 2**63, 2**64, 2**31, 32_768, -1])
EXTREME_DATES = st.dates() | st.sampled_from(["0001-01-02", "9999-10-02", "1899-12-31",
                                              "2101-01-01"])
EXTREME_NUMBER_TEXT = ["1e308", "-1e308", "1e-308", "5e-324", "9" * 400, "-" + "9" * 400,
                       "1e9", "1e300", "32768", "2147483648", "18446744073709551616"]


def _resolve(node: dict, root: dict) -> dict:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def from_schema(node: dict, root: dict = SCHEMA, depth: int = 0) -> st.SearchStrategy:
    """Values a schema describes, and now and then one it does not (hostile)."""
    hostile = st.sampled_from(HOSTILE_VALUES)
    node = _resolve(node, root)
    if depth > 5:
        return hostile
    if "enum" in node:
        return st.sampled_from(node["enum"]) | hostile
    if "const" in node:
        return st.just(node["const"])
    members = node.get("anyOf") or node.get("oneOf") or node.get("allOf")
    if members:
        return st.one_of([from_schema(m, root, depth + 1) for m in members])
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**node, "type": k}, root, depth) for k in kind])
    if kind == "object":
        props = node.get("properties", {})
        extra = node.get("additionalProperties") or next(
            iter(node.get("patternProperties", {}).values()), None)
        fixed = st.fixed_dictionaries(
            {}, optional={k: from_schema(v, root, depth + 1) for k, v in props.items()})
        if isinstance(extra, dict):
            keys = st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z") | st.sampled_from(sorted(props) or ["x"])
            loose = st.dictionaries(keys, from_schema(extra, root, depth + 1), max_size=3)
            return st.one_of(fixed, loose)
        return fixed
    if kind == "array":
        items = node.get("items", {})
        return st.lists(from_schema(items, root, depth + 1) if items else hostile, max_size=3)
    if kind == "string":
        if node.get("format") == "date":
            return EXTREME_DATES | st.sampled_from(["2023-02-30", "2023-13-01", "tomorrow"])
        if node.get("pattern"):
            return st.from_regex(r"\A[a-z][a-z0-9_]{0,10}\Z") | st.text(max_size=12)
        return st.text(max_size=30)
    if kind == "integer":
        return st.integers(-5, 10**6) | st.sampled_from([0, 36_501, 10**30]) | EXTREME_INTS
    if kind == "number":
        return st.floats(-1e3, 1e3) | hostile | EXTREME_FLOATS | EXTREME_INTS
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return hostile


BASE = yaml.safe_load(MARCH.read_text())
BASE["params"] = [str((MARCH.parent / p).resolve()) for p in BASE["params"]]
BASE.pop("history", None)
KEYS = sorted(set(SCHEMA["properties"]) - {"kind", "params", "extends", "history"})


@st.composite
def scenario_text(draw) -> str:
    """A scenario file's text: March with some keys replaced, maybe damaged as text."""
    doc = dict(BASE)
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=3, unique=True)):
        if draw(st.booleans()):
            doc[key] = draw(from_schema(SCHEMA["properties"][key]))
        else:
            doc.pop(key, None)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    lines = text.splitlines()
    damage = draw(st.sampled_from(["none", "none", "double", "cut", "date", "raw", "number",
                                   "year"]))
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    if damage == "double" and lines:
        lines.insert(i, lines[i])
    elif damage == "cut":
        lines = lines[:i]
    elif damage == "date":
        lines = [ln.replace("2023-02-24", draw(st.sampled_from(HOSTILE_TEXT[:4])))
                 for ln in lines]
    elif damage == "number":  # a number of the text made extreme, wherever it stands
        numbered = [k for k, ln in enumerate(lines) if re.search(r":\s+-?\d", ln)]
        if numbered:
            k = draw(st.sampled_from(numbered))
            lines[k] = re.sub(r"(:\s+)-?[\d.]+(e[-+]?\d+)?",
                              lambda m: m.group(1) + draw(st.sampled_from(EXTREME_NUMBER_TEXT)),
                              lines[k], count=1)
    elif damage == "year":  # every date of the case moved to another year, 1 to 9999
        year = draw(st.integers(1, 9999))
        lines = [re.sub(r"\b20(22|23)-", f"{year:04d}-", ln) for ln in lines]
    elif damage == "raw":  # a hostile scalar written as YAML text, not as a Python value
        key = draw(st.sampled_from(KEYS))
        lines.append(f"{key}: {draw(st.sampled_from(HOSTILE_TEXT))}")
    return "\n".join(lines) + "\n"


PATHS = [path for path, _ in sim.api.settable(sim.load(MARCH))]


ACTOR_SCHEMA = sim.json_schema("actor", ROOT / "params")
ACTORS = {path.split(".")[0] for path in PATHS} - set(SCHEMA["properties"])


def _schema_at(path: str) -> tuple[dict, dict] | None:
    """(schema, its root) of the value at a --set path, found by walking the schema the
    way overrides walk a file (list items by id), or None where the walk gets lost."""
    parts = path.split(".")
    root = ACTOR_SCHEMA if parts[0] in ACTORS else SCHEMA
    node = root
    for part in parts[1:] if root is ACTOR_SCHEMA else parts:
        node = _resolve(node, root)
        members = [node, *node.get("anyOf", []), *node.get("oneOf", [])]
        for m in map(lambda m: _resolve(m, root), members):
            if part in m.get("properties", {}):
                node = m["properties"][part]
                break
            if m.get("type") == "array" and isinstance(m.get("items"), dict):
                node = m["items"]  # the item named by `part`
                break
            extra = m.get("additionalProperties") or next(
                iter(m.get("patternProperties", {}).values()), None)
            if isinstance(extra, dict):
                node = extra
                break
        else:
            return None
    return node, root


@st.composite
def set_option(draw) -> str:
    """`PATH=VALUE`: a real path (or one a letter off) and a value from its schema, or a
    hostile text."""
    path = draw(st.sampled_from(PATHS))
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(path) - 1))
        path = path[:at] + path[at + 1:]
    found = _schema_at(path)
    if found is not None and draw(st.booleans()):
        value = draw(from_schema(*found))
        text = yaml.safe_dump(value, default_flow_style=True, width=10**6).strip()
        text = text.removesuffix("...").strip()
    else:
        text = draw(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=20)
                    | st.floats(allow_nan=True).map(str)
                    | st.sampled_from(EXTREME_NUMBER_TEXT) | EXTREME_INTS.map(str)
                    | EXTREME_DATES.map(str))
    return f"{path}={text}"


def attempt(argv: Sequence[str]) -> tuple[int, str]:
    """Run the CLI in this process: (exit code, stderr). An uncaught exception is a
    traceback the user would see, so it propagates to the caller."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def check_text(text: str, folder: Path) -> tuple[int, str]:
    path = folder / "fuzzed.yaml"
    path.write_text(text, encoding="utf-8")
    return attempt(["check", str(path)])


def check_set(option: str) -> tuple[int, str]:
    return attempt(["explain", str(MARCH), "--set", option, "--format",
                    "venue=khojaly,mediation=russian_peacekeepers,agenda=technical,"
                    "delegation=security_council"])


def run_command(folder: Path, *sets: str, scenario: Path | None = None) -> tuple[int, str]:
    """The whole `negsim run` on an accepted input (3 replications, figures and results
    folder included): where dates are drawn and files written, as a user would run it."""
    return attempt(["run", str(scenario or folder / "fuzzed.yaml"), "-n", "3", "--workers",
                    "1", "--out", str(folder / "out"), *(a for s in sets for a in ("--set", s))])


def answered(code: int, err: str) -> bool:
    """The property: success, or exit 2 with messages and no traceback."""
    return "Traceback" not in err and (code == 0 or (code == 2 and err.startswith("negsim: ")))

