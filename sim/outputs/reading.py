"""The report's sentences, written from the numbers: the answer in two sentences, what
would have to change, and questions for discussion built from this scenario's data.

Why apart from the HTML: the words are the part a teacher reads aloud, so they are plain
functions of the results (tested directly), never hand-written per scenario.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from ..model.decision import BELOW_RESERVATION, rule_sentence
from ..model.feasibility import FeasibilityTable
from ..model.scenario import Scenario
from ..studies.experiment import Experiment
from ..studies.summary import format_shares
from ..studies.whatif import Change
from . import analysis


def owner(name: str) -> str:
    """The possessive: "Baku's", "Russian peacekeepers'"."""
    return name + ("'" if name.endswith("s") else "'s")


def day_date(scenario: Scenario, day: float) -> str:
    d = scenario.start + dt.timedelta(days=int(day))
    return f"{d.day} {d:%B}"


def blockers(scenario: Scenario, table: FeasibilityTable) -> list[tuple[str, str, int]]:
    """(actor, rule id, formats it blocks on the first day), most first (value refusals
    are left out: they are not a rule)."""
    counts: Counter = Counter()
    for row in table.rows:
        for actor, ids in row.blocked_by.items():
            counts.update((actor, i) for i in ids if i != BELOW_RESERVATION)
    return [(a, r, n) for (a, r), n in counts.most_common()]


def answer(scenario: Scenario, table: FeasibilityTable, result: Experiment) -> str:
    """The question's answer in two sentences."""
    s = result.summary
    lo, hi = s.p_meeting_ci
    end = scenario.start + dt.timedelta(days=scenario.spec.horizon_days)
    first = (f"In {s.p_meeting:.0%} of {s.n:,} replications (95% interval {lo:.1%} to "
             f"{hi:.1%}) the sides met by {end.day} {end:%B %Y}")
    if s.met:
        curve = analysis.ecdf(s, scenario.spec.horizon_days)
        half = next((d for d, p in zip(curve.days, curve.p) if p >= 0.5), None)
        if half is not None:
            first += (f"; half of all replications had met by {day_date(scenario, half)} "
                      f"(day {half})")
        shares = [(f, v) for f, v in format_shares(s, 1) if f is not None]
        if shares:
            f, v = shares[0]
            first += (f"; the most frequent first meeting, in {v / s.p_meeting:.0%} of those "
                      f"that met: {scenario.space.label(f)}")
    top = blockers(scenario, table)[:2]
    second = (f"On {scenario.start.day} {scenario.start:%B}, {len(table.possible)} of "
              f"{len(table.rows):,} formats could produce a meeting")
    if top:
        second += "; the rules that block the most are " + " and ".join(
            f"{owner(scenario.actors[a].name)} \u201c{rule_sentence(scenario.actors, a, r).rstrip('.')}\u201d "
            f"({n:,} formats)" for a, r, n in top)
    return f"{first}. {second}."


def change_groups(base: Experiment, changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """The changes worth a row, under the heading that says what they do: what would open
    (or raise) a meeting; when it always meets, what would prevent it, bring it sooner,
    or move it to another format."""
    def real(c: Change) -> bool:
        return not c.difference.p_meeting.covers_zero
    up = [c for c in changes if c.delta > 0 and real(c)]
    down = sorted([c for c in changes if c.delta < 0 and real(c)], key=lambda c: c.delta)
    sooner = sorted([c for c in changes if c.days_delta is not None and c.days_delta < 0
                     and c.difference.median_days and not c.difference.median_days.covers_zero],
                    key=lambda c: c.days_delta)
    shown = up[:6] + down[:6] + sooner[:4]
    moved = sorted([c for c in changes if c.moved >= 0.25 and c not in shown],
                   key=lambda c: (-c.moved, c.override))
    groups = [("What would raise P(meeting)", up[:6]),
              ("What would lower it, or prevent a meeting", down[:6]),
              ("What would bring the first meeting sooner", sooner[:4]),
              ("What would move the first meeting to formats it never took before",
               moved[:3])]
    return [(title, rows) for title, rows in groups if rows]


def questions(scenario: Scenario, table: FeasibilityTable, result: Experiment,
              changes: list[Change]) -> list[str]:
    """About five questions for discussion, each pointing at a number in this report."""
    out = []
    top = blockers(scenario, table)
    if top:
        a, r, n = top[0]
        out.append(f"{owner(scenario.actors[a].name)} rule \u201c{rule_sentence(scenario.actors, a, r).rstrip('.')}"
                   f"\u201d blocks {n:,} of {len(table.rows):,} formats on the first day. Is it "
                   f"about the table (where, who mediates, who speaks) or the substance? What "
                   f"might {scenario.actors[a].name} want in exchange for dropping it?")
    movers = [c for c in changes if not c.difference.p_meeting.covers_zero]
    if movers:
        c = max(movers, key=lambda c: abs(c.delta))
        what = (f"dropping {owner(scenario.actors[c.actor].name)} rule \u201c{c.says.rstrip('.')}\u201d"
                if c.kind == "drop_rule" else f"changing the world to \u201c{c.says.rstrip('.')}\u201d")
        out.append(f"Of all single changes, {what} moves P(meeting) most "
                   f"({c.delta:+.0%}; {c.difference.words}). Why that one?")
    idle = [c for c in changes if c.kind == "drop_rule" and c.formats_opened > 0
            and c.difference.p_meeting.covers_zero]
    if idle:
        c = idle[0]
        out.append(f"Dropping {owner(scenario.actors[c.actor].name)} \u201c{c.says.rstrip('.')}\u201d opens "
                   f"{c.formats_opened} formats, yet P(meeting) does not move. Who else stands "
                   f"behind it? What is the difference between a stated reason and a decisive "
                   f"one?")
    near = nearly(scenario, table)
    if near:
        fmt, who, why = near
        out.append(f"\u201c{scenario.space.label(fmt)}\u201d nearly worked: only {who} "
                   f"refuses it, for one reason alone: {why}. What small change to that "
                   f"format, or what offer beside it, could tip it?")
    assumed = sum(1 for a in scenario.actors.values() for r in a.assumptions) + sum(
        1 for a in scenario.actors.values() for lp in a.lapses)
    out.append(f"The model adds {assumed} rules of its own where the articles are silent "
               f"(marked as assumptions below), and every number the articles do not give is "
               f"an assumption too. Which one would you test first, and with what evidence?")
    return out[:6]


def nearly(scenario: Scenario, table: FeasibilityTable) -> tuple[dict, str, str] | None:
    """The format that nearly worked: refused by one actor for one reason only. A refusal
    for value with the smallest gap comes first; else the single rule, on the format the
    parties value most on average (the one most worth arguing about)."""
    best, best_key = None, None
    for row in table.rows:
        blocked = row.blocked_by
        if len(blocked) != 1:
            continue
        (actor, ids), = blocked.items()
        if len(ids) != 1:
            continue
        v = row.verdicts[actor]
        if ids[0] == BELOW_RESERVATION:
            key = (0, v.reservation - v.utility)
            why = (f"it is worth {v.reservation - v.utility:.2f} less to "
                   f"{scenario.actors[actor].name} than its reservation level")
        else:
            values = [u.utility for u in row.verdicts.values()]
            key = (1, -sum(values) / len(values))
            why = (f"{owner(scenario.actors[actor].name)} rule \u201c"
                   f"{rule_sentence(scenario.actors, actor, ids[0]).rstrip('.')}\u201d")
        if best_key is None or key < best_key:
            best, best_key = (row.format, scenario.actors[actor].name, why), key
    return best
