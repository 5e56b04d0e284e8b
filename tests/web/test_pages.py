"""The pages, driven by NiceGUI's simulated user (no browser): what a person sees after
each click."""
from __future__ import annotations

import asyncio
import logging

import pytest

pytest.importorskip("nicegui", reason="install the [web] extra")
from nicegui import ui  # noqa: E402
from nicegui.elements.upload_files import SmallFileUpload  # noqa: E402
from nicegui.testing import User  # noqa: E402
from nicegui.testing.user_simulation import user_simulation  # noqa: E402

from sim.web.app import root_page  # noqa: E402
import sim  # noqa: E402

from ..conftest import MARCH  # noqa: E402
from sim.web.pages.session import Server  # noqa: E402

from .test_library import GOOD  # noqa: E402


POSSIBLE = (f"{len(sim.feasibility(sim.load(MARCH)).possible)} of 1050 formats could "
            f"produce a meeting")


def simulate(server: Server, body, caplog) -> None:
    """Run `body(user)` against the app; fail on any error NiceGUI logs, as its own
    `user` fixture does."""
    async def main() -> None:
        async with user_simulation(root=root_page(server)) as user:
            await body(user)
            errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
            assert not errors, errors
    with caplog.at_level(logging.ERROR):
        asyncio.run(main())


async def cell(user: User, venue: str, mediation: str, expect: str | None = None) -> str:
    """The heatmap cell's text (waiting a moment for a redraw to show `expect`)."""
    for _ in range(20):
        text = user.find(marker=f"cell-{venue}-{mediation}").elements.pop().text
        if expect is None or text == expect:
            break
        await asyncio.sleep(0.05)
    return text


def test_a_switch_and_a_select_redraw_the_heatmap_and_the_changes(server, caplog):
    async def body(user: User) -> None:
        await user.open("/")
        await user.should_see(POSSIBLE)
        assert await cell(user, "yevlakh", "russian_peacekeepers") == "blocked by Stepanakert"
        user.find(marker="rule-stepanakert-no_talks_in_azerbaijan_under_blockade").click()
        assert await cell(user, "yevlakh", "russian_peacekeepers", "possible") == "possible"
        await user.should_see("stepanakert.assumptions.no_talks_in_azerbaijan_under_"
                              "blockade.enabled=false")
        await user.should_not_see(POSSIBLE)
        # each rule says who said its quotes and what the saved ablation found of it
        assert user.find(marker="tested-baku-no_status").elements.pop().text == \
            "Backtest: not tested by any row of the record."
        assert user.find(marker="tested-stepanakert-no_talks_in_baku_under_blockade") \
            .elements.pop().text == "Backtest: tested by the record: baku_offer_1, baku_offer_2."
        await user.should_see("Ilham Aliyev, President of Azerbaijan, Eurasianet, 2023-08")
        await user.should_see("Note: this rule rests only on the reporters' own summary")
        minister = user.find(marker="state-state_minister").elements.pop()
        # the values read as the params word them; the change is written as `--set` takes it
        assert minister.options["outsider"] == "someone who resettled in Karabakh"
        assert minister.props["label"] == "Stepanakert's state minister"
        minister.set_value("outsider")
        await user.should_see("state.state_minister=outsider")
        # Baku refuses only a delegation an outsider leads: the cell (technical officials)
        # stays possible.
        assert await cell(user, "khojaly", "russian_peacekeepers") == "possible"
        user.find("Reset").click()
        await user.should_see(POSSIBLE)
        await user.should_see("Nothing yet")
    simulate(server[0], body, caplog)


