"""What each command's `--json` prints, key by key: the one place the reference page is
written from, and what a test holds the real output against (so a key added to a command
and not here, or named here and gone from the command, fails the tests).

Other tools and lessons read these keys; renaming one breaks them, so a change here is a
change of the command's contract."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One key of a command's JSON: its name, what it holds, and when it is there."""

    name: str
    means: str
    when: str = ""          # empty: always there
    items: tuple[str, ...] = ()  # the keys of each item, for a list of objects


SUMMARY = (
    Key("p_meeting", "P(meeting by the horizon), over all replications"),
    Key("p_meeting_ci", "its 95% interval, [low, high]"),
    Key("median_days_to_first_meeting",
        "median days to the first meeting, among replications with one (null if none)"),
)

JSON_KEYS: dict[str, tuple[Key, ...]] = {
    "run": (
        Key("scenario", "the scenario's id"),
        Key("seed", "the seed used"),
        Key("replications", "how many replications were run"),
        *SUMMARY,
        Key("first_meeting_formats", "formats of first meetings, most frequent first",
            items=("format", "share")),
        Key("refusals", "refusals counted by actor, then by reason: {actor: {reason: count}}"),
        Key("cancellations", "meetings agreed but cancelled on the day"),
        Key("meetings_per_replication", "meetings held per replication: `mean`, and "
                                        "`distribution` {count: share}"),
        Key("baseline", "the scenario the what-if is measured against, in words",
            when="a what-if (`--set`, or a file that `extends:` another)"),
        Key("difference_vs_baseline",
            "the paired difference from the baseline on the same random numbers: "
            "`p_meeting` {estimate, ci, replications_for_half_width_0_02}, `median_days` "
            "{estimate, ci} or null, and `words`",
            when="a what-if, without `--no-baseline`"),
        Key("results_dir", "the results folder written"),
    ),
    "feasible": (
        Key("scenario", "the scenario's id"),
        Key("date", "the day whose world state the table is for (the start)"),
        Key("formats", "every format of the space",
            items=("format", "meeting_possible", "blocked_by")),
    ),
    "explain": (
        Key("format", "the format asked about, {dimension: value}"),
        Key("meeting_possible", "whether every party to it accepts"),
        Key("verdicts", "each actor's verdict, by actor id: {party, accept, utility, "
                        "reservation, reasons, lapsed}; each reason with its sentence, "
                        "quotes and whether the record tests it"),
    ),
    "sweep": (
        Key("points", "every point of the grid",
            items=("values", "p_meeting", "p_meeting_ci", "median_days_to_first_meeting",
                   "difference_vs_baseline")),
        Key("baseline", "the scenario as written; a value is null when the file draws it "
                        "from a distribution; `point` is its grid index, or null",
            items=("values", "p_meeting", "p_meeting_ci", "median_days_to_first_meeting",
                   "point")),
        Key("results_dir", "the results folder written"),
    ),
    "sensitivity": (
        Key("method", "`morris` or `sobol`"),
        Key("what_it_means", "a sentence on what the index measures"),
        Key("indices", "each parameter's index on P(meeting), with `conf` the half width "
                       "of its 95% interval, and on the median days (`days_...`): Morris "
                       "gives `mu_star`, `mu`, `sigma`, `days_mu_star`, `days_conf`; Sobol "
                       "gives `S1`, `ST`, `ST_conf`, `days_S1`, `days_conf`",
            items=("param", "label", "conf", "days_conf")),
        Key("warnings", "sample-size warnings, in words (empty when none)"),
        Key("results_dir", "the results folder written"),
    ),
    "compare": (
        Key("scenarios", "each scenario, the first being the baseline (it alone has no "
                         "`difference_vs_baseline`)",
            items=("scenario", "title", "p_meeting", "p_meeting_ci",
                   "median_days_to_first_meeting", "top_formats", "top_refusals")),
        Key("results_dir", "the results folder written"),
    ),
    "backtest": (
        Key("rows", "each scripted proposal beside what happened",
            items=("id", "date", "date_estimated", "proposer", "format", "expected",
                   "simulated", "reasons", "match", "status", "extra_reasons",
                   "extra_refusers", "missing_refusers")),
        Key("matched", "rows that match"),
        Key("total", "rows"),
        Key("testable", "rows that can test the model (the sources give a reason)"),
        Key("record", "the model's free run held against the record: {first_day, "
                      "last_day, seeds, seed, items, all_as_reported, inside}",
            when="a scenario with `record:`"),
        Key("robustness", "{seeds, row_shares, parameters}", when="`--robustness`"),
        Key("ablation", "for each part removed, the rows and record items failing "
                        "without it", when="`--ablate`"),
        Key("kinds", "each removed part's kind", when="`--ablate`"),
        Key("tested", "parts some row or record item needs", when="`--ablate`"),
        Key("untested", "parts no row or record item needs", when="`--ablate`"),
        Key("seeds", "seeds per row in the ablation", when="`--ablate`"),
        Key("record_seeds", "seeds of the record in the ablation", when="`--ablate`"),
        Key("failing_with_everything", "what fails with every part in place",
            when="`--ablate`"),
        Key("passed", "the exit code's verdict: every row and the record as reported"),
    ),
}
