"""Role-play: a person takes one actor's seat against the simulated others (`negsim play`).

The engine stays free of I/O: it calls a `Seat` when a proposal reaches the played actor or
its turn to propose comes. `PromptSeat` is that seat for a person: it shows the date, the
world, what happened since the last decision, the proposal and the actor's own stated
rules and preferences, and reads the answer from a terminal, a file or standard input. The
debrief puts every decision next to what the modelled actor would have done, the nearest
historical outcomes, and whether the formats the person refused were feasible.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from .decision import Verdict, broken_rules
from .engine import Compiled, Decision, Moment, Talks
from .render import show, state_line
from .scenario import Scenario


class Quit(Exception):
    """The person quit (or the scripted answers ran out): end the game, debrief."""


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), 88, initial_indent=indent,
                         subsequent_indent=indent)


class PromptSeat:
    """A person's seat. `ask(prompt)` returns one line (from the terminal, a file...);
    `say(text)` shows text. An invalid answer is asked again."""

    def __init__(self, scenario: Scenario, actor: str, ask: Callable[[str], str],
                 say: Callable[[str], None]):
        self.sc, self.actor, self.ask_line, self.say = scenario, actor, ask, say
        self.spec = scenario.actors[actor]
        self.rules = [*self.spec.red_lines, *self.spec.preconditions]

    # --- what the person sees -----------------------------------------------------------

    def intro(self) -> None:
        a = self.spec
        self.say(f"You are {a.name} ({', '.join(a.roles)}) in: {self.sc.spec.title}")
        if a.summary:
            self.say(_wrap(a.summary))
        self.say("\nYour stated red lines and preconditions:")
        for i, rule in enumerate(self.rules, 1):
            self.say(_wrap(f"{i}. {rule.says} [{rule.id}]", "  "))
            for c in rule.citations[:1]:
                self.say(_wrap(f'"{c.quote}" ({c.article})', "       "))
        if a.preferences:
            self.say("\nYour preferences (what you value, 0 to 1):")
            for p in a.preferences:
                best = sorted(p.scores.items(), key=lambda kv: -kv[1])[:3]
                self.say(_wrap(f"{p.dimension} (weight {p.weight:g}): best "
                               + ", ".join(f"{self.sc.space.value_label(p.dimension, v)} "
                                           f"{s:g}" for v, s in best), "  "))
        self.say("")

    def since(self, moment: Moment) -> None:
        lines = [describe(self.sc, e) for e in moment.since]
        lines = [ln for ln in lines if ln]
        if lines:
            self.say("Since your last decision:")
            for ln in lines[-12:]:
                self.say("  " + ln)
        self.say(f"\n== {moment.date} (day {int(moment.day)}) ==  World: "
                 f"{state_line(moment.state)}")

    # --- the seat protocol ----------------------------------------------------------------

    def answer(self, moment: Moment, proposer: str, fmt: dict[str, str],
               modelled: Verdict) -> Decision:
        self.since(moment)
        self.say(f"Proposal from {self.sc.actors[proposer].name}: {self.sc.space.label(fmt)}")
        broken = {r.id for r in broken_rules(self.spec, fmt, moment.state, self.sc.space)}
        for i, rule in enumerate(self.rules, 1):
            if rule.id in broken:
                self.say(_wrap(f"! It breaks your rule {i}: {rule.says}", "  "))
        self.say(f"  By your stated preferences it is worth {modelled.utility:.2f} "
                 f"(your reservation level today: {modelled.reservation:.2f}).")
        choice = self.ask_choice("[a]ccept, [r]efuse, [c]ounter-propose, [q]uit? ",
                                 {"a": "accept", "r": "refuse", "c": "counter", "q": "quit"})
        if choice == "quit":
            raise Quit
        if choice == "accept":
            return Decision("accept")
        reasons = self.ask_reasons()
        if choice == "refuse":
            return Decision("refuse", tuple(reasons))
        return Decision("counter", tuple(reasons), self.ask_format())

    def propose(self, moment: Moment) -> dict[str, str] | None:
        self.since(moment)
        choice = self.ask_choice("Your turn to propose a meeting: [p]ropose, [s]kip (pass), "
                                 "[q]uit? ",
                                 {"p": "propose", "s": "skip", "q": "quit"})
        if choice == "quit":
            raise Quit
        return self.ask_format() if choice == "propose" else None

    # --- asking -----------------------------------------------------------------------------

    def ask(self, prompt: str) -> str:
        line = self.ask_line(prompt)
        if line is None:
            raise Quit
        return line.strip()

    def ask_choice(self, prompt: str, options: dict[str, str]) -> str:
        words = {v: v for v in options.values()} | {"pass": "skip"}
        while True:
            text = self.ask(prompt).lower()
            if text in words and words[text] in options.values():
                return words[text]
            if len(text) == 1 and text in options:
                return options[text]
            self.say(f"  Please type one of: {', '.join(options)}.")

    def ask_reasons(self) -> list[str]:
        self.say("  Your reasons: numbers of your rules above (e.g. 1,3), or your own words.")
        while True:
            text = self.ask("  Reasons? ")
            parts = [p.strip() for p in text.split(",") if p.strip()]
            if parts and all(p.isdigit() for p in parts):
                if all(1 <= int(p) <= len(self.rules) for p in parts):
                    return [self.rules[int(p) - 1].id for p in parts]
                self.say(f"  Rule numbers go from 1 to {len(self.rules)}.")
                continue
            if text.strip():
                return [text.strip()]
            self.say("  Give at least one reason.")

    def ask_format(self) -> dict[str, str]:
        fmt = {}
        for dim in self.sc.space.dimensions:
            values = self.sc.space.values[dim]
            menu = "  ".join(f"{i}) {self.sc.space.value_label(dim, v)}"
                             for i, v in enumerate(values, 1))
            self.say(_wrap(f"{dim}: {menu}", "  "))
            while True:
                text = self.ask(f"  {dim} (1-{len(values)})? ")
                if text.isdigit() and 1 <= int(text) <= len(values):
                    fmt[dim] = values[int(text) - 1]
                    break
                self.say(f"  Please type a number from 1 to {len(values)}.")
        self.say(f"  You propose: {self.sc.space.label(fmt)}")
        return fmt


def describe(sc: Scenario, e: dict[str, Any]) -> str:
    """One trace entry in words, for the screen and the debrief."""
    date = (sc.start + dt.timedelta(days=int(e["day"]))).isoformat()
    name = lambda a: sc.actors[a].name  # noqa: E731
    kind = e["type"]
    if kind == "proposal":
        return f"{date}  proposal from {name(e['proposer'])}: {sc.space.label(e['format'])}"
    if kind == "answer":
        verb = "accepts" if e["accept"] else "refuses (" + ", ".join(e["reasons"]) + ")"
        return f"{date}  {name(e['actor'])} {verb}"
    if kind == "meeting_scheduled":
        return f"{date}  a meeting is agreed: {sc.space.label(e['format'])}"
    if kind == "meeting_held":
        return f"{date}  MEETING HELD: {sc.space.label(e['format'])}"
    if kind == "meeting_cancelled":
        return f"{date}  meeting cancelled on the day: {e['reasons']}"
    if kind == "event":
        sets = ", ".join(f"{k}={show(v)}" for k, v in e["set"].items())
        return f"{date}  the world changes: {sets} ({e['cause']})"
    return ""


@dataclass
class Game:
    """A finished (or quit) game: the record and the transcript."""

    scenario: Scenario
    actor: str
    seed: int
    talks: Talks
    quit_early: bool
    interrupted: bool = False

    @property
    def record(self):
        return self.talks.record


def play(scenario: Scenario, actor: str, seed: int, ask: Callable[[str], str],
         say: Callable[[str], None]) -> Game:
    """Run one replication with `actor` in a person's hands (replication 0 of `seed`)."""
    seat = PromptSeat(scenario, actor, ask, say)
    seat.intro()
    talks = Talks(Compiled(scenario), 0, seed, trace=True, seat=seat)
    quit_early = interrupted = False
    try:
        talks.run()
    except Quit:
        quit_early = True
    except KeyboardInterrupt:
        quit_early = interrupted = True
    return Game(scenario, actor, seed, talks, quit_early, interrupted)


