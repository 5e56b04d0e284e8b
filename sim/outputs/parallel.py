"""Whether a run's figures are drawn side by side, in forked processes.

Its own module because both the figures drawn while the replications run (`ahead`, which
imports no matplotlib) and those drawn after them (`figures.run`) follow it.
"""
from __future__ import annotations

import sys


def side_by_side(workers: int) -> bool:
    """With more than one worker, and where forking is safe (Linux)."""
    return workers > 1 and sys.platform.startswith("linux")
