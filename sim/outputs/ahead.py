"""The figures of a run that need no results, drawn while its replications run (unless
the figure cache has them: then the thread only imports matplotlib).

Why: while worker processes run the replications, the main process only waits for their
partials. The feasibility heatmap depends on the scenario alone, so a thread draws it
then; importing matplotlib and loading its fonts are paid there too, and the processes
forked afterwards for the other figures inherit them. This module imports no matplotlib
itself: the thread does, so that a run pays for it while it waits.

Start the thread only once the worker processes exist (`experiment.run(started=...)`):
forking beside a running thread can copy a lock it holds. A short run may be past half its
replications once matplotlib is loaded: the heatmap then waits for the processes that draw
the other figures, beside them, rather than keep the finished run waiting for it.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Sequence

from ..model.scenario import Scenario

AHEAD = ("feasibility_heatmap",)


class Ahead:
    """`start()` draws the `AHEAD` figures on a thread; `wait()` returns their paths by stem
    (raising, in the caller's thread, what drawing them raised)."""

    def __init__(self, scenario: Scenario, folder: Path, svg: bool,
                 stems: Sequence[str] = AHEAD):
        # no stems (the figure cache had the heatmap): the thread only imports matplotlib
        self.scenario, self.folder, self.svg, self.stems = scenario, folder, svg, stems
        self.drawn: dict[str, list[Path]] = {}
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        self.share_done = 0.0  # of the run's replications, as `told` hears it

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._draw, name="figures-ahead",
                                           daemon=True)
            self.thread.start()

    def told(self, progress: Callable[[int, int], None] | None) -> Callable[[int, int], None]:
        """The run's progress callback: it tells this how far the run is, then `progress`."""
        def tell(done: int, total: int) -> None:
            self.share_done = done / total if total else 1.0
            if progress is not None:
                progress(done, total)
        return tell

    def _draw(self) -> None:
        try:
            from .figures.run import draw
            if self.share_done > 0.5:
                return  # drawn with the others, beside them (see above)
            for stem in self.stems:
                self.drawn[stem] = draw(stem, self.scenario, None, self.folder, self.svg)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by `wait`
            self.error = exc

    def wait(self) -> dict[str, list[Path]]:
        if self.thread is not None:
            try:
                self.thread.join()
            except BaseException:  # Ctrl-C while waiting: still let it finish first
                self.thread.join()
                raise
        if self.error is not None:
            raise self.error
        return self.drawn
