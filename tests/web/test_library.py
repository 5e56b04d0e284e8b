"""Uploaded scenarios: checked by the files' own loader, confined to the bundled params,
size-limited, and never a server path in a message."""
from __future__ import annotations

import pytest

from sim.web.common.library import MAX_UPLOAD_BYTES, Refused

GOOD = b"""kind: scenario
extends: march-2023.yaml
title: "What if: the road reopens"
state:
  blockade: false
"""


def refusal(library, name: str, data: bytes) -> str:
    with pytest.raises(Refused) as caught:
        library.upload(name, data)
    return str(caught.value)


def test_a_good_upload_is_offered_and_can_be_removed(library):
    entry = library.upload("my-case.yaml", GOOD)
    assert library.entries["my-case.yaml"] is entry and entry.uploaded
    assert entry.scenario.state["blockade"] is False
    assert library.load("my-case.yaml").state["blockade"] is False
    library.remove("my-case.yaml")
    assert "my-case.yaml" not in library.entries and not entry.root.exists()


@pytest.mark.parametrize("text, says", [
    (b"kind: scenario\ntitle: t\nstart: 2023-01-01\nparams:\n  - /etc/passwd\n",
     "line 5"),
    (b"kind: scenario\ntitle: t\nstart: 2023-01-01\nparams:\n  - ../../params/baku.yaml\n",
     "bundled params files"),
    (b"kind: scenario\nextends: ../../../../etc/hosts\ntitle: t\n", "extends:"),
    (b"kind: scenario\nextends: bad.yaml\ntitle: t\n", "only a bundled scenario"),
    (b"kind: scenario\nextends: march-2023.yaml\ntitle: t\nhistory: /tmp/x.yaml\n",
     "history:"),
])
def test_a_path_outside_the_bundled_files_is_refused_with_its_line(library, text, says):
    message = refusal(library, "case.yaml", text)
    assert says in message and "is not allowed in an uploaded scenario" in message
    assert message.startswith("scenarios/case.yaml, line ")
    assert str(library.workdir) not in message and "case.yaml" not in library.entries


def test_a_mistake_gets_the_loaders_message_without_server_paths(library):
    message = refusal(library, "typo.yaml", GOOD + b"horizon_dayz: 30\n")
    assert "scenarios/typo.yaml, line 6" in message and "horizon_dayz" in message
    assert "/" + str(library.workdir).strip("/") not in message
    assert "horizon_days" in message  # the known names, as for a file


def test_size_name_and_encoding_are_checked_first(library):
    assert "at most" in refusal(library, "big.yaml", GOOD + b"#" * MAX_UPLOAD_BYTES)
    assert "not a scenario file name" in refusal(library, "../../evil.sh", GOOD)
    assert "shipped scenario" in refusal(library, "march-2023.yaml", GOOD)
    assert "UTF-8" in refusal(library, "latin.yaml", GOOD + "# caf\xe9\n".encode("latin-1"))


def test_only_uploads_can_be_removed(library):
    with pytest.raises(Refused):
        library.remove("march-2023.yaml")
    assert "march-2023.yaml" in library.entries
