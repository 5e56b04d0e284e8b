"""The condition language: parsing, combinators, and keeping true apart from 1."""
from __future__ import annotations

import pytest

from sim.model import conditions


def read(values):
    return values.get


def test_several_keys_must_all_hold():
    c = conditions.parse({"venue": ["baku", "yevlakh"], "mediation": "none"})
    assert conditions.holds(c, read({"venue": "baku", "mediation": "none"}))
    assert not conditions.holds(c, read({"venue": "baku", "mediation": "us_eu"}))


def test_any_and_not():
    c = conditions.parse({"any": [{"agenda": ["status"]}, {"not": {"blockade": [False]}}]})
    assert conditions.holds(c, read({"agenda": "status", "blockade": False}))
    assert conditions.holds(c, read({"agenda": "technical", "blockade": True}))
    assert not conditions.holds(c, read({"agenda": "technical", "blockade": False}))


def test_true_is_not_one():
    c = conditions.parse({"x": [True]})
    assert not conditions.holds(c, read({"x": 1}))
    assert conditions.holds(c, read({"x": True}))


@pytest.mark.parametrize("bad", [{}, [], {"all": []}, {"any": "x"}, {"venue": [{"a": 1}]}])
def test_malformed_conditions_are_rejected(bad):
    with pytest.raises(ValueError):
        conditions.parse(bad)


def test_leaves_remember_their_place_for_error_messages():
    c = conditions.parse({"any": [{"venue": ["x"]}, {"not": {"agenda": ["y"]}}]})
    assert [leaf.rel for leaf in conditions.leaves(c)] == [("any", 0, "venue"),
                                                           ("any", 1, "not", "agenda")]
