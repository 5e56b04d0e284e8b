"""The explorer page: switch rules, move reservations and weights, choose the world state;
see at once which formats could produce a meeting, then Run the what-if beside the
unchanged scenario, and download it as a scenario file.

Every control calls one `Explorer` method and then redraws the heatmap, the list of
possible formats and the list of changes; the numbers all come from `Explorer`.
"""
from __future__ import annotations

from nicegui import run as background, ui

from ...model.actors import Actor
from ...files.tested import read_tested
from ...model.labels import preference_condition
from ...model.sources import second_hand_note, source_label, speaker_label
from ...outputs import analysis
from ..common.chrome import message, note
from ..explorer.explorer import describe, show
from ..explorer.heatmap_view import HeatmapView
from ..common.library import Refused
from ..explorer.results_view import draw_results
from ..common.gate import show_progress
from ..common.runs import RunRefused, check_replications, check_seed
from .session import Session

KINDS = {"red_lines": "red line", "preconditions": "precondition",
         "assumptions": "the model's assumption", "lapses": "assumed lapse of its rules"}


def explorer_page(session: Session) -> None:
    ExplorerView(session).page()


class ExplorerView:
    """One tab's explorer: draws the session's `Explorer` and forwards every change."""

    def __init__(self, session: Session):
        self.session = session
        self.comparison = None
        self.running = False
        self._start()

    def _start(self) -> None:
        ex = self.session.explorer
        # which rules the backtest tests: the saved ablation of the scenario's history
        self.tested = read_tested(ex.base)
        self.first_cells = analysis.most_permissive(ex.table())  # agenda, delegation
        caps = self.session.server.runner.caps
        self.n = min(ex.base.spec.replications, caps.max_replications)
        self.seed = ex.base.spec.seed
        self.comparison = None

    @ui.refreshable_method
    def page(self) -> None:
        entry = self.session.entry
        ex = self.session.explorer
        library = self.session.server.library
        with ui.column().classes("w-full p-4 gap-3"):
            with ui.row().classes("w-full items-center gap-4"):
                ui.select({n: e.title for n, e in library.entries.items()}, value=entry.name,
                          label="Scenario", on_change=lambda e: self.choose(e.value)) \
                    .classes("min-w-[28rem]").mark("scenario")
                if ex.base.spec.question:
                    ui.label(" ".join(ex.base.spec.question.split())) \
                        .classes("text-gray-700 italic flex-1")
            with ui.row().classes("w-full items-start gap-4 no-wrap max-lg:flex-wrap"):
                with ui.column().classes("w-5/12 max-lg:w-full gap-3"):
                    self.state_card()
                    for name, actor in ex.base.actors.items():
                        self.actor_card(name, actor)
                # (z-[1]: without a stacking context of its own, axe-core takes the
                # sticky column's buttons to lie on the page's background)
                with ui.column().classes("flex-1 gap-3 min-w-0 lg:sticky lg:top-20 lg:z-[1] "
                                         "lg:max-h-[calc(100vh-6rem)] lg:overflow-y-auto"):
                    self.changes()
                    with ui.tabs().classes("w-full bg-white rounded shadow-sm") \
                            .props("align=left no-caps") as tabs:
                        blocks = ui.tab("Who blocks which format").mark("tab-blocks")
                        runs = ui.tab("Run the what-if").mark("tab-run")
                    with ui.tab_panels(tabs, value=blocks).classes("w-full bg-transparent") \
                            .props("keep-alive"):
                        with ui.tab_panel(blocks).classes("p-0 gap-3"):
                            self.heat = HeatmapView(self.session, *self.first_cells)
                            self.formats()
                        with ui.tab_panel(runs).classes("p-0"):
                            self.run_card()

    def choose(self, name: str) -> None:
        library = self.session.server.library
        if name not in library.entries or (name == self.session.name
                                           and self.session.name in library.entries):
            return
        self.session.choose(name)
        self._start()
        self.page.refresh()

    def changed(self) -> None:
        self.heat.paint()
        self.formats.refresh()
        self.changes.refresh()

    # --- the controls -------------------------------------------------------------------
    def state_card(self) -> None:
        ex = self.session.explorer
        with ui.card().classes("w-full"):
            ui.label(f"World state on {ex.base.start}").classes("text-lg font-bold")
            with ui.row().classes("gap-3"):
                for var, spec in ex.base.variables.items():
                    def pick(e, var=var) -> None:
                        ex.set_state(var, e.value)
                        self.changed()
                    # each value in its words from the params (the key stays as `--set`
                    # writes it)
                    ui.select({show(v): spec.words(v) for v in spec.values},
                              value=show(ex.state_value(var)), label=spec.name(var),
                              on_change=pick).classes("min-w-[15rem]").mark(f"state-{var}") \
                        .props(f"data-testid=state-{var}").tooltip(" ".join(spec.says.split()))

    def actor_card(self, name: str, actor: Actor) -> None:
        ex = self.session.explorer
        roles = ", ".join(actor.roles)
        with ui.expansion(actor.name, caption=roles, value=name in ex.base.principals) \
                .classes("w-full bg-white rounded shadow-sm").mark(f"actor-{name}"):
            if actor.summary:
                note(" ".join(actor.summary.split()))
            caption = ui.label().classes("text-sm")

            def say() -> None:
                q = ex.scenario().actors[name].reservation
                caption.set_text(f"Reservation level: {ex.reservation(name):.2f} "
                                 f"({describe(q)})")

            def move(e) -> None:
                ex.set_reservation(name, e.value)
                say()
                self.changed()
            say()
            slider = ui.slider(min=0, max=1, step=0.01, value=ex.reservation(name),
                               on_change=move) \
                .props(f"label data-testid=reservation-{name}").mark(f"reservation-{name}")
            slider.props["aria-label"] = f"Reservation level of {actor.name}"
            for pref in actor.preferences:
                key = pref.id or pref.dimension  # as --set addresses it

                def weigh(e, key=key) -> None:
                    ex.set_weight(name, key, e.value)
                    self.changed()
                when = preference_condition(ex.base.variables, pref)
                with ui.row().classes("w-full items-center no-wrap gap-2"):
                    ui.label(f"weight of {pref.dimension}{when}").classes("text-sm w-40")
                    slider = ui.slider(min=0, max=1, step=0.05, value=ex.weight(name, key),
                                       on_change=weigh).props("label").classes("flex-1") \
                        .mark(f"weight-{name}-{key}")
                    slider.props["aria-label"] = \
                        f"{actor.name}: weight of {pref.dimension}{when}"
            for kind, word in KINDS.items():
                for rule in getattr(actor, kind):
                    self.rule_row(name, kind, word, rule)

    def rule_row(self, name: str, kind: str, word: str, rule) -> None:
        ex = self.session.explorer

        def flip(e) -> None:
            ex.set_rule(name, kind, rule.id, e.value)
            self.changed()
        with ui.row().classes("w-full no-wrap items-start gap-2 border-t border-gray-200 pt-2"):
            switch = ui.switch(value=ex.rule_enabled(name, kind, rule.id), on_change=flip) \
                .mark(f"rule-{name}-{rule.id}").props(f"data-testid=rule-{name}-{rule.id}")
            # the switch's name: what it turns on or off (the rule's words beside it)
            switch.props["aria-label"] = f"{word} {rule.id}: {' '.join(rule.says.split())}"
            with ui.column().classes("gap-0 flex-1"):
                ui.label(" ".join(rule.says.split())).classes("font-medium")
                public = ("" if not hasattr(rule, "public") else " · public" if rule.public
                          else " · private: learned from refusals")
                ui.label(f"{word} {rule.id}{public}").classes("text-xs text-gray-500")
                for c in rule.citations:
                    where = source_label(ex.base.articles, c.article)
                    who = speaker_label(ex.base.speakers, c.by)
                    ui.label(f"“{' '.join(c.quote.split())}” ({who + ', ' if who else ''}"
                             f"{where})").classes("text-xs text-gray-700 italic")
                second = second_hand_note(ex.base.speakers, rule)
                if second:
                    ui.label(f"Note: this rule {second}.").classes("text-xs text-amber-800")
                tested = self.tested.words(name, rule.id) if self.tested else ""
                if tested:
                    ui.label(f"Backtest: {tested}.").classes("text-xs text-gray-600") \
                        .mark(f"tested-{name}-{rule.id}")
                if rule.assumption:
                    ui.label(f"Assumption: {' '.join(rule.assumption.split())}") \
                        .classes("text-xs text-amber-800")

    # --- what the changes give ----------------------------------------------------------
    @ui.refreshable_method
    def formats(self) -> None:
        ex = self.session.explorer
        possible = ex.possible_formats()
        total = len(ex.table().rows)
        with ui.card().classes("w-full").mark("formats"):
            ui.label(f"{len(possible)} of {total} formats could produce a meeting") \
                .classes("text-lg font-bold")
            for label in possible[:12]:
                ui.label(label).classes("text-sm")
            if len(possible) > 12:
                note(f"... and {len(possible) - 12} more (every agenda and delegation).")

    @ui.refreshable_method
    def changes(self) -> None:
        ex = self.session.explorer
        with ui.card().classes("w-full gap-1").mark("changes"):
            with ui.row().classes("w-full items-center gap-2"):
                ui.label("What you changed").classes("text-lg font-bold")
                ui.space()
                ui.button("Reset", on_click=self.reset).props("outline dense")
                ui.button("Download as scenario", icon="download", on_click=self.download) \
                    .props("dense").mark("download")
            if not ex.changed:
                note("Nothing yet: this is the scenario as its files say.")
            for text in ex.set_strings():
                ui.label(text).classes("text-xs font-mono break-all")
            note(f"The download extends {ex.base_file}: save it beside {ex.base_file} (in "
                 f"scenarios/); negsim run {ex.download_name()} gives the numbers of Run.")

    def reset(self) -> None:
        self.session.explorer.reset()
        self.page.refresh()

    def download(self) -> None:
        ex = self.session.explorer
        ui.download.content(ex.whatif_yaml(self.n, self.seed).encode(), ex.download_name(),
                            "application/yaml")

    # --- Run --------------------------------------------------------------------------
    def run_card(self) -> None:
        caps = self.session.server.runner.caps
        with ui.card().classes("w-full"):
            ui.label("Run: the what-if beside the unchanged scenario, same seeds") \
                .classes("text-lg font-bold")
            with ui.row().classes("items-center gap-3"):
                # no min/max: NiceGUI would clamp a mistake silently (999999 ran 5,000);
                # `check_replications` says what is allowed instead
                ui.number(f"Replications (1-{caps.max_replications:,})", step=100) \
                    .bind_value(self, "n").classes("w-44").mark("n")
                ui.number("Seed", step=1).bind_value(self, "seed").classes("w-28").mark("seed")
                self.button = ui.button("Run", icon="play_arrow", on_click=self.run) \
                    .mark("run")
            self.bar = ui.linear_progress(value=0, show_value=False).classes("w-full") \
                .props("animation-speed=150").mark("progress")
            self.status = message().mark("run-status").props("data-testid=run-status")
            self.results()

    @ui.refreshable_method
    def results(self) -> None:
        if self.comparison is not None:
            draw_results(self.session.explorer.base, *self.comparison)

    async def run(self) -> None:
        if self.running:
            return
        session, caps = self.session, self.session.server.runner.caps
        if session.name not in session.server.library.entries:  # removed by the teacher
            self.choose(session.server.library.default())
            return
        try:
            n, seed = check_replications(self.n, caps), check_seed(self.seed)
        except RunRefused as exc:
            self.status.set_text(str(exc))
            return
        ex, entry = session.explorer, session.entry
        self.running = True
        self.button.disable()
        self.bar.set_value(0)
        self.status.set_text(f"Running {n:,} replications of each...")
        progress: dict = {"done": 0, "total": 1, "ahead": None}

        def step(done: int, total: int) -> None:  # (0 as it starts)
            progress.update(done=done, total=total, ahead=None)

        def waiting(ahead: int) -> None:
            progress["ahead"] = ahead
        timer = ui.timer(0.2, lambda: show_progress(self.bar, self.status, progress, n,
                                                           caps.max_runs))
        try:
            whatif = await background.io_bound(session.server.library.load, entry.name,
                                               ex.overrides())
            comparison = await background.io_bound(session.server.runner.compare,
                                                   entry.scenario, whatif, n, seed, step,
                                                   waiting)
        except (RunRefused, Refused) as exc:
            self.status.set_text(str(exc))
            return
        finally:
            timer.cancel()
            self.running = False
            self.button.enable()
        self.bar.set_value(1)
        self.comparison = (comparison, ex.set_strings())
        self.status.set_text(f"Done: {n:,} replications each, seed {seed}.")
        self.results.refresh()
        ui.run_javascript(f"document.getElementById('c{self.status.id}')"
                          f".scrollIntoView({{behavior: 'smooth', block: 'start'}})")
