"""A page's subscription to a game's changes, which lives and dies with the page.

Why an element: NiceGUI deletes a page's elements when the tab goes to another page of the
app (sub-pages), and all of a client's elements when its browser has been gone longer than
the reconnect timeout. A subscription held by an element of the page ends then too, so a
room never keeps calling, nor keeps alive, a page nobody sees (a `ui.timer` ends the same
way). The element is an empty, hidden div: nothing to see, nothing for a screen reader.

Why the redraw waits for the next turn of the event loop: the change comes from whoever
made it, often another student's click, inside that client's handler. Drawn there, this
page's new elements would land in the other page. Scheduled, it runs in this page's own
slot, after the click's own page has been answered, and several changes made by one
handler (a decision writes several lines) are one redraw. A page that need not follow every
step (the teacher's card of each game, while ten games run) asks for at most one redraw
every `every` seconds: the last change is still drawn, at the end of the interval.
"""
from __future__ import annotations

import asyncio
import time
from typing import Callable

from nicegui import background_tasks, core, helpers
from nicegui.element import Element

from .notify import Notifier


class Follower(Element):
    """Calls `redraw()` in this page's context soon after each change `notifier` tells."""

    def __init__(self, notifier: Notifier, redraw: Callable[[], object], every: float = 0.0):
        super().__init__()
        self.set_visibility(False)
        self._redraw, self._pending = redraw, False
        self._every, self._last = every, float("-inf")
        self._loop = core.loop or asyncio.get_running_loop()
        self._unsubscribe = notifier.subscribe(self._changed)

    def _changed(self) -> None:
        """Told of a change (from any client's handler, or any thread): a redraw, once."""
        if self._pending or self.is_deleted:
            return
        self._pending = True
        self._loop.call_soon_threadsafe(self._schedule)

    def _schedule(self) -> None:
        wait = self._last + self._every - time.monotonic()
        if wait > 0:
            self._loop.call_later(wait, self._run)
        else:
            self._run()

    def _run(self) -> None:
        self._pending, self._last = False, time.monotonic()
        slot = self.parent_slot
        if self.is_deleted or self.client.is_deleted or slot is None:
            return
        with slot:
            try:
                result = self._redraw()
                if helpers.should_await(result):
                    background_tasks.create(result, name="follow a game")  # type: ignore
            except Exception as exc:  # this page's failure, not the room's
                core.app.handle_exception(exc)

    def _handle_delete(self) -> None:
        self._unsubscribe()
        super()._handle_delete()
