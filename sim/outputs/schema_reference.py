"""The file format's reference page, written from the JSON Schema the models give: each
kind of file, each key, its type, whether it is required, its range and its description.

Why from the schema: it is what `negsim check` and an editor hold a file against, so the
page cannot describe a key the program does not read, or miss one it does."""
from __future__ import annotations

from typing import Any

from .reference_pages import GENERATED, cell, scalar

BOUNDS = (("minimum", ">="), ("exclusiveMinimum", ">"), ("maximum", "<="),
          ("exclusiveMaximum", "<"), ("minLength", "length >="), ("maxLength", "length <="),
          ("minItems", "items >="), ("formatMinimum", "from"), ("formatMaximum", "to"))


def kind_of(node: dict[str, Any]) -> str:
    """A schema node's type in a few words: `number`, `list of Citation`, `a or b`."""
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[1]
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            parts = [kind_of(n) for n in node[key] if n.get("type") != "null"]
            return " or ".join(dict.fromkeys(parts))
    kind = node.get("type", "any")
    if kind == "array":
        return f"list of {kind_of(node.get('items', {}))}"
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return f"map of {kind_of(node['additionalProperties'])}"
    if node.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return str(kind)


def bounds(node: dict[str, Any]) -> str:
    found = [f"{word} {node[key]}" for key, word in BOUNDS if key in node]
    for sub in node.get("anyOf", []):
        found += [f"{word} {sub[key]}" for key, word in BOUNDS if key in sub]
    return ", ".join(dict.fromkeys(found))


def table(schema: dict[str, Any]) -> list[str]:
    """One object's keys as a table."""
    required = set(schema.get("required", []))
    rows = ["| key | type | required | range | what it is |", "| --- | --- | --- | --- | --- |"]
    for key, node in schema.get("properties", {}).items():
        value = node.get("default")
        default = (f" (default `{scalar(value)}`)" if value is not None
                   and not isinstance(value, (dict, list)) else "")
        rows.append(f"| `{key}` | {cell(kind_of(node))} | {'yes' if key in required else ''}"
                    f" | {cell(bounds(node))} | {cell(node.get('description', ''))}{default} |")
    return rows


def schema_page(schemas: dict[str, dict[str, Any]]) -> str:
    """Every file kind, then every object they use (each once, by name)."""
    out = [GENERATED + "# File format", "",
           "Every YAML file names its `kind:`. This page is the JSON Schema that `negsim "
           "check` and editors hold files against (`negsim schema` prints it), as tables. "
           "Unknown keys are errors. A type in capitals is an object described below.", ""]
    shared: dict[str, dict[str, Any]] = {}
    for kind, schema in schemas.items():
        out += [f"## `kind: {kind}`", ""]
        if schema.get("description"):
            out += [" ".join(schema["description"].split()), ""]
        out += table(schema) + [""]
        shared.update(schema.get("$defs", {}))
    out += ["## Objects used above", ""]
    for name in sorted(shared):
        node = shared[name]
        if "properties" not in node:
            continue
        out += [f"### {name}", ""]
        if node.get("description"):
            out += [" ".join(node["description"].split()), ""]
        out += table(node) + [""]
    return "\n".join(out).rstrip() + "\n"
