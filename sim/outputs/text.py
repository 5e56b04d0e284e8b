"""Plain-text views for the terminal: the feasibility table and an explained verdict.

Pure functions from results to strings, so the CLI stays a thin layer and tests can read
exactly what a teacher sees.
"""
from __future__ import annotations

import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Mapping

from ..model import decision
from ..model.conditions import Scalar
from ..model.decision import Verdict
from ..model.feasibility import FeasibilityTable
from ..model.labels import state_words
from ..model.scenario import Scenario
from ..model.sources import second_hand_note, speaker_label
from ..model.space import Format

if TYPE_CHECKING:  # the saved ablation is read by the caller (files), not here
    from ..files.tested import Tested


def show(value: Scalar) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def state_line(state: Mapping[str, Scalar]) -> str:
    return ", ".join(f"{k}={show(v)}" for k, v in state.items())


def rule_sentence(scenario: Scenario, actor: str, reason_id: str) -> str:
    """The plain sentence of a reason id (rule or utility); a rule the model assumes is
    marked as the model's, so it never reads as something an actor said."""
    return decision.marked_sentence(scenario.actors, actor, reason_id)


def feasibility_text(scenario: Scenario, table: FeasibilityTable, list_all: bool = False) -> str:
    space = scenario.space
    lines = [f"{scenario.spec.title} ({scenario.path})",
             f"World state on {table.date}: "
             f"{state_words(scenario.variables, table.state or scenario.state)}", ""]
    possible = table.possible
    lines.append(f"{len(possible)} of {len(table.rows)} formats could produce a meeting"
                 + (":" if possible else "."))
    lines += [f"  {space.label(r.format)}" for r in possible]
    blocked = [r for r in table.rows if not r.meeting_possible]
    lines += ["", f"{len(blocked)} formats are blocked. Who blocks, and why "
                  f"(a format can be blocked for several reasons):"]
    groups: Counter = Counter()
    for row in blocked:
        for actor, ids in row.blocked_by.items():
            groups.update((actor, i) for i in ids)
    for actor in scenario.actors:
        mine = [(i, n) for (a, i), n in groups.items() if a == actor]
        if not mine:
            continue
        lines.append(f"  {scenario.actors[actor].name}:")
        for reason_id, n in sorted(mine, key=lambda x: -x[1]):
            lines.append(f"    {n:4d} formats  {reason_id}: "
                         f"{rule_sentence(scenario, actor, reason_id)}")
    if list_all:
        lines += ["", "Every blocked format:"]
        for row in blocked:
            who = "; ".join(f"{a}: {', '.join(ids)}" for a, ids in row.blocked_by.items())
            lines.append(f"  {space.label(row.format)}  <-  {who}")
    else:
        lines += ["", "(--all lists every blocked format; explain one with negsim explain "
                      "--format venue=...,mediation=...,agenda=...,delegation=...)"]
    return "\n".join(lines)


def _wrap(text: str, indent: str, hang: str = "") -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=88, initial_indent=indent,
                         subsequent_indent=indent + hang)


def verdict_text(scenario: Scenario, verdict: Verdict, party: bool,
                 tested: Tested | None = None) -> list[str]:
    actor = scenario.actors[verdict.actor]
    role = "must accept" if party else "no veto here"
    head = "ACCEPTS" if verdict.accept else "REFUSES"
    lines = [f"{actor.name} ({role}): {head}  (utility {verdict.utility:.2f}, "
             f"reservation {verdict.reservation:.2f})"]
    for reason in verdict.reasons:
        rule = actor.rule(reason.id)
        kind = KIND_WORDS.get(reason.kind, reason.kind.replace("_", " "))
        lines += _wrap(f"- {kind} {reason.id}: {reason.says}"
                       + ("" if reason.public else " (not announced in advance: learned from "
                                                   "refusals)"), "    ", "  ")
        if rule is None:
            continue
        lines += _sources(rule, scenario.speakers)
        words = tested.words(verdict.actor, reason.id) if tested is not None else ""
        if words:
            lines += _wrap(f"backtest: {words}", "      ")
    for lapse in actor.lapses:
        ids = [r.id for r, lapse_id in verdict.lapsed if lapse_id == lapse.id]
        if ids:
            lines += _wrap(f"- lapsed: {', '.join(ids)} would refuse this format, but the "
                           f"model's assumption '{lapse.id}' switches them off: {lapse.says}",
                           "    ", "  ")
            lines += _sources(lapse, scenario.speakers)
    return lines


