"""A full disk, a big request and a certificate that is not its key's: one line, exit 2,
nothing half-written (issue 26, items 1, 3 and 4)."""
from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys
from collections import namedtuple

import pytest

from sim.cli import main
from sim.studies import estimate
from sim.web.common.arguments import check_tls

from ..conftest import MARCH, ROOT
from ..refusing import refused

CERTS = ROOT / "tests" / "certs"


def _small_files() -> None:
    """In the child: files may not grow past 100 KB, as on a disk that is nearly full (the
    write fails with EFBIG, as a full disk's fails with ENOSPC)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))


@pytest.mark.parametrize("extra", [[], ["--trace", "5"]], ids=["run", "run-with-trace"])
def test_a_disk_that_fills_during_a_run_is_one_line_and_no_folder(extra, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "sim", "run", str(MARCH), "-n", "2000",
                           "--out", str(out), *extra], preexec_fn=_small_files,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert "no room to write the results" in done.stderr and str(out) in done.stderr
    assert "MB had been written" in done.stderr and "was removed" in done.stderr
    assert list(out.iterdir()) == [], "the unfinished folder is removed"


def test_a_disk_without_room_is_refused_before_the_run(tmp_path, capsys, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**6, 8 * 10**5, 200_000))
    out = tmp_path / "out"
    refused(["run", str(MARCH), "-n", "50", "--out", str(out)], capsys,
            "the results need about 1.5 MB", "0.2 MB free", "another --out")
    assert not any(out.iterdir())


def test_a_big_request_says_how_long_and_stops_without_yes(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(estimate, "per_replication", lambda scenario: 0.001)
    err = refused(["run", str(MARCH), "-n", "5000000", "--workers", "2", "--out",
                   str(tmp_path / "out")], capsys, "5,000,000 replications",
                  "about 46 minutes on 2 workers", "add --yes")
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_quick_request_is_not_timed_and_yes_skips_the_estimate(tmp_path, capsys,
                                                                 monkeypatch):
    def never(scenario):
        raise AssertionError("timed a run that needs no estimate")
    monkeypatch.setattr(estimate, "per_replication", never)
    assert main(["run", str(MARCH), "-n", "20", "--out", str(tmp_path / "a")]) == 0
    assert estimate.too_long(None, estimate.QUICK, 2, "x") is None
    monkeypatch.setattr(estimate, "too_long", lambda *a: pytest.fail("estimated with --yes"))
    assert main(["run", str(MARCH), "-n", "20", "--yes", "--out", str(tmp_path / "b")]) == 0


def test_the_estimate_grows_with_the_request_and_shrinks_with_workers(monkeypatch):
    monkeypatch.setattr(estimate, "per_replication", lambda scenario: 0.001)
    one = estimate.seconds(None, 10**6, 1)
    assert estimate.seconds(None, 2 * 10**6, 1) > 1.9 * one
    assert estimate.seconds(None, 10**6, 2) < 0.6 * one
    assert estimate.duration(30) == "about 30 seconds"
    assert estimate.duration(2400) == "about 40 minutes"
    assert estimate.duration(4 * 3600) == "about 4.0 hours"


def test_a_certificate_and_a_key_that_do_not_match_are_refused_before_a_token(tmp_path,
                                                                             capsys):
    err = refused(["serve", "--certfile", str(CERTS / "a.pem"), "--keyfile",
                   str(CERTS / "b.key"), "--classroom", str(tmp_path / "class")], capsys,
                  "do not make a certificate and its key")
    assert "token" not in err.lower()


def test_a_certificate_with_its_own_key_passes_the_check():
    check_tls(str(CERTS / "a.pem"), str(CERTS / "a.key"))  # raises when they do not match