# --- the debrief ---------------------------------------------------------------------------

def history_of(sc: Scenario) -> list:
    """The reported proposals with outcomes: the scenario's own, else those of the scenario
    its `history:` names (e.g. history-2023.yaml)."""
    known = [p for p in sc.spec.proposals if p.expected is not None]
    if not known and sc.spec.history:
        from .loading import load_scenario
        other = load_scenario(sc.path.parent / sc.spec.history)
        known = [p for p in other.spec.proposals if p.expected is not None]
    return known


def nearest_history(known: list, date: str) -> dict | None:
    from .backtest import expected_text
    if not known:
        return None
    day = dt.date.fromisoformat(date)
    p = min(known, key=lambda p: abs((p.date - day).days))
    return {"date": p.date.isoformat(), "note": " ".join(p.note.split()),
            "happened": expected_text(p.expected)}


def feasibility_then(sc: Scenario, actor: str, fmt: dict[str, str], state: dict) -> str:
    from .decision import evaluate
    blockers = [sc.actors[a].name for a in sc.parties(fmt) if a != actor
                and not evaluate(sc.actors[a], fmt, state, sc.space, actors=sc.actors).accept]
    return ("every other party would have accepted it" if not blockers
            else "also refused by " + ", ".join(blockers))


def debrief(game: Game) -> dict:
    """The transcript: the game's timeline and each decision beside the modelled actor's."""
    sc, rec = game.scenario, game.record
    known = history_of(sc)
    decisions = []
    for d in rec.seat_log:
        item = dict(d)
        if d["kind"] == "answer":
            item["modelled_decision"] = "accept" if d["modelled"]["accept"] else "refuse"
            item["agrees_with_model"] = (d["decision"] == "accept") == d["modelled"]["accept"]
            if d["decision"] != "accept":
                item["feasibility"] = feasibility_then(sc, game.actor, d["format"], d["state"])
        item["history"] = nearest_history(known, d.get("proposed_on", d["date"]))
        decisions.append(item)
    return {"scenario": sc.name, "actor": game.actor, "seed": game.seed,
            "quit_early": game.quit_early, "interrupted": game.interrupted,
            "timeline": [describe(sc, e) for e in rec.trace if describe(sc, e)],
            "decisions": decisions, "met": rec.met, "meetings_held": rec.meetings_held}


