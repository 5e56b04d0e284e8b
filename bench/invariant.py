"""The red-line invariant over many replications with random parameters (not a test).

    python bench/invariant.py [--draws 100] [--replications 100] [--seed 0]

Each draw picks a scenario (March or August 2023), random reservations, reaction and
counter-proposal probabilities, starting state and the road's reopening hazard, and adds a
dated change of state on a random day (so rules switch on and off mid-run). Each draw runs
`--replications` replications with their traces. The invariant: no meeting is ever held
in a format that breaks an active red line or precondition of one of its parties, in the
world state of its day. The hypothesis test in tests/engine checks the same on a few
dozen draws; this runs it at scale. Last line JSON: {"draws", "replications", "meetings",
"broken", "seconds"}.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sim  # noqa: E402
from sim.engine import Compiled, replicate  # noqa: E402
from sim.model.decision import broken_rules  # noqa: E402
from sim.model.scenario import Event  # noqa: E402

SCENARIOS = [ROOT / "scenarios" / "whatif-road-may-reopen.yaml",  # March, with a hazard
             ROOT / "scenarios" / "august-2023.yaml"]


def draw_sets(rng: random.Random) -> list[str]:
    """Random values for the parameters that decide who meets."""
    return [f"stepanakert.reservation={rng.uniform(0.1, 0.9):.4f}",
            f"baku.reservation={rng.uniform(0.1, 0.9):.4f}",
            f"russian_peacekeepers.reservation={rng.uniform(0.0, 0.8):.4f}",
            f"western_mediators.reservation={rng.uniform(0.0, 0.8):.4f}",
            f"baku.reactions.checkpoint_after_refused_invitation.probability={rng.random():.4f}",
            f"stepanakert.counter_probability={rng.random():.4f}",
            f"baku.counter_probability={rng.random():.4f}",
            f"state.blockade={rng.choice(['true', 'false'])}",
            "state.baku_terms=" + rng.choice(['practical_contacts', 'own_territory']),
            "state.gas_and_power=" + rng.choice(['unimpeded', 'disrupted']),
            f"state.state_minister={rng.choice(['local', 'outsider'])}",
            f"state.security={rng.choice(['calm', 'incidents', 'defeat'])}",
            f"events.road_reopens.hazard_per_day={rng.uniform(0.001, 0.2):.4f}"]


def sets_for(path: Path, rng: random.Random) -> list[str]:
    """The draws, less the reopening hazard for a scenario without that event."""
    sets = draw_sets(rng)
    return sets if "may-reopen" in path.name else sets[:-1]


def with_flip(scenario, rng: random.Random):
    """The scenario plus a dated change of one or more state variables."""
    state = scenario.state
    flips = {"blockade": not state["blockade"], "checkpoint": not state["checkpoint"],
             "baku_terms": "own_territory" if state["baku_terms"] == "practical_contacts"
             else "practical_contacts",
             "security": "offensive" if state["security"] == "calm" else "calm"}
    chosen = rng.sample(sorted(flips), rng.randint(1, 3))
    day = rng.randint(1, scenario.spec.horizon_days - 1)
    event = Event(id="drawn_change", says="a drawn change", assumption="bench",
                  date=scenario.start + dt.timedelta(days=day),
                  set={k: flips[k] for k in chosen})
    spec = scenario.spec.model_copy(update={"events": [*scenario.spec.events, event]})
    return dataclasses.replace(scenario, spec=spec)


def check(scenario, record) -> tuple[int, list[str]]:
    """(meetings held, descriptions of any that broke a party's active rule)."""
    state, held, broken = dict(scenario.state), 0, []
    for entry in record.trace:
        if entry["type"] == "event":
            state.update(entry["set"])
        elif entry["type"] == "meeting_held":
            held += 1
            for party in scenario.parties(entry["format"]):
                rules = broken_rules(scenario.actors[party], entry["format"], state,
                                     scenario.space)
                if rules:
                    broken.append(f"replication {record.replication}, day {entry['day']}: "
                                  f"{party} {[r.id for r in rules]} {entry['format']}")
    return held, broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--replications", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = time.perf_counter()
    total_held, broken, reps = 0, [], 0
    by_scenario: dict[str, list[int]] = {}
    for k in range(args.draws):
        path = SCENARIOS[k % len(SCENARIOS)]
        scenario = with_flip(sim.load(path, sets_for(path, rng)), rng)
        compiled = Compiled(scenario)
        seed = rng.randrange(2**31)
        held_here = 0
        for i in range(args.replications):
            held, found = check(scenario, replicate(compiled, i, seed, trace=True))
            held_here += held
            broken += found
            reps += 1
        total_held += held_here
        counts = by_scenario.setdefault(path.stem, [0, 0])
        counts[0] += args.replications
        counts[1] += held_here
    seconds = time.perf_counter() - start
    for line in broken[:10]:
        print("BROKEN", line)
    for name, (n, held) in by_scenario.items():
        print(f"{name}: {n} replications, {held} meetings held")
    print(f"{args.draws} parameter draws x {args.replications} replications = {reps} "
          f"replications, {total_held} meetings held, {len(broken)} broke an active rule of "
          f"a party (target 0); {seconds:.0f} s")
    print(json.dumps({"draws": args.draws, "replications": reps, "meetings": total_held,
                      "broken": len(broken), "seconds": round(seconds, 1)}))


if __name__ == "__main__":
    main()
