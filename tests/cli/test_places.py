"""Where a command writes: a place that cannot be written is refused before any work."""
from __future__ import annotations

import pytest

from sim.cli import model_cmds
from sim.studies import experiment

from ..refusing import refused


@pytest.mark.parametrize("argv, words", [
    (["report", "-o", "{f}/x.html"], "-o cannot be written here: {f} is a file"),
    (["run", "-n", "10", "--out", "{f}/sub"], "--out cannot be made here: {f} is a file"),
    (["schema", "--out", "{f}"], "--out must be a folder, and this is a file"),
    (["schema", "--out", "{f}/sub/deeper"], "--out cannot be made here: {f} is a file"),
    (["init", "{f}/class"], "the folder cannot be made here: {f} is a file"),
])
def test_a_place_to_write_under_a_file_is_refused_before_any_work(argv, words, tmp_path,
                                                                    capsys, monkeypatch):
    """Found by review: `report -o` ran its 30 what-ifs, then ended in a traceback."""
    afile = tmp_path / "afile"
    afile.write_text("")

    def no_work(*args, **kwargs):
        raise AssertionError("a run started")
    monkeypatch.setattr(experiment, "run", no_work)
    refused([a.format(f=afile) for a in argv], capsys, words.format(f=afile))
    assert afile.read_text() == "" and sorted(tmp_path.iterdir()) == [afile]


@pytest.mark.parametrize("error, words", [
    (PermissionError(13, "Permission denied", "/read-only/class/params"),
     "/read-only/class/params: Permission denied. Choose another path"),
    (OSError(30, "Read-only file system", "/mnt/ro/class/params"),
     "/mnt/ro/class/params: Read-only file system. Choose another path"),
])
def test_a_path_the_system_refuses_is_one_paragraph(error, words, monkeypatch, capsys):
    """Any refusal by the system that names a path is one paragraph, exit 2."""
    def refuse(folder):
        raise error
    monkeypatch.setattr(model_cmds, "init_folder", refuse)
    refused(["init", "class"], capsys, words)
