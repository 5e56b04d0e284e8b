"""Independent random streams, one per purpose, so that what-ifs are comparable.

Replication i of a scenario with seed s draws each kind of randomness (an actor's
reservation, a proposer's schedule, a responder's delays, a random event, a reaction...)
from its own stream, seeded from (s, i, purpose name). Changing or fixing one parameter
then changes no other draw: a what-if differs from its baseline by its effect, not by
noise (common random numbers).

Why not `random.Random` per stream: seeding a Mersenne Twister costs about 8 us, and a
replication uses a few dozen streams; numpy's generators cost more still. A stream here is
SplitMix64 (Steele, Lea and Flood 2014; the seeder of xoshiro), a 64-bit state moved by a
constant and mixed: statistically sound for simulation, created in under a microsecond.
"""
from __future__ import annotations

import hashlib
import math
from typing import Callable

from ..model.quantities import Fixed, Quantity, Triangular, Uniform

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
TO_UNIT = 2.0 ** -53


def mix64(z: int) -> int:
    """SplitMix64's finaliser: a bijection of 64-bit integers that scatters every bit."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def purpose_key(purpose: str) -> int:
    """A 64-bit key for a purpose name (computed once per scenario, not per draw)."""
    return int.from_bytes(hashlib.blake2b(purpose.encode(), digest_size=8).digest(), "little")


def replication_key(seed: int, replication: int) -> int:
    return mix64((mix64(seed & MASK) + GOLDEN * (replication + 1)) & MASK)


class Stream:
    """One purpose's draws in one replication."""

    __slots__ = ("state",)

    def __init__(self, rep_key: int, purpose: int):
        # Both keys are already well mixed, and every output is mixed again: the start
        # state needs no mixing of its own (two streams overlap only if their starts
        # differ by a small multiple of GOLDEN: a chance of about 2^-57 per pair).
        self.state = rep_key ^ purpose

    def random(self) -> float:
        """A float in [0, 1) with 53 random bits."""
        self.state = s = (self.state + GOLDEN) & MASK
        s = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        s = ((s ^ (s >> 27)) * 0x94D049BB133111EB) & MASK
        return ((s ^ (s >> 31)) >> 11) * TO_UNIT

    def triangular(self, low: float, high: float, mode: float) -> float:
        """As `random.triangular`: by inversion of the distribution function."""
        u = self.random()
        if high == low:
            return low
        c = (mode - low) / (high - low)
        if u > c:
            u, c, low, high = 1.0 - u, 1.0 - c, high, low
        return low + (high - low) * math.sqrt(u * c)

    def expovariate(self, rate: float) -> float:
        return -math.log(1.0 - self.random()) / rate

    def below(self, n: int) -> int:
        """An integer in 0..n-1, uniformly."""
        return int(self.random() * n)


Purpose = tuple[str, str]  # (kind, name), e.g. ("delay", "baku"): the stream "delay:baku"


class Streams:
    """The streams of one replication, each made when its purpose first draws."""

    __slots__ = ("key", "keys", "made")

    def __init__(self, seed: int, replication: int, keys: dict[Purpose, int]):
        self.key = replication_key(seed, replication)
        self.keys = keys  # purpose -> 64-bit key, shared by every replication
        self.made: dict[Purpose, Stream] = {}

    def __getitem__(self, purpose: Purpose) -> Stream:
        stream = self.made.get(purpose)
        if stream is None:
            key = self.keys.get(purpose)
            if key is None:
                key = self.keys[purpose] = purpose_key(":".join(purpose))
            stream = self.made[purpose] = Stream(self.key, key)
        return stream


Sampler = Callable[[Stream], float]


def sampler(q: Quantity) -> Sampler:
    """A function drawing one value of a number or distribution from the params; built once
    per scenario, so a draw in the engine costs no type tests."""
    if isinstance(q, (int, float)):
        value = float(q)
        return lambda stream: value
    if isinstance(q, Fixed):
        fixed = q.value
        return lambda stream: fixed
    if isinstance(q, Uniform):  # inline, not a method: one call fewer per draw
        low, span = q.low, q.high - q.low
        return lambda stream: low + span * stream.random()
    assert isinstance(q, Triangular)
    low, high, mode = q.low, q.high, q.mode
    return lambda stream: stream.triangular(low, high, mode)


def is_random(q: Quantity) -> bool:
    """Whether a quantity is drawn (a distribution) rather than fixed."""
    return isinstance(q, (Uniform, Triangular))


def is_continuous(q: Quantity) -> bool:
    """Whether a quantity is drawn from a distribution with no atom (no value it takes
    with a positive probability)."""
    return ((isinstance(q, Uniform) and q.high > q.low)
            or (isinstance(q, Triangular) and q.high > q.low))
