"""The documentation site builds with `mkdocs build --strict`: every page in the nav
exists, every link and anchor between pages leads somewhere, every snippet of the guide is
found and the API reference is read from the docstrings. A page that breaks any of these
fails here, as it would fail the site's build."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..conftest import ROOT

if os.environ.get("CI"):
    import mkdocs  # noqa: F401  (in CI the [docs] extra is installed: a missing one fails)
else:
    pytest.importorskip("mkdocs", reason="install the [docs] extra")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "docs/mkdocs.yml",
                           "--strict", "-d", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_every_page_of_the_nav_is_built(site):
    import yaml
    config = yaml.safe_load((ROOT / "docs" / "mkdocs.yml").read_text())

    def pages(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from pages(item)
        elif isinstance(node, dict):
            for item in node.values():
                yield from pages(item)
    names = list(pages(config["nav"]))
    assert len(names) >= 25
    for name in names:
        built = site / ("index.html" if name == "index.md"
                        else name.removesuffix(".md") + "/index.html")
        assert built.is_file(), name


def test_the_api_page_is_read_from_the_docstrings(site):
    """Each function's heading, and its docstring's opening words as written there."""
    import html

    import sim.api
    page = (site / "reference" / "api" / "index.html").read_text()
    for name in ("load", "run", "sweep", "compare", "report", "sensitivity"):
        opening = (getattr(sim.api, name).__doc__ or "").strip().split("`")[0].strip()
        assert len(opening) > 10 and html.escape(opening, quote=False) in page, name
        assert f'id="sim.api.{name}"' in page, name


def test_the_guide_s_sections_are_included_not_copied(site):
    left = (site / "explanation" / "left-out" / "index.html").read_text()
    assert "Internal factions" in left
    assert "8&lt;" not in left and "--8<--" not in left
