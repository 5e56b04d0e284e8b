"""What every figure shares: the headless backend, colours, wrapping, dates, saving."""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


# One fixed colour per kind of reason, the same in every figure (Okabe-Ito palette, safe
# for colour-blind readers and in greyscale print).
KIND_COLOURS = {"red_line": "#D55E00", "precondition": "#E69F00", "assumption": "#999999",
                "utility": "#0072B2", "stated": "#CC79A7"}
KIND_WORDS = {"red_line": "red line", "precondition": "precondition",
              "assumption": "the model's assumption", "utility": "below its reservation level",
              "stated": "a player's own words"}
NO_MEETING = "#BBBBBB"
SERIES = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
          "#000000"]
BLOCKER_PALETTE = ["#fc8d62", "#8da0cb", "#e78ac3", "#ffd92f", "#e5c494", "#80b1d3",
                   "#fdb462", "#bebada", "#fb8072", "#b3b3b3"]  # no green: green is "possible"
POSSIBLE = "#b7e1a1"
SEVERAL = "#d9d9d9"  # blocked by more than one actor


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width)) or text


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
