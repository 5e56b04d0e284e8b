"""The sources page: each article and the sentences of it that the rules cite; then the
historical record (the proposals the articles report) beside what the model does with
them, with the explorer's changes to the actors applied."""
from __future__ import annotations

from typing import Iterator

from nicegui import ui

from ...model.scenario import Scenario
from ..common.chrome import message, note
from ..common.library import Refused
from .session import Session


def citations(scenario: Scenario) -> Iterator[tuple[str, str, str]]:
    """(article id, quote, who cites it and for what) for every cited sentence."""
    for name, actor in scenario.actors.items():
        items = [(f"{kind[:-1].replace('_', ' ')} {r.id}: {' '.join(r.says.split())}", r)
                 for kind in ("red_lines", "preconditions", "assumptions", "lapses")
                 for r in getattr(actor, kind)]
        items += [(f"preference on {p.dimension}", p) for p in actor.preferences]
        items += [(f"reaction {r.id}", r) for r in actor.reactions]
        items += [(f"concession of its reservation ({c.per_day:+g} a day)", c)
                  for c in actor.concessions]
        items += [(f"influence on {i.target}", i) for i in actor.influence]
        if actor.proposer is not None:
            items.append(("how often it proposes", actor.proposer))
        for what, item in items:
            for c in item.citations:
                yield c.article, c.quote, f"{actor.name}, {what}"
    for var, setting in scenario.spec.state.items():
        for c in getattr(setting, "citations", []):
            yield c.article, c.quote, f"the starting world state: {var}"
    for event in scenario.spec.events:
        for c in event.citations:
            yield c.article, c.quote, f"event {event.id}: {' '.join(event.says.split())}"


def sources_page(session: Session) -> None:
    ex = session.explorer
    scenario = ex.scenario()
    with ui.column().classes("w-full p-4 gap-3 max-w-[110rem]"):
        ui.label(f"Sources of: {scenario.spec.title}").classes("text-xl font-bold")
        note("Every rule and number cites the sentence of the article it comes from, or says "
             "what was assumed. Quotes keep each speaker's words.")
        by_article: dict[str, list[tuple[str, str]]] = {}
        for article, quote, who in citations(scenario):
            by_article.setdefault(article, []).append((quote, who))
        history_card(session)
        for aid, article in scenario.articles.items():
            with ui.card().classes("w-full").mark(f"article-{aid}"):
                ui.label(article.title).classes("text-lg font-bold")
                ui.label(f"{', '.join(article.authors)}, {article.outlet}, "
                         f"{article.published}").classes("text-sm text-gray-600")
                cited = by_article.get(aid, [])
                if not cited:
                    note("Not cited by this scenario's rules.")
                for quote, who in cited:
                    with ui.column().classes("gap-0 border-l-4 border-slate-300 pl-3"):
                        ui.label(f"“{' '.join(quote.split())}”").classes("italic")
                        ui.label(who).classes("text-xs text-gray-600")


def history_card(session: Session) -> None:
    ex = session.explorer
    with ui.card().classes("w-full").mark("history"):
        ui.label("The historical record beside the model").classes("text-xl font-bold")
        try:
            found = session.server.library.history(session.entry.name, ex.rule_overrides())
        except Refused as exc:
            message(str(exc))
            return
        if found is None:
            note("This scenario names no historical record (history:).")
            return
        history, result = found
        note(f"{history.spec.title}: every proposal the articles report, replayed on its date "
             f"with the world state of that date"
             + (", and with your changes to the actors." if ex.rule_overrides() else "."))
        rows = [{"date": r.date, "by": history.actors[r.proposer].name,
                 "format": history.space.label(r.format), "note": r.note,
                 "happened": r.expected,
                 "model": r.simulated + "".join(f"; {history.actors[a].name}: {', '.join(ids)}"
                                                for a, ids in r.reasons.items()),
                 "match": {"match": "yes", "mismatch": "no", "consistent": "untested",
                           "inconsistent": "no"}[r.judgement.status]}
                for r in result.rows]
        ui.table(columns=[{"name": k, "label": label, "field": k, "align": "left",
                           # narrow enough for every column on a 1280 px projector
                           "style": "white-space: nowrap" if k in ("date", "match") else
                           "min-width: 7rem; overflow-wrap: anywhere"}
                          for k, label in (("date", "Date"), ("by", "Proposed by"),
                                           ("format", "Format"), ("note", "What the articles "
                                                                  "report"),
                                           ("happened", "What happened"),
                                           ("model", "The model"), ("match", "Same?"))],
                 rows=rows).props("dense flat wrap-cells").classes("w-full") \
            .mark("history-table")
        untested = len(result.rows) - len(result.testable)
        ui.label(f"{result.matched} of {len(result.testable)} reported proposals that can test "
                 f"the model end as they did in 2023, for the reasons the sources give"
                 + (f"; {untested} cannot test it (the sources give no reason)."
                    if untested else ".")).classes("font-medium").mark("history-matched")
