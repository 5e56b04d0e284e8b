"""The colours, words and line wrapping every figure and page shares, without matplotlib.

Why its own module: the web pages and the figure cache's pictures take these colours, and
importing them must not import matplotlib (half a second) where nothing is drawn.
"""
from __future__ import annotations

import textwrap

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
    """Lines of at most `width` characters, whitespace made single."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width)) or text
