"""Every page of `negsim serve` in Debian's Chromium, for a reader who does not see the
screen, has no mouse, or zooms in: axe-core finds no serious or critical fault on any page;
a student joins, takes a seat and makes a decision with the keyboard alone; no page scrolls
sideways on a 1280x720 projector or at 200% zoom (640x360 CSS pixels), where every control
stays in sight. One server and one browser for the module, each page visited once (the
documentation's screenshots are taken on the way)."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import pytest

from .screens import keep
from .served import (CHROMIUM, FLAGS, new_games, playwright_or_skip, start, stop,
                     unlock)

playwright = playwright_or_skip()
axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright",
                               reason="pip install axe-playwright-python")

PAGES = ("explorer", "sources", "teacher", "dashboard", "join", "seat", "debrief",
         "classview", "projector")
PROJECTOR = {"width": 1280, "height": 720}
ZOOMED = {"width": 640, "height": 360}  # 1280x720 at 200%
SERIOUS = ("serious", "critical")
# what must stay within the window's width (a table may scroll inside its own region)
CONTROLS = "header .q-btn, main .q-btn, main input, main textarea, main [role=switch]"
MEASURE = """(sel) => ({
    scroll: document.scrollingElement.scrollWidth, width: innerWidth,
    tables: [...document.querySelectorAll('.q-table__middle')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).length,
    out: [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null
             && !e.closest('.q-table__middle'))
         .map(e => [e.getBoundingClientRect(), (e.innerText || e.getAttribute('aria-label')
                    || e.tagName).trim().slice(0, 40)])
         .filter(([r]) => r.width > 0 && (r.left < -1 || r.right > innerWidth + 1))
         .map(([r, name]) => `${name} (${Math.round(r.left)}..${Math.round(r.right)})`)})"""


def faults(page) -> list[str]:
    """axe-core's serious and critical violations, each with its first targets."""
    found = axe_sync.Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in found if v["impact"] in SERIOUS]


def look(page, name: str) -> dict:
    """Audit the page, keep its screenshot, and measure it on the projector and zoomed."""
    page.wait_for_timeout(300)  # the last redraw
    seen = {"faults": faults(page), "projector": page.evaluate(MEASURE, CONTROLS)}
    keep(page, name)
    page.set_viewport_size(ZOOMED)
    page.wait_for_timeout(300)
    seen["zoomed"] = page.evaluate(MEASURE, CONTROLS)
    page.set_viewport_size(PROJECTOR)
    return seen




def join(page, url: str, code: str, name: str) -> None:
    page.goto(url + "/join")
    page.get_by_label("Game code").fill(code)
    page.get_by_label("Your name or pseudonym").fill(name)
    page.get_by_role("button", name="Find the game").click()
    page.get_by_test_id("take-baku").wait_for()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict]:
    """The server, one browser, the teacher's tab unlocked with a session of two games."""
    folder = tmp_path_factory.mktemp("accessible")
    proc, url, token = start(folder)
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            teacher = browser.new_context(viewport=PROJECTOR).new_page()
            unlock(teacher, url, token)
            codes = new_games(teacher, 2)
            yield {"url": url, "token": token, "browser": browser, "teacher": teacher,
                   "codes": codes, "folder": folder}
            browser.close()
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def visits(site) -> dict[str, dict]:
    """Each page once, in the order a class meets them (game 1: one student as Baku)."""
    url, browser, teacher, code = site["url"], site["browser"], site["teacher"], \
        site["codes"][0]
    seen = {}
    reader = browser.new_context(viewport=PROJECTOR).new_page()
    reader.goto(url + "/")
    reader.get_by_test_id("heatmap").wait_for()
    seen["explorer"] = look(reader, "explorer")
    reader.get_by_test_id("heatmap-table-disclosure").click()  # its numbers as a table
    reader.get_by_test_id("heatmap-table").wait_for()
    seen["explorer"]["faults"] += faults(reader)
    seen["explorer"]["table"] = reader.get_by_test_id("heatmap-table").inner_text()
    reader.goto(url + "/sources")
    reader.get_by_text("The historical record beside the model").wait_for()
    seen["sources"] = look(reader, "sources")
    student = browser.new_context(viewport=PROJECTOR).new_page()
    join(student, url, code, "Alice")
    seen["join"] = look(student, "join")
    student.get_by_test_id("take-baku").click()
    student.get_by_text("You play").wait_for()
    teacher.get_by_test_id(f"start-{code}").click()
    student.locator("[data-testid=accept], [data-testid=pass]").first.wait_for()
    seen["seat"] = look(student, "seat")
    teacher.get_by_role("button", name="Start the clock").click()  # the class's round clock
    reader.goto(f"{url}/projector/{code}")  # what the room's screen shows
    reader.get_by_test_id("round-clock").wait_for()
    seen["projector"] = look(reader, "projector")
    seen["dashboard"] = look(teacher, "dashboard")
    student.get_by_test_id("accept").click()  # one decision for the debrief's table
    decided(site["folder"], "g1", 1)
    teacher.get_by_role("button", name="End the game").first.click()
    teacher.get_by_role("button", name="End it").click()
    student.get_by_label("Your answer").fill("A venue both could accept.")
    student.get_by_role("button", name="Show my debrief").click()
    student.get_by_text("Each decision beside the modelled actor's").wait_for()
    seen["debrief"] = look(student, "debrief")
    teacher.get_by_role("button", name="Class view").click()
    teacher.get_by_test_id("class-figure").first.wait_for(timeout=30_000)
    seen["classview"] = look(teacher, "classview")
    teacher.get_by_test_id("class-figure-table-disclosure").click()
    teacher.get_by_test_id("class-figure-table").wait_for()
    seen["classview"]["faults"] += faults(teacher)
    seen["classview"]["alt"] = teacher.get_by_test_id("class-figure").first.evaluate(
        "e => [e.getAttribute('aria-label'), e.querySelector('img')?.alt].join(' / ')")
    seen["classview"]["table"] = teacher.get_by_test_id("class-figure-table").inner_text()
    teacher.goto(url + "/teacher")  # a new tab's page: locked again (its own audit)
    teacher.get_by_label("Token").wait_for()
    seen["teacher"] = look(teacher, "teacher")
    for page in (reader, student):
        page.context.close()
    return seen


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_fault(visits, name):
    assert visits[name]["faults"] == [], "\n".join(visits[name]["faults"])


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_or_is_cut_off_on_a_projector_or_zoomed(visits, name):
    for where in ("projector", "zoomed"):
        m = visits[name][where]
        assert m["scroll"] <= m["width"] + 1, (where, m)
        assert m["out"] == [], (where, m["out"])
    # on the projector a table shows all its columns (zoomed, it may scroll in its region)
    assert visits[name]["projector"]["tables"] == 0, visits[name]["projector"]


