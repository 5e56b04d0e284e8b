"""Hostile input, round three (issue 26): each row of the issue's table, as it was found,
is now one line, exit 2, no traceback, in under two seconds, and nothing is written."""
from __future__ import annotations

import datetime as dt

import pytest

import sim
from sim.files.errors import InputError

from ..conftest import MARCH
from ..refusing import timed
from ..variants import variant

BIG_SET = "x y" * 34_000  # 102 KB


def file_with(tmp_path, name: str, **keys) -> str:
    return str(variant(tmp_path, lambda d: d.update(keys), name=name))


def rows(tmp_path):
    """(id, argv, environment, words the one line must hold) for every row of the table."""
    out = str(tmp_path / "out")
    run = ["run", str(MARCH), "--out", out]
    cert = tmp_path / "missing.pem"
    afile = tmp_path / "a-file"
    afile.write_text("not a folder")
    return {
        "n-huge": (run + ["-n", "1000000000000000"], {},
                   ["-n", "from 1 to 10,000,000", "got 1000000000000000"]),
        "n-400-digits": (run + ["-n", "9" * 400], {}, ["-n", "a number of 400 digits"]),
        "sweep-steps": (["sweep", str(MARCH), "--vary",
                         "stepanakert.reservation=0.1:0.9:10000000", "-n", "5", "--out", out],
                        {}, ["STEPS must be from 1 to 1,000", "got 10,000,000"]),
        "workers-5000": (run + ["-n", "5", "--workers", "5000"], {},
                         ["--workers", "must be from 1 to", "got 5000"]),
        "start-9999": (run + ["-n", "5", "--set", "start=9999-10-02"], {},
                       ["from 1900 to 2100", "got 9999-10-02"]),
        "start-0001": (run + ["-n", "5", "--set", "start=0001-01-01"], {},
                       ["from 1900 to 2100", "got 0001-01-01"]),
        "start-in-file": (["run", file_with(tmp_path, "early", start=dt.date(1, 1, 2)), "-n", "5",
                           "--out", out], {}, ["early.yaml, line", "from 1900 to 2100"]),
        "lead-time-1e9": (run + ["-n", "5", "--set", "lead_time.high=1e9"], {},
                          ["the lead time (days) must be from 0 to 32767", "1e+09"]),
        "lead-time-1e300": (run + ["-n", "5", "--set", "lead_time.high=1e300"], {},
                            ["the lead time (days) must be from 0 to 32767", "1e+300"]),
        "lead-time-in-file": (["run", file_with(tmp_path, "slow", lead_time=10**30), "-n", "5", "--out",
                               out], {}, ["slow.yaml, line", "the lead time (days)"]),
        "set-100-kb": (run + ["-n", "5", "--set", f"title={BIG_SET}"], {},
                       ["102,000 characters", "at most 10,000"]),
        "string-900k-in-file": (["check", file_with(tmp_path, "long", title="t" * 900_000)], {},
                                ["long.yaml, line", "900,000 characters", "at most 10,000"]),
        "file-mb-1e300": (["check", str(MARCH)], {"NEGSIM_MAX_FILE_MB": "1e300"},
                          ["NEGSIM_MAX_FILE_MB", "at most 1,000", "1e300"]),
        "port-99999": (["serve", "--port", "99999"], {},
                       ["--port", "from 1 to 65,535", "got 99999"]),
        "cert-missing": (["serve", "--certfile", str(cert), "--keyfile", str(cert),
                          "--classroom", str(tmp_path / "class")], {},
                         ["--certfile", "no such file"]),
        "classroom-a-file": (["serve", "--classroom", str(afile)], {},
                             ["a-file", "--classroom must be a folder"]),
        "dask-timeout-huge": (run + ["-n", "5", "--dask", "tcp://127.0.0.1:1"],
                              {"NEGSIM_DASK_TIMEOUT": "1e300"}, ["NEGSIM_DASK_TIMEOUT",
                                                                "at most 3600"]),
        "sweep-grid": (["sweep", str(MARCH), "--vary", "stepanakert.reservation=0.1:0.9:1000",
                        "--vary", "baku.reservation=0.1:0.9:1000", "-n", "5", "--out", out],
                       {}, ["1,000,000 points", "at most 10,000"]),
        "sobol-design": (["sensitivity", str(MARCH), "--params",
                          "stepanakert.reservation=0.1:0.9", "--method", "sobol",
                          "--samples", "9000", "--out", out], {},
                         ["27,000 points", "at most 10,000"]),
        "seed-too-big": (run + ["-n", "5", "--seed", str(2**64)], {},
                         ["--seed", "from 0 to 9,223,372,036,854,775,807"]),
    }


ROWS = [
    "n-huge", "n-400-digits", "sweep-steps", "workers-5000", "start-9999", "start-0001",
    "start-in-file", "lead-time-1e9", "lead-time-1e300", "lead-time-in-file", "set-100-kb",
    "string-900k-in-file", "file-mb-1e300", "port-99999", "cert-missing",
    "classroom-a-file", "dask-timeout-huge", "sweep-grid", "sobol-design", "seed-too-big"]


@pytest.mark.parametrize("row", ROWS)
def test_each_row_is_one_line_and_exit_2(row, tmp_path, capsys, monkeypatch):
    argv, env, words = rows(tmp_path)[row]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, err, elapsed = timed(argv, capsys)
    assert code == 2, err
    assert err.startswith("negsim: ") and err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err, f"{word!r} not in {err!r}"
    assert len(err) < 700, "a long value is shown by its start and its length"
    assert elapsed < 2.0
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_table_lists_every_row(tmp_path):
    assert sorted(rows(tmp_path)) == sorted(ROWS)


@pytest.mark.parametrize("keys, words", [
    ({"n": 10**15}, "n must be from 0 to 10,000,000"),
    ({"n": 5, "workers": 5000}, "workers must be from 1 to"),
    ({"n": 5, "seed": -1}, "seed must be from 0"),
])
def test_the_python_api_has_the_same_ranges(keys, words, march):
    with pytest.raises(InputError, match=words):
        sim.run(march, **keys)
