"""The record and the ablation in words, for the terminal: what the sources report beside
the model running by itself, and which rules the record tests."""
from __future__ import annotations

from ..model.scenario import Scenario
from ..studies.ablation import Ablation
from ..studies.record import CENTRAL, RecordCheck

KIND_WORDS = {"red_line": "red line", "precondition": "precondition",
              "assumption": "the model's assumption", "lapse": "the model's assumption (lapse)",
              "reaction": "reaction", "demand": "demand", "event": "dated event"}


def record_text(scenario: Scenario, check: RecordCheck) -> str:
    """A table: each count the sources report, the model's median and central 90%, the
    share of seeds as reported, and whether the record lies inside."""
    lines = [f"The model running by itself, counted {check.first_day} to {check.last_day} "
             f"({check.seeds:,} seeds, each starting from the world of {scenario.start}; "
             f"the actors propose, answer and react; no scripted proposal):", ""]
    width = max(len(i.says) for i in check.items)
    lines.append(f"  {'':<{width}}  {'record':>10}  {'model':>6}  {'central 90%':>11}  "
                 f"{'as reported':>11}")
    for i in check.items:
        lo, hi = i.central
        span = f"{lo} to {hi}" if lo != hi else f"{lo}"
        flag = "" if i.inside else "   OUTSIDE"
        lines.append(f"  {i.says:<{width}}  {i.reported:>10}  {i.quantile(0.5):>6}  "
                     f"{span:>11}  {i.share:>10.1%}{flag}")
    lines.append("")
    lines.append(f"Every count as reported, all together: {check.all_as_reported:.1%} of seeds.")
    if check.passed:
        lines.append(f"The record lies inside the model's central {CENTRAL:.0%} on every "
                     f"count.")
    else:
        out = [i.says for i in check.items if not i.inside]
        lines.append(f"The record lies OUTSIDE the model's central {CENTRAL:.0%} on: "
                     f"{'; '.join(out)}.")
    return "\n".join(lines)


def ablation_text(scenario: Scenario, ablation: Ablation) -> str:
    """The parts the record tests (with what fails without each) and those it does not."""
    lines = [f"Ablation: each rule, assumption, reaction, demand and dated event removed in "
             f"turn ({ablation.seeds:,} seeds for each scripted row, "
             f"{ablation.record_seeds:,} for the record).", "",
             "Tested by the record (without it, these rows or record items fail):"]
    for p in ablation.tested:
        lines.append(f"  {p.id} ({KIND_WORDS[p.kind]}): {', '.join(ablation.fails[p.id])}")
    lines += ["", "Not tested by any row (removing it changes no row or record item):"]
    for p in ablation.untested:
        lines.append(f"  {p.id} ({KIND_WORDS[p.kind]})")
    if ablation.baseline_failing:
        lines += ["", f"Failing with everything in place: "
                      f"{', '.join(ablation.baseline_failing)}."]
    return "\n".join(lines)
