"""End to end, in Debian's Chromium: the page reacts, the download reproduces the page's
numbers from the command line, uploads and teacher actions are guarded, the websocket and
every request check Host and Origin. (Few and whole: the simulated user covers the rest.)"""
from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sim.cli import main
from sim.files.bundled import init_folder

from .served import CHROMIUM, FLAGS, start, stop, wait_for_line

pytest.importorskip("nicegui", reason="install the [web] extra")
playwright = pytest.importorskip("playwright.sync_api", reason="install the [test] extra")
if not Path(CHROMIUM).exists():
    message = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI"):  # .ci/run installs it: in CI a missing browser must fail
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from sim.web.app import READY
    proc, url, token = start(tmp_path_factory.mktemp("serve"), "--max-replications", "1000")
    # the explorer's workers warm up at start, then the server says so (and the tests do
    # not race the warm-up for the cores)
    assert wait_for_line(proc, READY, 120), "negsim serve never said its workers were ready"
    yield url, token
    stop(proc)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def test_switching_off_a_red_line_changes_the_heatmap(served, page):
    url, _ = served
    page.goto(url + "/")
    cell = page.get_by_test_id("cell-stepanakert-none")
    assert cell.inner_text() == "blocked by Baku"
    page.get_by_test_id("rule-baku-not_hosted_by_de_facto_authorities").click()
    page.wait_for_function("document.querySelector('[data-testid=cell-stepanakert-none]')"
                           ".innerText !== 'blocked by Baku'")
    assert "Baku" not in cell.inner_text()
    assert page.get_by_text("baku.assumptions.not_hosted_by_de_facto_authorities.enabled=false").is_visible()
    assert page.errors == []


def test_the_downloaded_whatif_gives_the_pages_numbers_from_the_command_line(served, page,
                                                                             tmp_path, capsys):
    url, _ = served
    page.goto(url + "/")
    page.get_by_test_id("rule-baku-no_dialogue_with_accused_or_outside_leaders").click()
    slider = page.get_by_test_id("reservation-stepanakert")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
    page.get_by_text("stepanakert.reservation={dist: uniform").wait_for()
    page.get_by_role("tab", name="Run the what-if").click()
    page.get_by_label("Replications").fill("100")
    page.get_by_role("button", name="Run").click()
    page.get_by_text("Done: 100 replications each").wait_for(timeout=60_000)
    shown = page.get_by_test_id("p-whatif").inner_text()
    interval = page.get_by_test_id("paired-interval").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as scenario").click()
    init_folder(tmp_path / "case")  # the bundled case, as a teacher's own copy
    saved = tmp_path / "case" / "scenarios" / info.value.suggested_filename
    info.value.save_as(saved)
    assert "extends: march-2023.yaml" in saved.read_text()
    capsys.readouterr()
    assert main(["run", str(saved), "--json", "--out", str(tmp_path / "results")]) == 0
    cli = json.loads(capsys.readouterr().out)
    lo, hi = cli["p_meeting_ci"]
    assert cli["replications"] == 100 and cli["seed"] == 2023
    median = cli["median_days_to_first_meeting"]
    days = "no meeting" if median is None else f"median {median:g} days"
    assert shown.startswith(f"P(meeting) {cli['p_meeting']:.3f} (95% interval {lo:.3f} to "
                            f"{hi:.3f}); {days}")
    assert shown != page.get_by_test_id("p-base").inner_text()  # the change made a difference
    # the same paired difference, interval and all, as `negsim run` of the downloaded file
    assert interval == (f"The what-if against the unchanged scenario: "
                        f"{cli['difference_vs_baseline']['words']}.")


def test_uploads_need_the_token_stay_inside_the_bundled_params_and_show_markup_as_text(
        served, page, tmp_path):
    url, token = served
    page.goto(url + "/teacher")
    upload = page.locator("input[type=file]")
    status = page.get_by_test_id("upload-status")
    good = tmp_path / "class.yaml"
    good.write_text('kind: scenario\nextends: march-2023.yaml\n'
                    'title: "<img src=x onerror=window.__hit=1> open road"\n'
                    'state: {blockade: false}\n')
    early = tmp_path / "early.yaml"
    early.write_text(good.read_text())
    upload.set_input_files(early)
    page.get_by_text("Refused: uploading a scenario is a teacher action").wait_for()
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Unlock").click()
    page.get_by_text("Teacher actions are unlocked in this tab").wait_for()
    outside = tmp_path / "outside.yaml"
    outside.write_text("kind: scenario\ntitle: t\nstart: 2023-01-01\nparams:\n"
                       "  - ../../../../etc/passwd\n")
    upload.set_input_files(outside)
    page.get_by_text("is not allowed in an uploaded scenario").wait_for()
    text = status.inner_text()
    assert text.startswith("scenarios/outside.yaml, line 5") and "bundled params" in text
    upload.set_input_files(good)
    page.get_by_text("Accepted: class.yaml").wait_for()
    page.get_by_role("button", name="Explorer").click()
    page.get_by_label("Scenario").click()
    page.get_by_role("option", name="<img src=x onerror=window.__hit=1> open road").click()
    page.wait_for_function("document.querySelector('[data-testid=cell-baku-russian_peacekeepers]')"
                           ".innerText === 'possible'")
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.__hit") is None
    assert page.errors == []


def raw(url: str, path: str, **headers: str) -> str:
    """The status line of a request sent as given (a browser cannot forge Origin)."""
    parts = urlsplit(url)
    lines = [f"GET {path} HTTP/1.1", *(f"{k.replace('_', '-')}: {v}" for k, v in
                                       {"Host": parts.netloc, **headers}.items()), "", ""]
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as s:
        s.sendall("\r\n".join(lines).encode())
        return s.recv(200).decode(errors="replace").split("\r\n")[0]


def test_the_websocket_and_every_request_check_origin_and_host(served):
    url, _ = served
    ws = "/_nicegui_ws/socket.io/?EIO=4&transport=websocket"
    upgrade = {"Upgrade": "websocket", "Connection": "Upgrade",
               "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    assert " 101 " in raw(url, ws, Origin=url, **upgrade)
    assert " 403 " in raw(url, ws, Origin="http://evil.example", **upgrade)
    assert " 403 " in raw(url, ws, Host="evil.example", Origin="http://evil.example", **upgrade)
    assert " 400 " in raw(url, "/", Host="rebound.example:80")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(
            url + "/_nicegui_ws/socket.io/?EIO=4&transport=polling",
            headers={"Origin": "http://evil.example"}), timeout=10)
    assert refused.value.code == 403
