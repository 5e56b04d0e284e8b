"""Fuzzing from the JSON Schema: scenario documents and `--set` values built from negsim's
own schema (plus hostile values and damaged text) get an answer, never a traceback.
`bench/fuzz.py` runs 10,000 of them; CI runs a couple of hundred."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from .. import fuzzing

FAST = settings(max_examples=100, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FAST
@given(text=fuzzing.scenario_text())
def test_a_fuzzed_scenario_file_gets_an_answer_not_a_traceback(folder, text):
    code, err = fuzzing.check_text(text, folder)
    assert fuzzing.answered(code, err), (code, err)


@FAST
@given(fuzzing.set_option())
def test_a_fuzzed_set_value_gets_an_answer_not_a_traceback(option):
    code, err = fuzzing.check_set(option)
    assert fuzzing.answered(code, err), (option, code, err)
