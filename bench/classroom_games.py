"""The classroom part of `classroom.py`: a teacher page makes the games, scripted players
join and decide over the server's websocket (`ws_player.py`), each seat with students who
only look; one Chromium page plays games of its own, each decision timed from the click to
the next screen drawn; and two Chromium pages of two students in one game time a click on
one to the change on the other (`other_page.py`).

Its own module so that `classroom.py` reads as the list of what is measured; this is how
the games are driven.
"""
from __future__ import annotations

import asyncio
import threading
import time

from playwright.sync_api import Page

import ws_player  # bench/ is on the path when the benchmark runs
from other_page import Pair


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
SCRIPTED_SEATS = ("baku", "stepanakert", "russian_peacekeepers", "western_mediators")
AT_ONCE = 15  # the dashboard makes at most 15 games a click
OPENING = 8   # scripted pages opened at the same time (a class does not all click at once)


def make_games(page: Page, url: str, token: str, count: int) -> list[str]:
    """The teacher's part: unlock, a session, `count` games (no deadline to speak of)."""
    page.goto(url + "/teacher")
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Unlock").click()
    page.get_by_text("Teacher actions are unlocked").wait_for()
    page.get_by_role("button", name="Classroom").click()
    page.get_by_label("New session's title (e.g. Monday seminar)").fill("Benchmark")
    page.get_by_role("button", name="New session").click()
    made = 0
    while made < count:
        batch = min(AT_ONCE, count - made)
        page.get_by_label("Games").fill(str(batch))
        page.get_by_label("Deadline (s)").first.fill("3600")
        page.get_by_role("button", name="Create").click()
        made += batch
        page.get_by_test_id(f"code-g{made}").wait_for(timeout=60_000)
    return [page.get_by_test_id(f"code-g{i}").inner_text() for i in range(1, count + 1)]


def join_in_chromium(page: Page, url: str, code: str) -> None:
    page.goto(url + "/join")
    page.get_by_label("Game code").fill(code)
    page.get_by_label("Your name or pseudonym").fill("Chromium")
    page.get_by_role("button", name="Find the game").click()
    page.get_by_test_id("take-baku").click()
    page.get_by_text("You play").wait_for()


def chromium_decisions(page: Page, url: str, codes: list[str], n: int, during,
                       also=lambda: None) -> list[float]:
    """Play game after game as Baku until `n` decisions are timed; `during()` is called once
    after a third of them (the explorer's what-if starts there), `also()` after each."""
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
            also()
        if len(times) >= n:
            return times
    raise RuntimeError(f"only {len(times)} decisions in {len(codes)} games")


class Players:
    """The scripted players, on an asyncio loop in a thread of their own: in each game,
    each seat's negotiator decides and `students - 1` more students only look (advisers
    of the seat's team where the server has teams, else the same seat opened again)."""

    def __init__(self, url: str, codes: list[str], seats: tuple[str, ...], students: int,
                 think: tuple[float, float]):
        self.url, self.codes, self.seats, self.think = url, codes, seats, think
        self.students = students
        self.times: list[float] = []
        self.decisions = self.updates = 0
        self.lookers = "advisers"
        self.loop = asyncio.new_event_loop()
        self.stop = asyncio.Event()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def join(self) -> None:
        gate = asyncio.Semaphore(OPENING)

        async def one(code: str, actor: str, name: str, how: str = "take") -> dict:
            async with gate:
                return await ws_player.join(self.url, code, actor, name, how,
                                            timeout=60 if how == "take" else 15)

        async def seat(i: int, code: str, actor: str) -> list[dict]:
            first = await one(code, actor, f"script {i}-{actor}")
            rest = []
            for k in range(1, self.students):
                if self.lookers == "advisers":
                    try:
                        rest.append(await one(code, actor, f"adviser {i}-{actor}-{k}",
                                              "advise"))
                        continue
                    except TimeoutError:
                        self.lookers = "the same seat token"  # no teams on this server
                rest.append(dict(first))
            return [first, *rest]

        async def all_seats():
            return await asyncio.gather(*[asyncio.gather(*[
                seat(i, code, actor) for actor in self.seats])
                for i, code in enumerate(self.codes)])
        self.storages = self.run(all_seats()).result(timeout=600)

    def play(self) -> None:
        async def everyone():
            jobs = []
            for code, seats in zip(self.codes, self.storages):
                for first, *rest in seats:
                    jobs.append(ws_player.play(self.url, code, first, self.think,
                                               self.times, self.stop))
                    jobs += [ws_player.watch(self.url, code, s, self.stop) for s in rest]
            counts = await asyncio.gather(*jobs)
            deciders = len(self.codes) * len(self.seats)
            self.decisions = sum(counts[::self.students]) if self.students else 0
            self.updates = sum(counts) - self.decisions
            assert len(counts) == deciders * self.students
        self.playing = self.run(everyone())

    def finish(self) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self.playing.result(timeout=120)
        self.loop.call_soon_threadsafe(self.loop.stop)


def classroom(browser, url: str, token: str, games: int, seats: int, students: int,
              decisions: int, think: tuple[float, float]) -> dict:
    teacher = browser.new_page(viewport={"width": 1366, "height": 768})
    extra = max(2, decisions // 8)  # the Chromium player's own games (about 10 decisions each)
    pairs = max(2, decisions // 10)  # the two students' games
    codes = make_games(teacher, url, token, games + extra + pairs)
    players = Players(url, codes[:games], SCRIPTED_SEATS[:seats], students, think)
    players.join()
    me = browser.new_page(viewport={"width": 1366, "height": 768})
    for code in codes[games:games + extra]:
        join_in_chromium(me, url, code)
    pair = Pair(browser, url, codes[games + extra:])
    pair.join()
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
    done: list[float] = []

    def step() -> None:  # the pair's decision, noting whether the what-if runs meanwhile
        if began and not done and explorer.get_by_text("Done: 1,000 replications each").count():
            done.append(time.perf_counter())  # (seen within one decision of its end)
        pair.whatif = bool(began) and not done
        pair.step()
    times = chromium_decisions(me, url, codes[games:games + extra], decisions, start_whatif,
                               also=step)
    if not done:
        explorer.get_by_text("Done: 1,000 replications each").wait_for(timeout=180_000)
        done.append(time.perf_counter())
    whatif = done[0] - began[0]
    players.finish()
    pair.close()
    return {"times": times, "scripted": players.times, "scripted_decisions": players.decisions,
            "whatif": whatif, "games": games, "players": games * seats,
            "students": games * seats * students, "lookers": players.lookers,
            "looker_updates": players.updates, "other": pair.other, "pair_own": pair.own,
            "other_during": pair.during,
            "chromium_games": extra, "pair_games": pairs}
