"""The class view (/classroom/SESSION): every game of a session side by side (meetings
held, their formats, how often each seat departed from its modelled actor), the class's
outcomes against the model's Monte Carlo distribution for the same scenario, the
downloads, and every seat's debrief. Teacher only; prints on A4."""
from __future__ import annotations

import base64
from collections import Counter

from nicegui import run as background
from nicegui import ui

from ..outputs.figures import class_figure, png_data
from ..play.classview import game_row, model_meetings
from .chrome import message, note
from .debrief_view import debrief_view, table
from .exports import session_csv, session_json
from .session import Session

MODEL_REPLICATIONS = 200
_model: dict[tuple[str, int], Counter] = {}  # (scenario digest, seed) -> meetings per rep


def class_page(session: Session, sid: str) -> None:
    current = session.server.classroom.sessions.get(sid)
    if not session.teacher or current is None:
        message("The class view is the teacher's: unlock this tab on the Teacher page, and "
                "choose a session on the Classroom page.").classes("p-4").mark("locked")
        return
    with ui.column().classes("w-full p-4 gap-3"):
        with ui.row().classes("items-center gap-3 w-full"):
            ui.label(f"Class view: {current.title}").classes("text-xl font-bold")
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
                         room.state, str(row["meetings_held"]),
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
            for actor in room.seats:
                data = room.debrief(actor)
                if data is not None:
                    with ui.card().classes("w-full").style("break-before: page"):
                        ui.label(f"Game {room.code}").classes("text-sm text-gray-600")
                        debrief_view(room.scenario, data)


async def draw_figure(box: ui.column, current) -> None:
    """One figure per scenario and seed of the session (usually one)."""
    groups: dict[tuple[str, int], list] = {}
    for room in current.rooms.values():
        groups.setdefault((room.scenario.digest, room.seed), []).append(room)
    pictures = []
    for (digest, seed), rooms in groups.items():
        if (digest, seed) not in _model:
            _model[(digest, seed)] = await background.cpu_bound(
                model_meetings, rooms[0].scenario, seed, MODEL_REPLICATIONS)
        played = [(r.code, r.game.record.meetings_held) for r in rooms
                  if r.game is not None and r.game.over]
        title = (f"{rooms[0].scenario.spec.title}, seed {seed}: meetings held in the class's "
                 f"finished games and by the model alone")
        fig = class_figure(title, _model[(digest, seed)], played)
        pictures.append(base64.b64encode(png_data(fig)).decode())
    box.clear()
    with box:
        for png in pictures:
            ui.image(f"data:image/png;base64,{png}").classes("w-full max-w-3xl") \
                .mark("class-figure").props("data-testid=class-figure no-spinner "
                                            "no-transition")