def test_the_figures_numbers_are_text(visits):
    """The heatmap's cells and the class figure's bars, as words a screen reader reads."""
    assert "blocked by" in visits["explorer"]["table"]
    assert "possible" in visits["explorer"]["table"]
    alt, table = visits["classview"]["alt"], visits["classview"]["table"]
    assert "The model's 200 replications:" in alt and "Meetings held:" in alt
    assert "Meetings held" in table and "%" in table


FOCUSED = """() => { const e = document.activeElement; if (!e || e === document.body) return '';
    const t = e.closest('[data-testid]');
    return [t ? t.dataset.testid : '', e.getAttribute('aria-label') || '',
            (e.innerText || '').trim().slice(0, 60)].join(' | '); }"""


def tab_to(page, want: str, back: bool = False, limit: int = 80) -> str:
    """Press Tab (Shift+Tab) until the focused control names `want`; returns its name."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = page.evaluate(FOCUSED)
        if want.lower() in now.lower():
            return now
        seen.append(now)
    raise AssertionError(f"the keyboard never reached {want!r}; it went {seen[-12:]}")


def decisions(folder: Path, gid: str) -> list[str]:
    found, = folder.glob(f"results/classroom/*/{gid}/transcript.jsonl")
    return [line for line in found.read_text().splitlines() if '"do":"answer"' in line]


def decided(folder: Path, gid: str, count: int) -> list[str]:
    """The game's decisions once there are `count` (the page sends them to the server)."""
    for _ in range(100):
        made = decisions(folder, gid)
        if len(made) >= count:
            return made
        time.sleep(0.1)
    raise AssertionError(f"{gid}: {len(made)} decisions, not {count}")


def test_a_student_joins_takes_a_seat_and_decides_by_keyboard_alone(site):
    url, code = site["url"], site["codes"][1]
    page = site["browser"].new_context(viewport=PROJECTOR).new_page()
    page.goto(url + "/join")
    tab_to(page, "Game code")
    page.keyboard.type(code.lower())
    tab_to(page, "Your name or pseudonym")
    page.keyboard.type("Kim")
    tab_to(page, "Find the game")
    page.keyboard.press("Enter")
    page.get_by_test_id("take-baku").wait_for()
    tab_to(page, "take-baku")
    page.keyboard.press("Space")
    page.get_by_text("You play").wait_for()
    teacher = site["browser"].new_context(viewport=PROJECTOR).new_page()  # mouse allowed
    unlock(teacher, url, site["token"])
    teacher.get_by_test_id(f"start-{code}").click()
    # game 2, seed 1: Baku's first question is a proposal (Khojaly, Russian peacekeepers)
    page.get_by_test_id("accept").wait_for()
    before = len(decisions(site["folder"], "g2"))
    tab_to(page, "Accept")
    while "checkbox" not in page.evaluate("() => document.activeElement.role || ''"):
        tab_to(page, "")  # on past "Refuse", "Counter-propose" to the first stated rule
    page.keyboard.press("Space")
    page.wait_for_function("() => document.activeElement.ariaChecked === 'true'")
    tab_to(page, "Refuse", back=True)
    page.keyboard.press("Enter")
    made = decided(site["folder"], "g2", before + 1)[before:]
    assert made and '"kind":"refuse"' in made[0] and '"reasons":[]' not in made[0], made
    for tab in (page, teacher):
        tab.context.close()
