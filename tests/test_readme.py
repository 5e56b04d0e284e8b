"""The README says what the files say: every params snippet it quotes matches the file,
every `--set` path it shows loads, every scenario and figure it names exists."""
from __future__ import annotations

import re

import yaml

import sim

from .conftest import MARCH, ROOT

README = (ROOT / "README.md").read_text()
GUIDE = (ROOT / "scenarios" / "README.md").read_text()


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_quoted_rules_match_the_params_files():
    """A quoted rule's id, sentence, condition and visibility are the file's; a quote cut
    with '...' is the start of the file's quote."""
    blocks = [b for b in yaml_blocks(README) if b.lstrip().startswith("- id:")]
    assert blocks, "the README quotes at least one rule"
    actors = sim.load(MARCH).actors
    for block in blocks:
        shown = yaml.safe_load(block)[0]
        found = [(a, r) for a, actor in actors.items() for r in actor.rules
                 if r.id == shown["id"]]
        assert found, f"README quotes a rule no params file has: {shown['id']}"
        actor, rule = found[0]
        path = ROOT / "params" / f"{actor}.yaml"
        data = yaml.safe_load(path.read_text())
        raw = next(r for group in ("red_lines", "preconditions", "assumptions")
                   for r in data.get(group, []) if r["id"] == shown["id"])
        for key in ("says", "require", "forbid", "active_when", "public", "when"):
            if key in shown:
                assert shown[key] == raw[key], (shown["id"], key)
        for quoted, real in zip(shown.get("source", []), raw.get("source", [])):
            head = quoted["quote"].removesuffix("...").rstrip(", ")
            assert real["quote"].startswith(head), (shown["id"], head)
        if "assumption" in shown:
            head = shown["assumption"].split("...")[0].strip()
            assert " ".join(raw["assumption"].split()).startswith(" ".join(head.split()))


def test_every_set_path_shown_loads():
    """Every `--set` the README shows loads, but for those it shows failing (an example
    command followed by its error message)."""
    shown_failing = set(re.findall(r"\$ negsim .*?--set ([a-z_.]+=[^\s`]+)\nnegsim: ", README))
    sets = [s for s in re.findall(r"--set ([a-z_.]+=[^\s`]+)", README + GUIDE)
            if s not in shown_failing]
    assert len(sets) >= 4
    for text in sets:
        if "<" in text or "..." in text or text.startswith("ACTOR."):
            continue  # a template for the reader to fill in
        sim.load(MARCH, [text])


def test_every_named_file_exists():
    for name in set(re.findall(r"scenarios/[a-z0-9-]+\.yaml", README + GUIDE)):
        downloaded = name.replace("scenarios/whatif-", "scenarios/")  # the page's download
        assert (ROOT / name).is_file() or (ROOT / downloaded).is_file(), name
    for name in set(re.findall(r"docs/figures/[\w.-]+\.png", README)):
        assert (ROOT / name).is_file(), name
