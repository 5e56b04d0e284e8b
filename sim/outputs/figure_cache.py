"""Figures drawn before, found again by the content of what they show.

Why: a run's feasibility heatmap depends on the scenario alone, not on its replications,
and drawing it costs about 0.4 s of CPU (mostly matplotlib laying out and rendering its
text), about a sixth of a 1,000-replication `negsim run`. A class runs the same scenario
again and again, so the PNG drawn the first time is kept and copied after that.

The key is a hash of everything the figure shows (its picture, plain data such as
`HeatmapPicture`), the source of the code that draws it, the file type, matplotlib's
version and the matplotlibrc file matplotlib would read: a change to any of them draws
anew. Never the scenario's path, the time or the seed. Not covered: fonts installed or
removed between two runs. A PNG copy is the same bytes as a drawing (a test compares
them); an SVG copy carries the date of its first drawing.

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


def key(kind: str, picture: object, code: Iterable[Path], suffix: str) -> str | None:
    """The name a figure is kept under: a hash of what it shows and of how it is drawn;
    None when the drawing code cannot be read (then nothing is cached). `picture` must be
    plain data whose repr names every value drawn (frozen dataclasses, tuples, strings,
    numbers)."""
    digest = hashlib.sha256()
    for part in (kind, suffix, _matplotlib_version(), repr(picture)):
        digest.update(part.encode() + b"\0")
    rc = _matplotlibrc()
    try:
        for path in (*code, *([rc] if rc else [])):
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return f"{kind}-{digest.hexdigest()[:32]}{suffix}"


def fetch(name: str | None, to: Path) -> bool:
    """Copy the figure kept under `name` to `to`; False when there is none (or no cache)."""
    where = folder()
    if where is None or name is None:
        return False
    try:
        shutil.copyfile(where / name, to)
    except OSError:
        to.unlink(missing_ok=True)  # never half a copy in a results folder
        return False
    try:
        os.utime(where / name)  # recently used: kept longest
    except OSError:
        pass  # a cache this user may read but not touch still serves
    return True


def keep(name: str | None, drawn: Path) -> None:
    """Keep a copy of the file just drawn; written whole or not at all."""
    where = folder()
    if where is None or name is None:
        return
    part = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, prefix=".part-", delete=False) as part:
            part.write(drawn.read_bytes())
        os.replace(part.name, where / name)
        _trim(where)
    except OSError:
        if part is not None:
            Path(part.name).unlink(missing_ok=True)


def _trim(where: Path) -> None:
    kept = sorted(where.glob("*-*.*"), key=lambda p: p.stat().st_mtime)
    for old in kept[:max(0, len(kept) - KEEP)]:
        old.unlink(missing_ok=True)


def _matplotlibrc() -> Path | None:
    """The matplotlibrc file matplotlib would read, found in its order (its
    `matplotlib_fname`) without importing it: the working folder, $MATPLOTLIBRC,
    $MPLCONFIGDIR, else the user's config folder. None: matplotlib's own defaults."""
    env = os.environ.get("MATPLOTLIBRC")
    config = os.environ.get("MPLCONFIGDIR") or str(
        Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "matplotlib")
    candidates = [Path("matplotlibrc")]
    if env:
        candidates += [Path(env), Path(env) / "matplotlibrc"]
    candidates.append(Path(config) / "matplotlibrc")
    return next((c for c in candidates if c.is_file()), None)


def _matplotlib_version() -> str:
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        return "unknown"
