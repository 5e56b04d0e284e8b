"""Running totals over replications: what an experiment reports, bounded by the model.

Why bounded: a summary holds counts by day, format and reason, never the records, so
memory does not grow with the number of replications.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..engine import Record, first_day_index


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95% Wilson score interval for a proportion k/n (sound near 0 and 1, unlike Wald)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def format_key(fmt: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(fmt.items())


@dataclass
class Summary:
    """Running totals over replications; every field is bounded by the model, not by N."""

    n: int = 0
    met: int = 0
    first_days: Counter = field(default_factory=Counter)      # day index -> replications
    first_formats: Counter = field(default_factory=Counter)   # format key -> replications
    refusals: Counter = field(default_factory=Counter)        # (actor, reason) -> refusals
    cancel_reasons: Counter = field(default_factory=Counter)
    cancellations: int = 0
    proposals: int = 0
    meetings_held: int = 0
    meetings: Counter = field(default_factory=Counter)  # meetings held -> replications
    events: int = 0
    messages: int = 0

    def merge(self, other: "Summary") -> None:
        """Add another summary's totals (summaries of disjoint replications, in any order:
        the result is the same, so partial results can be merged as they arrive)."""
        self.n += other.n
        self.met += other.met
        for name in ("first_days", "first_formats", "refusals", "cancel_reasons", "meetings"):
            getattr(self, name).update(getattr(other, name))
        for name in ("cancellations", "proposals", "meetings_held", "events", "messages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def add(self, r: Record) -> None:
        self.n += 1
        self.proposals += r.proposals
        self.cancellations += r.cancellations
        self.meetings_held += r.meetings_held
        self.meetings[r.meetings_held] += 1
        self.events += r.events
        self.messages += r.messages
        self.refusals.update(r.refusals)
        self.cancel_reasons.update(r.cancel_reasons)
        if r.met:
            self.met += 1
            self.first_days[first_day_index(r)] += 1
            self.first_formats[format_key(r.first_format)] += 1

    @property
    def p_meeting(self) -> float:
        return self.met / self.n if self.n else 0.0

    @property
    def p_meeting_ci(self) -> tuple[float, float]:
        return wilson(self.met, self.n)

    @property
    def median_days(self) -> float | None:
        """Median day of the first meeting, among replications that had one."""
        if not self.met:
            return None
        days = sorted(self.first_days.elements())
        mid = len(days) // 2
        return float(days[mid]) if len(days) % 2 else (days[mid - 1] + days[mid]) / 2

    def refusals_by_actor(self) -> dict[str, dict[str, int]]:
        """{actor: {reason id: refusals}}, sorted by actor and reason."""
        by_actor: dict[str, dict[str, int]] = {}
        for (actor, reason), count in sorted(self.refusals.items()):
            by_actor.setdefault(actor, {})[reason] = count
        return by_actor

    def to_json(self) -> dict:
        lo, hi = self.p_meeting_ci
        return {
            "p_meeting": round(self.p_meeting, 6),
            "p_meeting_ci": [round(lo, 6), round(hi, 6)],
            "median_days_to_first_meeting": self.median_days,
            "first_meeting_formats": [
                {"format": dict(key), "share": round(count / self.n, 6)}
                for key, count in sorted(self.first_formats.items(),
                                         key=lambda kv: (-kv[1], kv[0]))],
            "refusals": self.refusals_by_actor(),
            "cancellations": self.cancellations,
            "meetings_per_replication": {
                "mean": round(self.meetings_held / self.n, 4) if self.n else 0.0,
                "distribution": {str(k): round(v / self.n, 6)
                                 for k, v in sorted(self.meetings.items())}},
        }


def format_shares(summary: Summary, top: int = 10) -> list[tuple[dict | None, float]]:
    """(format, share of all replications), most frequent first; the rest as (None, share)."""
    ranked = sorted(summary.first_formats.items(), key=lambda kv: (-kv[1], kv[0]))
    out: list[tuple[dict | None, float]] = [(dict(k), v / summary.n) for k, v in ranked[:top]]
    rest = sum(v for _, v in ranked[top:])
    if rest:
        out.append((None, rest / summary.n))
    return out
