"""How robust is the backtest? The share of seeds in which each row matches, and the range
of each reservation and pressure parameter over which every row still matches.

Why: reservations and reaction probabilities are assumptions, not reported numbers. A
backtest that matches only near the values in the files would say more about the values
than about the stated rules; one that matches over a wide range, in nearly every seed,
says the rules carry the result.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..engine import Compiled
from ..files.loading import load_scenario
from ..model.labels import param_label
from ..model.quantities import central
from ..model.scenario import Scenario
from .backtest import backtest, for_backtest

TARGET = 0.9


@dataclass(frozen=True)
class RowShare:
    date: str
    note: str
    share: float   # of seeds in which the row matches (or, untestable, is consistent)


@dataclass(frozen=True)
class ParamRange:
    path: str
    label: str
    value: float                     # as the files have it (a distribution's mean)
    passing: list[tuple[float, float]]   # intervals of tested values where every row holds

    def to_json(self) -> dict:
        return {"path": self.path, "label": self.label, "value": round(self.value, 4),
                "passing": [[round(lo, 4), round(hi, 4)] for lo, hi in self.passing]}


def row_shares(scenario: Scenario, seeds: int) -> list[RowShare]:
    """Replications 0..seeds-1 of the scenario's seed: each row's share of matches."""
    compiled = Compiled(for_backtest(scenario))
    good: list[int] | None = None
    rows = []
    for i in range(seeds):
        result = backtest(scenario, None, i, compiled)
        rows = result.rows
        ok = [r.judgement.status in ("match", "consistent") for r in rows]
        good = ok if good is None else [g + o for g, o in zip(good, ok)]
    return [RowShare(r.date, r.note, g / seeds) for r, g in zip(rows, good or [])]


def parameters(scenario: Scenario) -> list[tuple[str, float]]:
    """Every party's reservation and every reaction probability, with its value."""
    out = []
    for a, actor in scenario.actors.items():
        if "influencer" not in actor.roles or len(actor.roles) > 1:
            out.append((f"{a}.reservation", central(actor.reservation)))
        out += [(f"{a}.reactions.{r.id}.probability", r.probability) for r in actor.reactions]
    return out


def parameter_ranges(path: str | Path, sets: Sequence[str] = (), seeds: int = 200,
                     step: float = 0.05, progress: Callable[[int, int], None] | None = None
                     ) -> list[ParamRange]:
    """For each parameter, the values from 0 to 1 (in `step`s, the parameter fixed, the
    others as in the files) at which every row holds in at least 90% of `seeds` seeds."""
    base = load_scenario(path, sets)
    grid = [round(k * step, 6) for k in range(int(round(1 / step)) + 1)]
    params = parameters(base)
    out = []
    for n, (param, value) in enumerate(params):
        passing = [v for v in grid if all(
            s.share >= TARGET for s in row_shares(load_scenario(path, [*sets, f"{param}={v}"]),
                                                  seeds))]
        out.append(ParamRange(param, param_label(base, param), value, intervals(passing, step)))
        if progress is not None:
            progress(n + 1, len(params))
    return out


def intervals(values: list[float], step: float) -> list[tuple[float, float]]:
    """Consecutive grid values joined into intervals."""
    out: list[tuple[float, float]] = []
    for v in values:
        if out and abs(v - out[-1][1] - step) < 1e-9:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


def robustness_text(shares: list[RowShare], ranges: list[ParamRange], seeds: int) -> str:
    lines = [f"Share of {seeds} seeds in which each row matches (target >= {TARGET:.0%}):"]
    for s in shares:
        flag = "" if s.share >= TARGET else "   BELOW TARGET"
        lines.append(f"  {s.share:6.1%}  {s.date}  {s.note}{flag}")
    lines += ["", "Values at which every row still matches (in >= 90% of seeds), each "
                  "parameter alone, the others as in the files:"]
    for r in ranges:
        spans = ", ".join(f"{lo:g} to {hi:g}" for lo, hi in r.passing) or "none"
        lines.append(f"  {r.label}: {spans}   (files: {r.value:g})")
    return "\n".join(lines)