def debrief_text(game: Game, data: dict) -> str:
    sc = game.scenario
    lines = ["", "=" * 30 + " DEBRIEF " + "=" * 30,
             f"You played {sc.actors[game.actor].name}. Meetings held: {data['meetings_held']}."]
    for i, d in enumerate(data["decisions"], 1):
        if d["kind"] == "answer":
            lines.append(f"\n{i}. {d['date']}: proposal from {sc.actors[d['proposer']].name}: "
                         f"{sc.space.label(d['format'])}")
            you = d["decision"] + (f" ({'; '.join(d['reasons'])})" if d["reasons"] else "")
            if d.get("counter"):
                you += f"; proposed instead: {sc.space.label(d['counter'])}"
            model = d["modelled_decision"] + (f" ({', '.join(d['modelled']['reasons'])})"
                                              if d["modelled"]["reasons"] else "")
            lines += [f"   you:   {you}", f"   model: {model}  "
                      f"[worth {d['modelled']['utility']:.2f} vs reservation "
                      f"{d['modelled']['reservation']:.2f}]"]
            if "feasibility" in d:
                lines.append(f"   that format: {d['feasibility']}")
        else:
            mine = sc.space.label(d["format"]) if d["format"] else "passed"
            theirs = d["modelled"]["format"]
            lines += [f"\n{i}. {d['date']}: your turn to propose",
                      f"   you:   {mine}",
                      f"   model: {sc.space.label(theirs) if theirs else 'would pass'}"]
        if d.get("history"):
            h = d["history"]
            lines.append(f"   history ({h['date']}): {h['note']} -> {h['happened']}")
    return "\n".join(lines)


def debrief_html(game: Game, data: dict, figure_png: str | None) -> str:
    e = html.escape
    rows = []
    for d in data["decisions"]:
        if d["kind"] == "answer":
            what = f"Proposal from {e(game.scenario.actors[d['proposer']].name)}: " \
                   f"{e(game.scenario.space.label(d['format']))}"
            you = e(d["decision"] + (": " + "; ".join(d["reasons"]) if d["reasons"] else "")
                    + (f"; proposed instead: {game.scenario.space.label(d['counter'])}"
                       if d.get("counter") else ""))
            model = e(d["modelled_decision"] + (": " + ", ".join(d["modelled"]["reasons"])
                                                if d["modelled"]["reasons"] else ""))
            extra = e(d.get("feasibility", ""))
        else:
            what = "Your turn to propose"
            you = e(game.scenario.space.label(d["format"]) if d["format"] else "passed")
            theirs = d["modelled"]["format"]
            model = e(game.scenario.space.label(theirs) if theirs else "would pass")
            extra = ""
        hist = d.get("history")
        hist_text = e(f"{hist['date']}: {hist['note']} -> {hist['happened']}") if hist else ""
        rows.append(f"<tr><td>{e(d['date'])}</td><td>{what}</td><td>{you}</td>"
                    f"<td>{model}</td><td>{extra}</td><td>{hist_text}</td></tr>")
    timeline = "".join(f"<li>{e(t)}</li>" for t in data["timeline"])
    image = f'<img alt="timeline" src="data:image/png;base64,{figure_png}">' if figure_png else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Debrief: {e(game.scenario.actors[game.actor].name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ddd;padding:.3rem;vertical-align:top}}
th{{background:#f4f4f4}}img{{max-width:100%}}</style></head><body>
<h1>Debrief: you played {e(game.scenario.actors[game.actor].name)}</h1>
<p>{e(game.scenario.spec.title)} · seed {game.seed} · meetings held: {data['meetings_held']}</p>
{image}
<h2>Your decisions beside the modelled actor's</h2>
<table><tr><th>Date</th><th>Situation</th><th>You</th><th>The model</th>
<th>The format you refused</th><th>Nearest historical outcome</th></tr>{''.join(rows)}</table>
<h2>Timeline</h2><ul>{timeline}</ul></body></html>
"""


def save(game: Game, data: dict, folder: Path) -> None:
    """transcript.json, debrief.html (with the timeline figure) and timeline.png."""
    import base64

    from . import plots
    (folder / "transcript.json").write_text(json.dumps(data, indent=2) + "\n")
    png = None
    if game.record.trace:
        fig = plots.timeline_figure(game.record, game.scenario,
                                    "Your game: who proposed, who answered how, and what "
                                    "changed the world (dotted lines)")
        plots.save(fig, folder, "timeline")
        png = base64.b64encode((folder / "timeline.png").read_bytes()).decode()
    (folder / "debrief.html").write_text(debrief_html(game, data, png), encoding="utf-8")


def lines_from(stream) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")