KIND_WORDS = {"red_line": "red line", "precondition": "precondition",
              "assumption": "assumption (the model's, not a statement)",
              "utility": "below reservation", "stated": "own words"}


def _sources(rule, speakers: Mapping) -> list[str]:
    """A rule's quotes (with who said each), and its assumption, indented under it."""
    lines: list[str] = []
    for c in rule.citations:
        who = speaker_label(speakers, c.by)
        lines += _wrap(f'source {c.article}{f" ({who})" if who else ""}: "{c.quote}"',
                       "      ")
    second = second_hand_note(speakers, rule)
    if second:
        lines += _wrap(f"note: this rule {second}.", "      ")
    if rule.assumption:
        lines += _wrap(f"assumption: {rule.assumption}", "      ")
    return lines


def explain_text(scenario: Scenario, fmt: Format, verdicts: dict[str, Verdict],
                 state: Mapping[str, Scalar], tested: Tested | None = None) -> str:
    """Every actor's verdict with its reasons, quotes and speakers; with `tested` (the
    saved ablation), whether the backtest tests each rule."""
    parties = scenario.parties(fmt)
    lines = [f"Format: {scenario.space.label(fmt)}",
             f"World state on {scenario.start}: {state_words(scenario.variables, state)}",
             f"Parties that must accept: {', '.join(scenario.actors[a].name for a in parties)}",
             ""]
    for name, verdict in verdicts.items():
        lines += verdict_text(scenario, verdict, name in parties, tested) + [""]
    ok = all(verdicts[a].accept for a in parties)
    blockers = [scenario.actors[a].name for a in parties if not verdicts[a].accept]
    lines.append("Meeting possible: yes" if ok else
                 f"Meeting possible: no (blocked by {', '.join(blockers)})")
    return "\n".join(lines)


def meetings_line(result: dict) -> str:
    """'Meetings held per replication: 1.2 on average (1: 80%, 2: 18%, 3 or more: 2%)'."""
    per = result.get("meetings_per_replication")
    if not per:
        return ""
    dist = {int(k): v for k, v in per["distribution"].items()}
    parts = [f"{k}: {v:.0%}" for k, v in sorted(dist.items()) if k < 3 and v]
    more = sum(v for k, v in dist.items() if k >= 3)
    if more:
        parts.append(f"3 or more: {more:.0%}")
    return (f"Meetings held per replication: {per['mean']:.2f} on average "
            f"({', '.join(parts)})")


def run_text(scenario: Scenario, result: dict, horizon_end, proposals: float | None = None
             ) -> str:
    """The human summary of `negsim run` (from the same dict that --json prints)."""
    lo, hi = result["p_meeting_ci"]
    median = result["median_days_to_first_meeting"]
    lines = [f"{scenario.spec.title} ({scenario.path})",
             f"{result['replications']} replications, seed {result['seed']}, from "
             f"{scenario.start} to {horizon_end} ({scenario.spec.horizon_days} days)", "",
             f"P(meeting by the horizon): {result['p_meeting']:.3f}  "
             f"(95% interval {lo:.3f} to {hi:.3f})",
             "Median days to the first meeting: "
             + ("none (no meeting in any replication)" if median is None
                else f"{median:g} (among replications with a meeting)"), ""]
    formats = result["first_meeting_formats"]
    lines.append("Formats of first meetings (share of all replications):" if formats
                 else "Formats of first meetings: none.")
    for item in formats[:10]:
        lines.append(f"  {item['share'] * 100:5.1f}%  {scenario.space.label(item['format'])}")
    if len(formats) > 10:
        rest = sum(i["share"] for i in formats[10:])
        lines.append(f"  {rest * 100:5.1f}%  ({len(formats) - 10} other formats)")
    lines += ["", "Refusals by actor and reason (all replications):"]
    if not result["refusals"]:
        lines.append("  none")
    for actor, reasons in result["refusals"].items():
        lines.append(f"  {scenario.actors[actor].name}:")
        for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
            lines.append(f"    {count:6d}  {reason}: {rule_sentence(scenario, actor, reason)}")
    if result.get("difference_vs_baseline"):
        d = result["difference_vs_baseline"]
        lines += ["", f"Against the baseline ({result['baseline']}), on the same random "
                      f"numbers:"] + _wrap(d["words"], "  ", "  ")
    lines += ["", meetings_line(result),
              f"Meetings agreed but cancelled on the day: {result['cancellations']}"]
    if proposals is not None:
        lines.append(f"Proposals made: {proposals:.1f} per replication on average")
    if result.get("results_dir"):
        lines += ["", f"Results: {result['results_dir']}/"]
    return "\n".join(lines)
