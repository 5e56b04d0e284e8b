"""How a refusal of bad input is checked, the same everywhere: exit 2, one paragraph
naming what is wrong, no traceback, at once."""
from __future__ import annotations

import time

from sim.cli import main


def timed(argv, capsys) -> tuple[int, str, float]:
    start = time.perf_counter()
    code = main(argv)
    elapsed = time.perf_counter() - start
    return code, capsys.readouterr().err, elapsed


def refused(argv, capsys, *words: str) -> str:
    """Exit 2, one paragraph holding every word, no traceback, under a second."""
    code, err, elapsed = timed(argv, capsys)
    assert code == 2, err
    assert err.startswith("negsim: ") and "Traceback" not in err and "\n\n" not in err
    for word in words:
        assert word in err, f"{word!r} not in {err!r}"
    assert elapsed < 1.0
    return err
