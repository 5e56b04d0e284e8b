"""`negsim brief`: the teaching package for one scenario, as HTML (A4 in print) and PDF,
in a results folder written whole or not at all."""
from __future__ import annotations

import argparse

from .. import api
from .options import check_out


def cmd_brief(args: argparse.Namespace) -> int:
    check_out(args.out)
    scenario = api.load(args.scenario, args.set)  # a bad file stops here: nothing written
    from ..play.brief.package import write_package
    with api.ResultsFolder(args.out, f"{scenario.name}-brief", needed=2_000_000) as folder:
        package = write_package(scenario, folder.path, n=args.n, seed=args.seed,
                                pdf=not args.no_pdf)
    made = "HTML and PDF" if package.pdfs else "HTML"
    print(f"Teaching package for {scenario.spec.title} ({made}: {len(package.pages)} "
          f"documents and an index): {folder.final}/index.html")
    if package.pdf_note:
        print(package.pdf_note)
    return 0