def test_a_slider_changes_the_reservation_and_the_download_holds_every_change(server, caplog):
    async def body(user: User) -> None:
        await user.open("/")
        user.find(marker="reservation-stepanakert").elements.pop().set_value(0.2)
        await user.should_see("Reservation level: 0.20 (uniform")
        user.find(marker="weight-baku-venue").elements.pop().set_value(0.9)
        await user.should_see("baku.preferences.venue.weight=0.9")
        user.find(marker="download").click()
        response = await user.download.next()
        text = response.content.decode()
        assert "extends: march-2023.yaml" in text
        assert "stepanakert.reservation:" in text and "baku.preferences.venue.weight: 0.9" in text
    simulate(server[0], body, caplog)


def test_run_shows_both_probabilities_and_refuses_more_than_the_cap(server, caplog):
    async def body(user: User) -> None:
        await user.open("/")
        user.find(marker="n").clear().type("100000")
        user.find(marker="run").click()
        await user.should_see("Replications must be a whole number from 1 to 400")
        user.find(marker="n").clear().type("12.5")
        user.find(marker="run").click()
        await user.should_see("on this server (got 12.5)")  # said, not rounded
        user.find(marker="n").clear().type("40")
        user.find(marker="rule-stepanakert-no_talks_in_azerbaijan_under_blockade").click()
        user.find(marker="run").click()
        for _ in range(100):
            if user.find(marker="run-status").elements.pop().text.startswith("Done"):
                break
            await asyncio.sleep(0.1)
        await user.should_see("Done: 40 replications each, seed 2023.")
        await user.should_see(marker="p-whatif")
        await user.should_see(marker="p-base")
        await user.should_see("Replication by replication (same seeds)")
        await user.should_see("Formats of first meetings")
    simulate(server[0], body, caplog)


def test_the_sources_page_shows_quotes_and_the_history_beside_the_model(server, caplog):
    async def body(user: User) -> None:
        await user.open("/")
        user.find(marker="rule-baku-no_status").click()
        user.find(marker="nav-sources").click()
        await user.should_see("The historical record beside the model")
        await user.should_see("and with your changes to the actors.")
        await user.should_see(marker="article-eurasianet_2023_08")
        await user.should_see("6 of 6 reported proposals that can test the model end as they "
                              "did in 2023")
    simulate(server[0], body, caplog)


def test_upload_needs_the_token_and_then_offers_the_scenario_to_the_explorer(server, caplog):
    srv, text = server

    async def body(user: User) -> None:
        await user.open("/teacher")
        upload = user.find(ui.upload).elements.pop()
        cleared = []
        upload.reset = lambda: cleared.append(True)  # the browser's file list, tick and all
        evil = GOOD.replace(b'"What if: the road reopens"',
                            b'"<img src=x onerror=alert(1)> road"')
        await upload.handle_uploads([SmallFileUpload("road.yaml", "text/yaml", evil)])
        await user.should_see("Refused: uploading a scenario is a teacher action")
        assert cleared == [True]  # no tick stays beside "Refused"
        user.find(marker="token").type("NOPE-NOPE-NOPE-NOPE")
        user.find(marker="unlock").click()
        await user.should_see("That is not the teacher token")
        user.find(marker="token").type(text)
        user.find(marker="unlock").click()
        await user.should_see("Teacher actions are unlocked in this tab")
        assert user.find(marker="token").elements.pop().value == ""
        await upload.handle_uploads([SmallFileUpload("road.yaml", "text/yaml", evil)])
        await user.should_see("Accepted: road.yaml (<img src=x onerror=alert(1)> road)")
        user.find(marker="nav-explorer").click()
        await user.should_see(marker="scenario")
        user.find(marker="scenario").click()
        user.find("<img src=x onerror=alert(1)> road").click()
        # the road is open: talks in Baku are no longer blocked by Stepanakert
        assert await cell(user, "baku", "russian_peacekeepers", "possible") == "possible"
        user.find(marker="nav-teacher").click()
        await user.should_see(marker="remove-road.yaml")
        user.find(marker="remove-road.yaml").click()
        await user.should_see("Removed road.yaml.")
    simulate(srv, body, caplog)
    assert "road.yaml" not in srv.library.entries
