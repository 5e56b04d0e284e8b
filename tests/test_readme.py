"""The README and the documentation say what the files say: every params snippet they
quote matches the file, every `--set` path they show loads, every scenario and figure they
name exists; the README stays short and its quick start is the one CI runs."""
from __future__ import annotations

import re

import yaml

import sim

from .conftest import MARCH, ROOT

PAGES = ROOT / "docs" / "pages"
README = (ROOT / "README.md").read_text()
# the written pages (the generated reference is checked by tests/docs)
DOCS = README + "".join(p.read_text() for p in sorted(PAGES.rglob("*.md"))
                        if "reference" not in p.parts or p.name in ("limits.md",
                                                                    "results.md", "api.md"))
GUIDE = (ROOT / "scenarios" / "README.md").read_text()


# files a how-to guide has the reader make (test_the_whatif_guide_s_example_runs makes it)
MADE = {"scenarios/whatif-my-question.yaml"}


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_quoted_rules_match_the_params_files():
    """A quoted rule's id, sentence, condition and visibility are the file's; a quote cut
    with '...' is the start of the file's quote."""
    blocks = [b for b in yaml_blocks(DOCS) if b.lstrip().startswith("- id:")]
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
    shown_failing = set(re.findall(r"\$ negsim .*?--set ([a-z_.]+=[^\s`]+)\nnegsim: ", DOCS))
    sets = [s for s in re.findall(r"--set ([a-z_.]+=[^\s`]+)", DOCS + GUIDE)
            if s not in shown_failing]
    assert len(sets) >= 4
    for text in sets:
        if "<" in text or "..." in text or text.startswith("ACTOR."):
            continue  # a template for the reader to fill in
        sim.load(MARCH, [text])


def test_every_named_file_exists():
    for name in set(re.findall(r"scenarios/[a-z0-9-]+\.yaml", DOCS + GUIDE)) - MADE:
        downloaded = name.replace("scenarios/whatif-", "scenarios/")  # the page's download
        assert (ROOT / name).is_file() or (ROOT / downloaded).is_file(), name
    for name in set(re.findall(r"docs/pages/img/[\w./-]+\.png", README)):
        assert (ROOT / name).is_file(), name


def test_the_readme_is_short_and_its_links_lead_somewhere():
    assert len(README.splitlines()) <= 150
    for target in re.findall(r"\]\(((?:docs|scenarios)/[^)#]+)", README):
        assert (ROOT / target).exists(), target


def test_the_readme_test_command_is_the_one_ci_runs():
    commands = re.findall(r"```bash\n(python3 -m venv .*?)\n```", README)
    assert len(commands) >= 2, "the two quick-start commands"
    ci = (ROOT / ".ci" / "run").read_text().replace("pip install -q ", "pip install ")
    assert commands[1] in ci, "CI runs the README's second quick-start command as written"
    assert commands[0].endswith("negsim run")


def test_the_quick_start_output_shown_is_what_negsim_run_prints(tmp_path, capsys):
    """The lines the README and the first tutorial show of `negsim run` are printed by it
    (the default scenario, its own N and seed), but for the results folder's name."""
    from sim.cli import main
    assert main(["run", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    tutorial = (PAGES / "tutorials" / "first-run.md").read_text()
    shown = re.findall(r"```\n(P\(meeting.*?)```", README, re.S)
    shown += re.findall(r"```\n\$ negsim run\n(.*?)```", tutorial, re.S)
    assert len(shown) == 2
    for block in shown:
        for line in block.splitlines():
            if line.strip() and not line.startswith(("Results:", "...")):
                assert line in printed, line


def test_the_whatif_guide_s_example_runs(tmp_path, capsys):
    """The what-if the guide writes, saved where it says, runs against its base and
    changes the meetings (the road reopens on 1 April)."""
    from sim.cli import main
    from sim.files.bundled import init_folder
    guide = (PAGES / "how-to" / "write-a-whatif.md").read_text()
    example = next(b for b in yaml_blocks(guide) if "extends:" in b)
    init_folder(tmp_path / "case")
    path = tmp_path / "case" / next(iter(MADE))
    path.write_text(example)
    assert main(["check", "--strict", str(path)]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert main(["run", str(path), "-n", "100", "--out", str(tmp_path / "out"), "--json"]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert data["meetings_per_replication"]["mean"] > 2, "after the road reopens, more meetings"
