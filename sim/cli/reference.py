"""The command line's reference page, written from the argparse parser itself and from
`json_keys`: every command, its usage, every argument with its default and help, and the
keys its `--json` prints. What `negsim --help` says and what the page says cannot differ."""
from __future__ import annotations

import argparse

from ..outputs.reference_pages import GENERATED, cell
from .json_keys import JSON_KEYS


def commands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, help, parser) of every command, in the order `negsim --help` lists them."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    return [(name, helps.get(name, ""), p) for name, p in sub.choices.items()]


def usage(p: argparse.ArgumentParser) -> str:
    """The usage line at a fixed width, so the page does not depend on the terminal."""
    f = argparse.HelpFormatter(p.prog, width=88)
    f.add_usage(p.usage, p._actions, p._mutually_exclusive_groups, prefix="")
    return f.format_help().strip()


def argument_rows(p: argparse.ArgumentParser) -> list[str]:
    rows = ["| argument | default | what it does |", "| --- | --- | --- |"]
    for a in p._actions:
        if isinstance(a, argparse._HelpAction):
            continue
        names = ", ".join(a.option_strings) or a.dest
        if a.option_strings and a.nargs != 0:
            names += f" {a.metavar or a.dest.upper()}"
        text = a.help or ""
        if a.choices and not isinstance(a, argparse._SubParsersAction):
            text += " (one of: " + ", ".join(str(c) for c in a.choices) + ")"
        default = "" if a.default in (None, False, [], argparse.SUPPRESS) else f"`{a.default}`"
        rows.append(f"| `{cell(names)}` | {cell(default)} | {cell(text)} |")
    return rows


def json_rows(command: str) -> list[str]:
    rows = ["| key | what it holds | when |", "| --- | --- | --- |"]
    for k in JSON_KEYS[command]:
        items = (" Each item: " + ", ".join(f"`{i}`" for i in k.items) + ".") if k.items else ""
        rows.append(f"| `{k.name}` | {cell(k.means)}.{cell(items)} | {cell(k.when) or 'always'} |")
    return rows


def cli_page(parser: argparse.ArgumentParser) -> str:
    out = [GENERATED + "# Command line", "",
           "Written from `negsim`'s own parser (`sim/cli/parser.py`) and the JSON keys of "
           "`sim/cli/json_keys.py`. `python -m sim` is the same as `negsim`. A mistake in "
           "an argument is one paragraph on standard error and exit code 2.", "",
           "| command | what it does |", "| --- | --- |"]
    listed = commands(parser)
    out += [f"| [`negsim {name}`](#negsim-{name}) | {cell(text)} |" for name, text, _ in listed]
    out.append("")
    for name, text, p in listed:
        out += [f"## negsim {name}", "", cell(p.description or text + "."), "",
                "```text", usage(p), "```", ""]
        out += argument_rows(p) + [""]
        if name in JSON_KEYS:
            out += ["`--json` prints one object with these keys:", ""] + json_rows(name) + [""]
    return "\n".join(out).rstrip() + "\n"
