"""One stream of chunks over several points: the planner cuts every point exactly, partial
summaries merge to the same numbers in any order and any cut, and a stream of points gives
each point the numbers it has when run alone."""
from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.studies import points
from sim.studies.chunks import Chunk, Partial, Planner, run_chunk
from sim.studies.experiment import run
from sim.studies.pool import compiled_for
from sim.studies.summary import Summary

from ..conftest import MARCH

N = 48


@pytest.fixture(scope="module")
def singles(march) -> list[Partial]:
    """One partial per replication, 0..N-1 (rows too), computed once."""
    compiled = compiled_for(march)
    return [run_chunk(compiled, Chunk(i, i + 1, 3, rows=True)) for i in range(N)]


@pytest.fixture(scope="module")
def whole(march) -> Partial:
    return run_chunk(compiled_for(march), Chunk(0, N, 3, rows=True))


def joined(parts: list[Partial], start: int, stop: int) -> Partial:
    """The partial a worker would return for start..stop, built from single replications."""
    summary = Summary()
    for p in parts[start:stop]:
        summary.merge(p.summary)
    out = Partial(start, stop, summary, parts[start].days[:0],
                  rows=[r for p in parts[start:stop] for r in p.rows],
                  traced=[t for p in parts[start:stop] for t in p.traced])
    for p in parts[start:stop]:
        out.days.extend(p.days)
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.sets(st.integers(1, N - 1), max_size=12), order=st.randoms(use_true_random=False))
def test_partials_merge_to_the_same_numbers_in_any_cut_and_any_order(singles, whole, march,
                                                                     cuts, order, monkeypatch):
    """Cut 0..N into chunks anyhow, let them arrive in any order (pickled, as from a
    worker): the client's result, days and CSV rows equal those of one chunk of N."""
    bounds = [0, *sorted(cuts), N]
    parts = [joined(singles, a, b) for a, b in zip(bounds, bounds[1:])]
    order.shuffle(parts)
    blobs = [pickle.dumps(p) for p in parts]
    monkeypatch.setattr(points, "partials", lambda *a: (pickle.loads(b) for b in blobs))
    rows: list[tuple] = []
    result = run(march, N, 3, workers=1, sink=lambda p: rows.extend(p.rows))
    assert result.summary == whole.summary
    assert result.days == whole.days
    assert rows == whole.rows
    assert result.example is not None and result.example.replication == 0


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 400), k=st.integers(1, 6), workers=st.integers(1, 16),
       rates=st.lists(st.floats(10, 1e5), min_size=1, max_size=40),
       slots=st.lists(st.integers(0, 5), min_size=1, max_size=40))
def test_the_planner_cuts_every_point_into_disjoint_chunks_that_cover_it(n, k, workers, rates,
                                                                         slots):
    """Whatever slots ask, in whatever order: every point is cut into contiguous chunks
    that cover 0..N once, and a slot leaves its point only once that point is handed out."""
    planner = Planner(n, 7, workers, points=k)
    seen: dict[int, list[tuple[int, int]]] = {p: [] for p in range(k)}
    handed = dict.fromkeys(range(k), 0)
    last: dict[int, int] = {}
    step = 0
    while (chunk := planner.next(slot := slots[step % len(slots)])) is not None:
        assert chunk.seed == 7 and 0 <= chunk.start < chunk.stop <= n
        if slot in last and last[slot] != chunk.point:
            assert handed[last[slot]] == n, "a slot left a point with work still to hand out"
        last[slot] = chunk.point
        seen[chunk.point].append((chunk.start, chunk.stop))
        handed[chunk.point] += chunk.stop - chunk.start
        size = chunk.stop - chunk.start
        planner.observe(Partial(chunk.start, chunk.stop, Summary(), None,  # type: ignore
                                seconds=size / rates[step % len(rates)], point=chunk.point))
        step += 1
    for p, spans in seen.items():
        edges = [0] + [b for _, b in spans]
        assert [a for a, _ in spans] == edges[:-1], "contiguous, in order, no overlap"
        assert (edges[-1] if spans else 0) == n


def test_a_stream_of_points_gives_each_point_its_own_numbers(march):
    """Three points as one stream on two processes equal three separate runs in this
    process, summary and per-replication days alike; `done` hears of every point once."""
    variants = [sim.load(MARCH, [f"stepanakert.reservation={x}"]) for x in (0.5, 0.85, 0.95)]
    heard: list[int] = []
    loaders = [lambda v=v: v for v in variants]  # loaded when their first chunk goes out
    together = points.run_points(loaders, 90, 5, workers=2,
                                 done=lambda k, e: heard.append(k))
    alone = [run(v, 90, 5, workers=1) for v in variants]
    assert sorted(heard) == [0, 1, 2]
    for a, b in zip(together, alone):
        assert a.to_json() == b.to_json() and a.summary == b.summary and a.days == b.days
    assert len({(a.summary.met, a.summary.median_days) for a in together}) == 3, \
        "the points differ"


def test_empty_experiments_and_points_keep_their_shape(march):
    assert points.run_points([march, march], 0, 1, workers=1)[1].summary.n == 0
    assert points.run_points([], 10, 1, workers=1) == []
