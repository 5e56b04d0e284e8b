"""`negsim`: the command line, a thin layer over the Python API.

Every command parses its arguments, calls plain functions of the package, and prints.
A user's mistake (`InputError`) becomes one paragraph on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import warnings
from typing import Callable, Sequence

from ..files.bundled import default_scenario
from ..files.errors import InputError, InputWarning
from .parser import build_parser
from .study_cmds import cmd_sensitivity, cmd_sweep


def _terminate(signum, frame) -> None:
    """`kill` or a closed terminal: stop like Ctrl-C, so no half-written folder is left."""
    raise KeyboardInterrupt


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """An InputWarning as one paragraph on stderr, like an error but without stopping."""
    if issubclass(category, InputWarning):
        print(f"negsim: warning: {message}", file=sys.stderr)
    else:
        _python_warning(message, category, filename, lineno, file, line)


_python_warning = warnings.showwarning


def command() -> None:
    """The `negsim` command and `python -m sim`: `main`, then the process ends.

    Why `gc.freeze()` first: the interpreter's last garbage collection would walk every
    object the command loaded (pydantic, matplotlib, the results) only to free memory the
    system takes back anyway, about 0.15 s after the work is done. Frozen objects are not
    collected; everything else of an orderly exit (buffers flushed, files closed) still
    happens. `main` itself is left as it is, for callers that go on living (tests)."""
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("default", InputWarning)  # each message once per command
        warnings.showwarning = _show_warning
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = None
    signal.signal(signal.SIGTERM, _terminate)
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 0
        if getattr(args, "scenario", "") is None:
            args.scenario = str(default_scenario())
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except InputError as exc:
        print(f"negsim: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        resumable = getattr(args, "func", None) in (cmd_sweep, cmd_sensitivity)
        print("negsim: interrupted" + ("; the finished points are kept: continue with "
                                       "--resume and the .partial folder under --out"
                                       if resumable else ""), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `negsim run | head`: the reader has gone; stop quietly, as command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        if exc.filename is None:
            raise
        # a path the system refuses (no permission, read-only, not a folder): the user's
        # to choose, so say which path and why, not a traceback
        print(f"negsim: {exc.filename}: {exc.strerror or exc}. Choose another path, or check "
              f"that it exists and that you may use it.", file=sys.stderr)
        return 2
    finally:
        from ..studies.dask_executor import close_all
        close_all()


if __name__ == "__main__":
    sys.exit(main())
