"""`negsim schema`: one JSON Schema per file kind, and one for any file keyed by `kind`."""
from __future__ import annotations

import json

from sim.cli import main
from sim.files.schema import FILE_KINDS


def test_any_schema_dispatches_on_kind(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    mapping = schema["discriminator"]["mapping"]
    assert set(mapping) == set(FILE_KINDS)


def test_actor_schema_requires_reservation_and_forbids_unknown_keys(capsys):
    assert main(["schema", "actor"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"kind", "id", "reservation", "response_delay"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_schema_out_writes_one_file_per_kind(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = {p.name for p in tmp_path.iterdir()}
    assert written == {f"negsim-{k}.schema.json" for k in (*FILE_KINDS, "any")}
