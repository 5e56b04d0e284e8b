"""Another student's page, for `classroom.py`: two real Chromium pages in one game (Baku's
and Stepanakert's students, the model in the other seats); whichever is asked decides, and
the time from its click to the change drawn on the OTHER page is measured.

Both pages are in one browser on this machine, so both read one clock: the click's time and
the moment the other page has drawn the change (the room's new version on its status card,
after the next animation frame) are `performance.timeOrigin + performance.now()`, in ms.
"""
from __future__ import annotations

import time

from playwright.sync_api import Page

# The other page: note when its status card has drawn the room's next version (the card's
# data-version, which the server writes on every redraw of the page: the card itself is
# made once and its lines written in place) and the frame after it.
ARM = """() => {
  window.__seen = null;
  const card = document.querySelector('[data-testid=status-card]');
  if (!card) return false;
  const was = card.getAttribute('data-version');
  const seen = new MutationObserver(() => {
    if (!card.isConnected || card.getAttribute('data-version') !== was) {
      seen.disconnect();
      requestAnimationFrame(() => { window.__seen = performance.timeOrigin + performance.now(); });
    }
  });
  seen.observe(document.body, {subtree: true, childList: true, attributes: true,
                               attributeFilter: ['data-version']});
  return true;
}"""
# The clicking page: its click's time, and its own round trip (the clicked panel replaced).
CLICK = """(testid) => new Promise(resolve => {
  const button = document.querySelector(`[data-testid=${testid}]`);
  const t0 = performance.now();
  const seen = new MutationObserver(() => {
    if (!button.isConnected) {
      seen.disconnect();
      requestAnimationFrame(() => resolve([performance.timeOrigin + t0, performance.now() - t0]));
    }
  });
  seen.observe(document.body, {subtree: true, childList: true});
  button.click();
})"""
ASKED = "[data-testid=accept], [data-testid=pass]"


def join(page: Page, url: str, code: str, actor: str, name: str) -> None:
    page.goto(url + "/join")
    page.get_by_label("Game code").fill(code)
    page.get_by_label("Your name or pseudonym").fill(name)
    page.get_by_role("button", name="Find the game").click()
    page.get_by_test_id(f"take-{actor}").click()
    page.get_by_text("You play").wait_for()


class Pair:
    """Two students' pages, game after game; `step()` times one decision."""

    def __init__(self, browser, url: str, codes: list[str]):
        self.url, self.codes = url, list(codes)
        self.pages = [browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
                      for _ in range(2)]
        self.other: list[float] = []  # click to the change on the other page, ms
        self.during: list[bool] = []  # whether the explorer's what-if was running then
        self.whatif = False  # set by the caller
        self.own: list[float] = []    # click to the change on the clicking page, ms
        self.code: str | None = None

    def join(self) -> None:
        """Both students take their seats in every game of the pair, before the start."""
        for code in self.codes:
            join(self.pages[0], self.url, code, "baku", "Chromium A")
            join(self.pages[1], self.url, code, "stepanakert", "Chromium B")
        self.next_game()

    def next_game(self) -> bool:
        if not self.codes:
            self.code = None
            return False
        self.code = self.codes.pop(0)
        for page in self.pages:
            page.goto(f"{self.url}/play/{self.code}")
            page.get_by_text("You play").wait_for()
        return True

    def step(self, wait: float = 10.0) -> None:
        """The page that is asked decides (accept, or pass on a turn); the other page's
        student sees the change. Nothing when neither is asked within `wait` seconds; on to
        the next game when this one is over."""
        ends = time.time() + wait
        while self.code is not None and time.time() < ends:
            if any(p.query_selector("[data-testid=reflection]") for p in self.pages):
                self.next_game()
                continue
            asked = [p for p in self.pages if p.query_selector(ASKED)]
            if not asked:
                self.pages[0].wait_for_timeout(50)
                continue
            me = asked[0]
            other = self.pages[1] if me is self.pages[0] else self.pages[0]
            me.wait_for_timeout(300)  # a person reads before clicking
            testid = "accept" if me.query_selector("[data-testid=accept]") else "pass"
            if not other.evaluate(ARM):
                continue
            clicked, own = me.evaluate(CLICK, testid)
            other.wait_for_function("() => window.__seen !== null", timeout=30_000)
            self.other.append(other.evaluate("() => window.__seen") - clicked)
            self.during.append(self.whatif)
            self.own.append(own)
            return

    def close(self) -> None:
        for page in self.pages:
            page.context.close()
