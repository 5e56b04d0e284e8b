"""Every quote in params/ and scenarios/ is verbatim in the source articles, and every rule
cites an article of the bibliography or states an assumption."""
from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

CHECKER = ROOT.parent / "shared" / "tools" / "check_quotes.py"


@pytest.mark.skipif(not CHECKER.exists(), reason="../shared (the source articles) is not "
                    "beside this checkout")
def test_every_quote_is_verbatim():
    proc = subprocess.run([sys.executable, str(CHECKER), "params", "scenarios"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    assert "NOT FOUND" not in proc.stdout


def test_every_rule_is_cited_or_an_assumption(march):
    for actor in march.actors.values():
        for rule in (*actor.red_lines, *actor.preconditions, *actor.preferences):
            assert rule.citations or rule.assumption, (actor.id, rule)
            for c in rule.citations:
                assert c.article in march.articles
