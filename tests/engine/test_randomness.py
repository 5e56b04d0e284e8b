"""Each purpose draws from its own stream: what one purpose draws, and how often, moves no
other purpose's draws (the ground of common random numbers, `engine/randomness.py`)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sim.engine import Compiled, replicate
from sim.engine.randomness import Streams

PURPOSES = [("schedule", "baku"), ("delay", "baku"), ("delay", "stepanakert"),
            ("choice", "baku"), ("counter", "stepanakert"), ("lead_time", "meeting"),
            ("reaction", "baku.checkpoint"), ("event", "road_reopens"),
            ("reservation", "baku")]


def alone(purpose: tuple[str, str], n: int, seed: int = 7, replication: int = 3) -> list[float]:
    stream = Streams(seed, replication, {})[purpose]
    return [stream.random() for _ in range(n)]


@given(order=st.lists(st.sampled_from(range(len(PURPOSES))), max_size=200))
def test_a_purpose_draws_the_same_whatever_the_others_draw_between(order):
    streams = Streams(7, 3, {})
    drawn: dict[tuple[str, str], list[float]] = {}
    for i in order:
        drawn.setdefault(PURPOSES[i], []).append(streams[PURPOSES[i]].random())
    for purpose, values in drawn.items():
        assert values == alone(purpose, len(values))


def test_purposes_replications_and_seeds_each_have_their_own_numbers():
    firsts = {tuple(alone(p, 3)) for p in PURPOSES}
    assert len(firsts) == len(PURPOSES)
    assert alone(PURPOSES[0], 3, replication=4) != alone(PURPOSES[0], 3)
    assert alone(PURPOSES[0], 3, seed=8) != alone(PURPOSES[0], 3)


def test_the_engine_asks_a_stream_per_purpose(may_reopen, monkeypatch):
    """Every kind of randomness a replication uses comes from its own stream: a schedule,
    a delay, a choice, a counter, a lead time, a reaction, an event, a reservation."""
    asked: dict[tuple[str, str], set[int]] = {}
    original = Streams.__getitem__

    def recording(self, purpose):
        stream = original(self, purpose)
        asked.setdefault(purpose, set()).add(id(stream))
        return stream
    monkeypatch.setattr(Streams, "__getitem__", recording)
    compiled, seen = Compiled(may_reopen), set()
    for i in range(40):
        per_replication: dict[int, tuple[str, str]] = {}
        asked.clear()
        replicate(compiled, i, 2023)
        for purpose, ids in asked.items():
            assert len(ids) == 1, purpose  # one stream per purpose in a replication ...
            (stream_id,) = ids
            assert per_replication.setdefault(stream_id, purpose) == purpose  # ... not shared
        seen |= {kind for kind, _ in asked}
    assert {"reservation", "schedule", "delay", "choice", "counter", "lead_time", "reaction",
            "event"} <= seen
