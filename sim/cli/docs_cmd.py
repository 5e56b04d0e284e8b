"""`negsim docs`: write the documentation's generated reference pages, or check them.

Why a command: the reference (the command line, every rule with its quote, the world
state, the file format) is written from the code and the params files, so it is only as
true as its last regeneration. `negsim docs --check` is what the tests and CI run: it
fails, naming the pages, when a page on disk is not what the files give now."""
from __future__ import annotations

import argparse
from pathlib import Path

from .. import api
from ..files.errors import InputError
from ..files.schema import FILE_KINDS, json_schema
from ..files.tested import read_tested
from ..outputs.reference_pages import rules_page, state_page
from ..outputs.schema_reference import schema_page


def pages(scenario_path: str, parser: argparse.ArgumentParser) -> dict[str, str]:
    """File name -> Markdown of every generated page, for the scenario's files and
    `negsim`'s own parser (passed in: the parser names this module's command)."""
    from .reference import cli_page
    scenario = api.load(scenario_path)
    files = [Path(p).name for p in scenario.spec.params]
    return {
        "cli.md": cli_page(parser),
        "rules.md": rules_page(scenario, read_tested(scenario), files),
        "state.md": state_page(scenario),
        "file-format.md": schema_page({k: json_schema(k) for k in FILE_KINDS}),
    }


def cmd_docs(args: argparse.Namespace) -> int:
    out = Path(args.out)
    wanted = pages(args.scenario, args.parser)
    if args.check:
        stale = [name for name, text in wanted.items()
                 if not (out / name).is_file()
                 or (out / name).read_text(encoding="utf-8") != text]
        if stale:
            print(f"negsim docs: out of date in {out}: {', '.join(stale)}. Run `negsim docs` "
                  f"(the code or params/ changed since they were written).")
            return 1
        print(f"negsim docs: the {len(wanted)} reference pages in {out} are up to date.")
        return 0
    if out.exists() and not out.is_dir():
        raise InputError.one(f"{out} is a file; --out names a folder for the pages.",
                             "command line")
    out.mkdir(parents=True, exist_ok=True)
    for name, text in wanted.items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"Wrote {len(wanted)} reference pages to {out}: {', '.join(wanted)}")
    return 0
