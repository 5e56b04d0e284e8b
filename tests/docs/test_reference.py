"""The generated reference pages are what the code and the params give now: the pages in
docs/ are up to date, an edit to a rule makes them stale, and every key a command's
`--json` prints is the one the command-line page documents."""
from __future__ import annotations

import json

import pytest

from sim.cli import main
from sim.cli.json_keys import JSON_KEYS
from sim.cli.parser import build_parser
from sim.cli.reference import commands
from sim.files.bundled import init_folder

from ..conftest import AUGUST, HISTORY, MARCH, ROOT

PAGES = ROOT / "docs" / "pages" / "reference"


def test_the_pages_in_docs_are_up_to_date(capsys):
    """Fails when a rule, a command or a schema changed and `negsim docs` was not run."""
    assert main(["docs", str(MARCH), "--out", str(PAGES), "--check"]) == 0, \
        capsys.readouterr().out


def test_an_edited_rule_makes_the_rules_page_stale(tmp_path, capsys):
    init_folder(tmp_path / "case")
    case = tmp_path / "case"
    out = tmp_path / "pages"
    assert main(["docs", str(case / "scenarios" / "march-2023.yaml"), "--out", str(out)]) == 0
    baku = case / "params" / "baku.yaml"
    text = baku.read_text()
    assert "Baku will not discuss a special status for Karabakh." in text
    baku.write_text(text.replace("Baku will not discuss a special status for Karabakh.",
                                 "Baku will not discuss a status."))
    capsys.readouterr()
    assert main(["docs", str(case / "scenarios" / "march-2023.yaml"), "--out", str(out),
                 "--check"]) == 1
    said = capsys.readouterr().out
    assert "rules.md" in said and "cli.md" not in said
    assert "Baku will not discuss a status." not in (out / "rules.md").read_text()


def test_every_rule_and_its_quote_is_on_the_rules_page(march):
    page = (PAGES / "rules.md").read_text()
    for actor in march.actors.values():
        for group in ("red_lines", "preconditions", "assumptions", "lapses", "reactions"):
            for rule in getattr(actor, group):
                assert f"`{actor.id}.{group}.{rule.id}`" in page
                for c in rule.citations:
                    assert " ".join(c.quote.split()) in page, (rule.id, c.quote)


def test_every_command_and_option_is_on_the_cli_page():
    page = (PAGES / "cli.md").read_text()
    for name, _, p in commands(build_parser()):
        assert f"## negsim {name}\n" in page
        for action in p._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"`{flag}" in page or f", {flag}" in page, (name, flag)


def json_of(capsys, argv: list[str]) -> dict:
    capsys.readouterr()
    code = main(argv)
    assert code in (0, 1), argv
    return json.loads(capsys.readouterr().out)


COMMANDS = {
    "run": [["run", str(MARCH), "-n", "20"],
            ["run", str(MARCH), "-n", "20", "--set", "baku.reservation=0.5"]],
    "feasible": [["feasible", str(AUGUST)]],
    "explain": [["explain", str(MARCH), "--format",
                 "venue=baku,mediation=none,agenda=technical,delegation=security_council"]],
    "sweep": [["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:2", "-n", "10"]],
    "compare": [["compare", str(MARCH), str(AUGUST), "-n", "10"]],
    "sensitivity": [["sensitivity", str(MARCH), "--params", "stepanakert.reservation=0.3:0.8",
                     "baku.reservation=0.3:0.8", "--samples", "2", "-n", "10"]],
    "backtest": [["backtest", str(HISTORY), "--seeds", "20"]],
}


@pytest.mark.parametrize("command", sorted(JSON_KEYS))
def test_json_keys_are_the_documented_ones(command, capsys, tmp_path):
    """Every key printed is documented; every key documented as always there is printed;
    each documented item key is in every item."""
    keys = {k.name: k for k in JSON_KEYS[command]}
    seen: set[str] = set()
    for argv in COMMANDS[command]:
        out = ["--out", str(tmp_path)] if "--out" in _options(argv[0]) else []
        data = json_of(capsys, [*argv, *out, "--json"])
        assert set(data) <= set(keys), set(data) - set(keys)
        assert {k for k, v in keys.items() if not v.when} <= set(data)
        seen |= set(data)
        for name, key in keys.items():
            value = data.get(name)
            items = value if isinstance(value, list) and key.items else []
            for item in items:
                assert set(key.items) <= set(item), (name, set(key.items) - set(item))
    # a key that comes and goes was seen, unless it needs a long option not run here
    unseen = {k for k, v in keys.items() if v.when and k not in seen}
    assert all("--robustness" in keys[k].when or "--ablate" in keys[k].when
               for k in unseen), unseen


def _options(command: str) -> set[str]:
    p = next(p for name, _, p in commands(build_parser()) if name == command)
    return {f for a in p._actions for f in a.option_strings}
