"""Screenshots for the documentation, taken by the test suite from the real pages, so the
tutorials never show a page that no longer looks like that. A picture is written only when
it differs visibly from the one in docs/ (the same page renders a few pixels differently
from run to run, and a test run should not leave every picture changed)."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from matplotlib import image

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "pages" / "img" / "screens"
VISIBLE = 0.01  # mean absolute difference of pixels (0..1) above which a picture is new


def differs(old: Path, new: bytes) -> bool:
    """True when `new` (PNG bytes) is not the picture already at `old`."""
    if not old.is_file():
        return True
    a = image.imread(old)
    b = image.imread(io.BytesIO(new))
    if a.shape != b.shape:
        return True
    return float(np.abs(a.astype(float) - b.astype(float)).mean()) > VISIBLE


def keep(page, name: str) -> Path:
    """Screenshot `page` (its viewport) as docs/pages/img/screens/NAME.png when it has
    changed; returns the path either way."""
    path = SCREENS / f"{name}.png"
    shot = page.screenshot()
    if differs(path, shot):
        SCREENS.mkdir(parents=True, exist_ok=True)
        path.write_bytes(shot)
    return path
