"""What each command does, in the few sentences `negsim COMMAND --help` opens with and the
reference page repeats (the one-line `help` is the command list's)."""
from __future__ import annotations

DESCRIPTIONS: dict[str, str] = {
    "run": (
        "N replications of the engine: P(meeting by the horizon) with a 95% interval, the "
        "median days to the first meeting, the formats of first meetings, refusals by actor "
        "and reason, cancellations. A what-if (a file that `extends:` another, or any "
        "--set) is also run against its baseline on the same random numbers, with the "
        "paired difference and its interval (--no-baseline skips it). Writes "
        "results/<scenario>-<UTC time>/ with summary.json, replications.csv and the "
        "figures."),
    "sweep": (
        "P(meeting) with its 95% interval at every point of a grid over one or two "
        "parameters (the same seeds at every point), and each point's paired difference "
        "from the scenario as written (a grid point when its value is on the grid, else one "
        "more run beside the grid); writes sweep.csv and a figure."),
    "sensitivity": (
        "Global sensitivity analysis by SALib (Morris or Sobol): the parameters ranked by "
        "their effect on P(meeting) and on the median days to a meeting, with 95% "
        "intervals and a sentence on what the index means; sensitivity.csv, points.csv and "
        "a bar figure. Every design point runs the same seeds."),
    "compare": (
        "Several scenarios side by side with the same seeds: P(meeting), median days, top "
        "formats and refusal reasons, and each scenario's paired difference from the first "
        "(the baseline) with its interval; the curves overlaid (more than four: one small "
        "panel each, beside the baseline's)."),
    "report": (
        "One self-contained HTML handout of four A4 pages at most: the question and the "
        "answer, the formats that could produce a meeting, the outcome figures, what would "
        "have to change (paired differences on the same seeds), questions for discussion, "
        "the actors' rules with their quotes, and the world state with its sources."),
    "brief": (
        "The teaching package of a role-play, generated from the scenario and its "
        "params: a general brief (the case, its timeline, the world on the start date, the "
        "formats, the venues, every actor's public positions with quotes and speakers), one "
        "confidential brief per playable seat (its own rules, announced or not, its "
        "interests, its reservation level in words, what it may and may not concede), a "
        "teaching note (objectives, the 45- and 90-minute plans, what the model usually "
        "does, discussion questions with the model and the record), a debrief worksheet "
        "and a rubric. Each page as A4 HTML and, with Chromium or Chrome, as PDF, in "
        "results/<scenario>-brief-<UTC time>/ with an index.html."),
    "backtest": (
        "Replays the proposals a scenario scripts (proposals:) on their dates and compares "
        "each with what happened (expected:): date, proposal, simulated outcome and "
        "reasons, historical outcome, match. With a record:, the model also runs by itself "
        "and each reported count must lie inside its central 90% of seeds. Exit 0 when "
        "everything matches, 1 otherwise."),
    "play": (
        "Play one actor against the simulated others at a terminal, then read a debrief; "
        "or replay a game's transcript, every seat, with each seat's debrief."),
    "serve": (
        "The explorer and the classroom game in a browser, at http://127.0.0.1:8080/ by "
        "default; needs the [web] extra. It prints the teacher token once."),
    "init": "Copy the bundled case (params, scenarios and the instructor's guide) into a new "
            "folder to edit; run negsim there and the edited files are the ones used.",
    "check": (
        "Validate scenario and params files (default: every scenario). --strict: warnings "
        "are errors, and it lists every modelling assumption the file rests on, by actor. "
        "--paths: every PATH that --set PATH=VALUE can change, with its value now."),
    "feasible": (
        "Every format of the space for the world state on the start date: the possible "
        "ones first, then the blocked ones grouped by who blocks and why; --plot draws the "
        "venue x mediation heatmap."),
    "explain": "Each actor's verdict on one format, each reason with its sentence and its "
               "source quote.",
    "schema": "JSON Schema of the YAML files, for editors, with the names of a params folder "
              "as allowed values.",
    "docs": (
        "Write the documentation's reference pages (the command line, the rules, the world "
        "state, the file format) from the code and the params files; --check writes "
        "nothing and fails when a page is out of date."),
}
