"""The handout: four A4 pages for the default scenario (printed by headless Chromium),
opening with the answer, and sentences that follow the numbers they are built from."""
from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import pytest

import sim
from sim.model.decision import BELOW_RESERVATION
from sim.model.feasibility import feasibility
from sim.outputs import reading
from sim.studies import experiment
from sim.studies.whatif import what_would_have_to_change

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def march_report(march, tmp_path_factory):
    """The default scenario's report exactly as `negsim report` writes it."""
    # 400 replications, not the file's 1,000: the same pages and sentences, in half the time
    path = sim.report(march, n=400, workers=2,
                      out_file=tmp_path_factory.mktemp("r") / "r.html")
    words = re.sub(r"<[^>]+>", "", path.read_text())
    return path, " ".join(html.unescape(words).split())


def printed_pages(path: Path, tmp: Path) -> int:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    pdf = tmp / "r.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--user-data-dir={tmp / 'profile'}",
                    f"--print-to-pdf={pdf}", path.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def test_default_report_prints_on_at_most_four_a4_pages(march_report, tmp_path):
    path, _ = march_report
    assert 1 <= printed_pages(path, tmp_path) <= 4


def test_report_opens_with_the_question_then_the_answer(march, march_report):
    _, text = march_report
    question = " ".join(march.spec.question.split())
    assert text.index(question) < text.index("In 100% of 400 replications") < text.index(
        "1. Which formats")
    assert "met by 25 May 2023" in text  # 24 February + the scenario's 90 days
    open_formats = len(sim.feasibility(march).possible)
    assert f"{open_formats} of 1,050 formats could produce a meeting" in text


def test_when_it_always_meets_the_report_says_what_would_prevent_it(march_report):
    _, text = march_report
    assert "Baseline P(meeting): 100.0%" in text
    assert "What would lower it, or prevent a meeting" in text
    # The shift the August article reports in Baku's terms closes every format March had.
    assert "the world: Baku's terms: talks on its own territory with no intermediaries" in text
    assert "Questions for discussion" in text


@pytest.fixture(scope="module")
def march_changes(march):
    base = experiment.run(march, 200, march.spec.seed, 1)
    return what_would_have_to_change(march, 200, march.spec.seed, 1, base=base)


def test_change_groups_list_only_changes_beyond_noise(march_changes):
    base, changes = march_changes
    groups = dict(reading.change_groups(base, changes))
    for title, rows in groups.items():
        assert rows, title
        if title.startswith("What would raise"):
            assert all(c.difference.p_meeting.low > 0 for c in rows)
        if title.startswith("What would lower"):
            assert all(c.difference.p_meeting.high < 0 for c in rows)
            assert [c.delta for c in rows] == sorted(c.delta for c in rows)
        if title.startswith("What would move"):
            assert all(c.moved >= 0.25 for c in rows)
    assert "What would raise P(meeting)" not in groups  # it is 1 already


def test_questions_quote_the_rule_that_blocks_most(march, march_changes):
    base, changes = march_changes
    table = feasibility(march)
    actor, rule, count = reading.blockers(march, table)[0]
    asks = reading.questions(march, table, base, changes)
    assert 4 <= len(asks) <= 6
    assert f"blocks {count:,} of 1,050 formats" in asks[0]
    assert march.actors[actor].rule(rule).says.rstrip(".") in asks[0]


def test_the_format_that_nearly_worked_is_refused_for_one_reason_by_one_actor(march):
    table = feasibility(march)
    fmt, who, why = reading.nearly(march, table)
    row = next(r for r in table.rows if r.format == fmt)
    (actor, reasons), = row.blocked_by.items()
    assert len(reasons) == 1 and march.actors[actor].name == who
    # no format is refused for value alone, else that one would come first
    assert reasons[0] != BELOW_RESERVATION
    assert not any(list(r.blocked_by.values()) == [[BELOW_RESERVATION]] for r in table.rows)


def test_blockers_count_formats_not_refusals(march):
    table = feasibility(march)
    for actor, rule, count in reading.blockers(march, table):
        assert count == sum(1 for r in table.rows if rule in r.blocked_by.get(actor, []))


def test_the_reference_says_who_said_each_quote_and_flags_second_hand_rules(march_report):
    """A side's statement carries its speaker; the reporters' summary carries only the
    outlet, and a rule that rests on it alone says so."""
    _, text = march_report
    assert "(Ilham Aliyev, President of Azerbaijan" not in text  # the name, not the title
    assert "(Ilham Aliyev; Eurasianet, 2023-08)" in text
    assert "rests only on the reporters' own summary" in text
