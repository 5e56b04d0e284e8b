"""Figures drawn before, found again by the content of what they show.

Why: a run's feasibility heatmap depends on the scenario alone, not on its replications,
and drawing it costs about 0.4 s of CPU (mostly matplotlib laying out and rendering its
text), a fifth of a 1,000-replication `negsim run`. A class runs the same scenario again
and again, so the PNG drawn the first time is kept and copied after that.

The key is a hash of everything the figure shows (its picture, plain data such as
`HeatmapPicture`), the source of the code that draws it, the file type and matplotlib's
version: any change to what is drawn, or to how, draws anew. Never the scenario's path,
the time or the seed. A copy is the same bytes as a drawing (tests compare them).

Where: `$NEGSIM_CACHE_DIR`, else `$XDG_CACHE_HOME/negsim`, else `~/.cache/negsim` (the XDG
base directories); `NEGSIM_CACHE_DIR=""` turns the cache off. It is only a shortcut: a
folder that cannot be read or written means drawing, never an error. It holds at most
`KEEP` figures; the least recently used go first.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Iterable

KEEP = 256


def folder() -> Path | None:
    """The cache's folder, or None when it is turned off."""
    chosen = os.environ.get("NEGSIM_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() / "figures" if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "negsim" / "figures"


def key(kind: str, picture: object, code: Iterable[Path], suffix: str) -> str:
    """The name a figure is kept under: a hash of what it shows and of how it is drawn.
    `picture` must be plain data whose repr names every value drawn (frozen dataclasses,
    tuples, strings, numbers)."""
    digest = hashlib.sha256()
    for part in (kind, suffix, _matplotlib_version(), repr(picture)):
        digest.update(part.encode() + b"\0")
    for path in code:
        digest.update(path.read_bytes() + b"\0")
    return f"{kind}-{digest.hexdigest()[:32]}{suffix}"


def fetch(name: str, to: Path) -> bool:
    """Copy the figure kept under `name` to `to`; False when there is none (or no cache)."""
    where = folder()
    if where is None:
        return False
    try:
        shutil.copyfile(where / name, to)
        os.utime(where / name)  # recently used: kept longest
        return True
    except OSError:
        if to.exists():
            to.unlink()  # never half a copy in a results folder
        return False


def keep(name: str, drawn: Path) -> None:
    """Keep a copy of the file just drawn; written whole or not at all."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, prefix=".part-", delete=False) as part:
            part.write(drawn.read_bytes())
        os.replace(part.name, where / name)
        _trim(where)
    except OSError:
        return


def _trim(where: Path) -> None:
    kept = sorted(where.glob("*-*.*"), key=lambda p: p.stat().st_mtime)
    for old in kept[:max(0, len(kept) - KEEP)]:
        old.unlink(missing_ok=True)


def _matplotlib_version() -> str:
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        return "unknown"
