"""What every figure shares: the headless backend, colours, wrapping, dates, saving."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


from ..palette import (BLOCKER_PALETTE, KIND_COLOURS, KIND_WORDS, NO_MEETING,  # noqa: E402,F401
                       POSSIBLE, SERIES, SEVERAL, wrap)


LAYOUT = "constrained"


def subplots(*args, **kwargs):
    """`plt.subplots` with the constrained layout: the layout is found while the figure is
    drawn, so saving draws it once (`bbox_inches="tight"` would draw it twice)."""
    return plt.subplots(*args, layout=LAYOUT, **kwargs)


def save(fig: Figure, folder: Path, stem: str, svg: bool = False) -> list[Path]:
    """Write the figure as PNG (and SVG when asked), then free it."""
    paths = [folder / f"{stem}.png"] + ([folder / f"{stem}.svg"] if svg else [])
    for path in paths:
        if path.suffix == ".png":  # zlib's fastest level: the same pixels, a third less time
            fig.savefig(path, dpi=150, pil_kwargs={"compress_level": 1})
        else:
            fig.savefig(path)
    plt.close(fig)
    return paths


def png_data(fig: Figure, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (for a web page), then free it."""
    import io
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()


def dates(start: dt.date, days: Sequence[float]) -> list[dt.datetime]:
    base = dt.datetime.combine(start, dt.time())
    return [base + dt.timedelta(days=float(d)) for d in days]


def date_axis(ax) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    # the offset names the year only: "2023-May" beside a May tick read as a date
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, offset_formats=["", "%Y", "%Y", "%Y", "%Y", "%Y"]))
