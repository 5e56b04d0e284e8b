"""`negsim serve`: the explorer in a browser (needs the [web] extra)."""
from __future__ import annotations

import argparse

from ..files.errors import InputError


def cmd_serve(args: argparse.Namespace) -> int:
    from ..web.common.arguments import check_classroom, check_tls
    check_tls(args.certfile, args.keyfile)  # before NiceGUI is imported: a mistake is quick
    check_classroom(args.classroom)
    try:
        from ..web.app import Options, serve
        from ..web.common.runs import Caps
    except ImportError as exc:
        raise InputError.one(f"negsim serve needs NiceGUI ({exc.name} is missing): "
                             "pip install 'negsim[web]', or from a clone: pip install -e "
                             "'.[web]'.", "command line") from None
    serve(Options(args.host, args.port, args.certfile, args.keyfile,
                  Caps(args.max_replications, args.max_runs), args.allow_host,
                  args.classroom))
    return 0
