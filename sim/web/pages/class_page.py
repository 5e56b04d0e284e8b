"""The class view (/classroom/SESSION): every game of a session side by side (meetings
held, their formats, how often each seat departed from its modelled actor), the class's
outcomes against the model's Monte Carlo distribution for the same scenario, the
downloads, and every seat's debrief. Teacher only; prints on A4."""
from __future__ import annotations

import asyncio
import base64
import datetime as dt
import importlib
import math

from nicegui import ui

from ...model.scenario import Scenario
from ...play.classview import end_day, game_row, meetings_by, model_meeting_days
from ..common.chrome import message, note
from ..classroom.debrief_view import debrief_view, table, why_view
from ..classroom.exports import session_csv, session_json
from ..common.figure_text import class_rows, class_words, table_disclosure
from ..common.workers import spare
from ..classroom.room import GameRoom
from ..classroom.round_clock_view import round_clock_view
from .session import Session

MODEL_REPLICATIONS = 200
# (scenario digest, seed) -> the days of the meetings each model replication held
_model: dict[tuple[str, int], list[tuple[float, ...]]] = {}


def class_page(session: Session, sid: str) -> None:
    current = session.server.classroom.sessions.get(sid)
    if not session.teacher or current is None:
        message("The class view is the teacher's: unlock this tab on the Teacher page, and "
                "choose a session on the Classroom page.").classes("p-4").mark("locked")
        return
    with ui.column().classes("w-full p-4 gap-3"):
        with ui.row().classes("items-center gap-3 w-full"):
            ui.label(f"Class view: {current.title}").classes("text-xl font-bold")
            round_clock_view(session.server.classroom.round_clock)
            ui.space()
            with ui.row().classes("gap-2 no-print"):
                ui.button("Print", on_click=lambda: ui.run_javascript("window.print()")) \
                    .props("outline")
                ui.button("CSV", on_click=lambda: ui.download.content(
                    session_csv(current).encode(), f"classroom-{sid}.csv", "text/csv")) \
                    .props("outline")
                ui.button("JSON", on_click=lambda: ui.download.content(
                    session_json(current).encode(), f"classroom-{sid}.json",
                    "application/json")).props("outline")
        rows, games = [], []
        for room in current.rooms.values():
            row = game_row(room.scenario, room.game, room.names, room.seed, room.code)
            games.append(row)
            seats = [(f"{room.scenario.actors[a].name} ({n}): "
                      + (f"{s['departures']} of {s['decisions']} decisions departed from "
                         f"the model; {s['crossed']} crossed a red line"
                         + (f"; {s['by_model']} by the model at a deadline"
                            if s["by_model"] else "")), "")
                     for a, n in room.names.items() if (s := row["per_seat"].get(a))]
            rows.append([room.code, f"{room.scenario.spec.title}, seed {room.seed}",
                         state_words(room), str(row["meetings_held"]),
                         [(f, "") for f in row["formats"]] or "none", seats or "no person"])
        if not rows:
            note("No games in this session yet.")
            return
        table(["Game", "Scenario", "State", "Held", "Formats of the meetings held",
               "Seats: departures from the modelled actor"], [11, 15, 8, 10, 28, 28], rows,
              "class-table")
        figure = ui.column().classes("w-full")
        with figure:
            note("Drawing the class's games beside the model's distribution...")
        ui.timer(0.05, lambda: draw_figure(figure, current), once=True)
        for room in current.rooms.values():
            game_debriefs(room)


def game_debriefs(room: GameRoom) -> None:
    """One card per game with its seats' debriefs together: a group's page when printed
    (a new page for each game, kept whole when it fits)."""
    debriefs = [d for a in room.seats if (d := room.debrief(a)) is not None]
    if not debriefs:
        return
    with ui.card().classes("w-full print-game"):
        ui.label(f"Game {room.code} · {state_words(room)}").classes("text-sm text-gray-600")
        why_view(debriefs[0].get("why"))  # the game's paragraph once, above its seats
        for i, data in enumerate(debriefs):
            if i:
                ui.separator()
            debrief_view(room.scenario, data, why=False)


def state_words(room: GameRoom) -> str:
    """'over', or 'ended on day 33' for a game the teacher ended before its horizon (its
    meetings are counted to that day)."""
    game = room.game
    if game is not None and game.ended and end_day(game) < game.horizon:
        return f"ended on day {math.floor(end_day(game))}"
    return room.state


async def draw_figure(box: ui.column, current) -> None:
    """One figure per scenario, seed and day reached (usually one): a finished game is set
    against the model's runs up to the calendar day it reached (the horizon, or the day the
    teacher ended it), not against whole runs."""
    scenarios: dict[tuple[str, int], Scenario] = {}
    groups: dict[tuple[str, int, int], list] = {}  # (digest, seed, day) -> finished games
    for room in current.rooms.values():
        scenarios[(room.scenario.digest, room.seed)] = room.scenario
        if room.game is not None and room.game.over:
            day = math.floor(end_day(room.game))
            groups.setdefault((room.scenario.digest, room.seed, day), []).append(room)
    for (digest, seed), sc in scenarios.items():  # none finished: the model alone
        if not any(g[:2] == (digest, seed) for g in groups):
            groups[(digest, seed, sc.spec.horizon_days)] = []
    pictures = []
    order = list(scenarios)  # the session's order, then by day
    for (digest, seed, day), rooms in sorted(groups.items(),
                                             key=lambda g: (order.index(g[0][:2]), g[0][2])):
        sc = scenarios[(digest, seed)]
        if (digest, seed) not in _model:
            # on the server's own worker, not NiceGUI's (it forks from the server)
            _model[(digest, seed)] = await spare.call(
                model_meeting_days, sc, seed, MODEL_REPLICATIONS)
        played = [(r.code, r.game.record.meetings_held) for r in rooms]
        # to the earliest moment a game of the group reached: no model run gets more time
        until = min((end_day(r.game) for r in rooms), default=float(day))
        model = meetings_by(_model[(digest, seed)], until)
        date = sc.start + dt.timedelta(days=day)
        title = (f"{sc.spec.title}, seed {seed}: meetings held by {date} (day {day}), in "
                 f"the class's finished games and in the model's runs")
        # matplotlib (half a second) loads on the first class view, not at the server's
        # start, and on a thread: the event loop goes on serving the other pages meanwhile
        figures = await asyncio.to_thread(importlib.import_module, "sim.outputs.figures")
        fig = figures.class_figure(title, model, played)
        pictures.append((base64.b64encode(figures.png_data(fig)).decode(), title, model,
                         played))
    box.clear()
    with box:
        for png, title, model, played in pictures:
            image = ui.image(f"data:image/png;base64,{png}").classes("w-full max-w-4xl") \
                .mark("class-figure").props("data-testid=class-figure no-spinner "
                                            "no-transition")
            # what it shows and its numbers, for a screen reader (and a test)
            image.props["alt"] = class_words(title, model, played)
            table_disclosure([("held", "Meetings held"), ("model", "The model's replications"),
                              ("games", "The class's games")], class_rows(model, played),
                             "class-figure-table")
