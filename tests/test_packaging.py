"""A normal (non-editable) install works from any folder: the wheel carries the package
with all its subpackages and the bundled teaching case."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

from .conftest import ROOT


def sh(*args, cwd: Path, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def test_the_wheel_runs_and_checks_from_an_empty_folder(tmp_path):
    built = sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist",
               ROOT, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    wheel, = (tmp_path / "dist").glob("negsim-*.whl")
    venv = tmp_path / "venv"
    assert sh(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    installed = sh(venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps",
                   "--no-index", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from this environment (a plain path line: its own .pth files,
    # among them the editable install of this checkout, are not read).
    site = Path(sh(venv / "bin" / "python", "-c",
                   "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                   cwd=tmp_path).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    empty = tmp_path / "empty"
    empty.mkdir()

    where = sh(venv / "bin" / "python", "-c", "import sim; print(sim.__file__)", cwd=empty)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    run = sh(venv / "bin" / "negsim", "run", "-n", "30", "--workers", "1", "--out", "out",
             cwd=empty)
    assert run.returncode == 0, run.stderr
    assert "P(meeting by the horizon)" in run.stdout
    assert "sim/bundled/scenarios/march-2023.yaml" in run.stdout
    assert len(list((empty / "out").glob("march-2023-*/replications.csv"))) == 1
    check = sh(venv / "bin" / "negsim", "check", cwd=empty)
    assert check.returncode == 0, check.stderr
    assert check.stdout.count(": ok (scenario") == len(list((ROOT / "scenarios").glob("*.yaml")))
    init = sh(venv / "bin" / "negsim", "init", "class", cwd=empty)
    assert init.returncode == 0 and (empty / "class" / "scenarios" / "README.md").is_file()
    local = sh(venv / "bin" / "negsim", "feasible", cwd=empty / "class")
    assert local.returncode == 0 and "(scenarios/march-2023.yaml)" in local.stdout
