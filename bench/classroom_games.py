"""The classroom part of `classroom.py`: a teacher page makes the games, scripted players
join and decide over the server's websocket (`ws_player.py`), and one Chromium page plays
games of its own, each decision timed from the click to the next screen drawn.

Its own module so that `classroom.py` reads as the list of what is measured; this is how
the games are driven.
"""
from __future__ import annotations

import asyncio
import threading
import time

from playwright.sync_api import Page

import ws_player  # bench/ is on the path when the benchmark runs


# Resolves with the milliseconds from the click on a decision to the next screen: the
# clicked panel replaced by the server's update, after the next animation frame.
TIMED_DECISION = """(testid) => new Promise(resolve => {
  const button = document.querySelector(`[data-testid=${testid}]`);
  const t0 = performance.now();
  const seen = new MutationObserver(() => {
    if (!button.isConnected) {
      seen.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  seen.observe(document.body, {subtree: true, childList: true});
  button.click();
})"""
SCRIPTED_SEATS = ("baku", "stepanakert", "russian_peacekeepers")


def make_games(page: Page, url: str, token: str, count: int) -> list[str]:
    """The teacher's part: unlock, a session, `count` games (no deadline to speak of)."""
    page.goto(url + "/teacher")
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Unlock").click()
    page.get_by_text("Teacher actions are unlocked").wait_for()
    page.get_by_role("button", name="Classroom").click()
    page.get_by_label("New session's title (e.g. Monday seminar)").fill("Benchmark")
    page.get_by_role("button", name="New session").click()
    page.get_by_label("Games").fill(str(count))
    page.get_by_label("Deadline (s)").first.fill("3600")
    page.get_by_role("button", name="Create").click()
    page.get_by_test_id(f"code-g{count}").wait_for(timeout=60_000)
    return [page.get_by_test_id(f"code-g{i}").inner_text() for i in range(1, count + 1)]


def join_in_chromium(page: Page, url: str, code: str) -> None:
    page.goto(url + "/join")
    page.get_by_label("Game code").fill(code)
    page.get_by_label("Your name or pseudonym").fill("Chromium")
    page.get_by_role("button", name="Find the game").click()
    page.get_by_test_id("take-baku").click()
    page.get_by_text("You play").wait_for()


def chromium_decisions(page: Page, url: str, codes: list[str], n: int, during) -> list[float]:
    """Play game after game as Baku until `n` decisions are timed; `during()` is called once
    after a third of them (the explorer's what-if starts there)."""
    times: list[float] = []
    for code in codes:
        page.goto(f"{url}/play/{code}")
        page.get_by_text("You play").wait_for()
        while len(times) < n:
            page.wait_for_selector("[data-testid=accept], [data-testid=pass], "
                                   "[data-testid=reflection]", timeout=60_000)
            if page.query_selector("[data-testid=reflection]"):
                break  # this game is over: on to the next
            testid = "accept" if page.query_selector("[data-testid=accept]") else "pass"
            page.wait_for_timeout(300)
            times.append(page.evaluate(TIMED_DECISION, testid))
            if len(times) == n // 3:
                during()
        if len(times) >= n:
            return times
    raise RuntimeError(f"only {len(times)} decisions in {len(codes)} games")


class Players:
    """The scripted players, on an asyncio loop in a thread of their own."""

    def __init__(self, url: str, codes: list[str], seats: tuple[str, ...],
                 think: tuple[float, float]):
        self.url, self.codes, self.seats, self.think = url, codes, seats, think
        self.times: list[float] = []
        self.decisions = 0
        self.loop = asyncio.new_event_loop()
        self.stop = asyncio.Event()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def join(self) -> list[list[dict]]:
        async def all_seats():
            return await asyncio.gather(*[asyncio.gather(*[
                ws_player.join(self.url, code, actor, f"script {i}-{actor}")
                for actor in self.seats]) for i, code in enumerate(self.codes)])
        self.storages = self.run(all_seats()).result(timeout=300)
        return self.storages

    def play(self) -> None:
        async def everyone():
            counts = await asyncio.gather(*[
                ws_player.play(self.url, code, storage, self.think, self.times, self.stop)
                for code, seats in zip(self.codes, self.storages) for storage in seats])
            self.decisions = sum(counts)
        self.playing = self.run(everyone())

    def finish(self) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self.playing.result(timeout=120)
        self.loop.call_soon_threadsafe(self.loop.stop)


def classroom(browser, url: str, token: str, games: int, seats: int, decisions: int,
              think: tuple[float, float]) -> dict:
    teacher = browser.new_page(viewport={"width": 1366, "height": 768})
    extra = max(2, decisions // 8)  # the Chromium player's own games (about 10 decisions each)
    codes = make_games(teacher, url, token, games + extra)
    players = Players(url, codes[:games], SCRIPTED_SEATS[:seats], think)
    players.join()
    me = browser.new_page(viewport={"width": 1366, "height": 768})
    for code in codes[games:]:
        join_in_chromium(me, url, code)
    teacher.get_by_role("button", name="Start every game").click()
    players.play()
    explorer = browser.new_page(viewport={"width": 1366, "height": 768})
    explorer.goto(url + "/")
    explorer.get_by_test_id("rule-baku-no_status").click()
    explorer.get_by_role("tab", name="Run the what-if").click()
    explorer.get_by_label("Replications").fill("1000")
    began = []

    def start_whatif() -> None:
        began.append(time.perf_counter())
        explorer.get_by_role("button", name="Run").click()
    times = chromium_decisions(me, url, codes[games:], decisions, start_whatif)
    explorer.get_by_text("Done: 1,000 replications each").wait_for(timeout=180_000)
    whatif = time.perf_counter() - began[0]
    players.finish()
    return {"times": times, "scripted": players.times, "scripted_decisions": players.decisions,
            "whatif": whatif, "games": games, "players": games * seats,
            "chromium_games": len(codes[games:])}
