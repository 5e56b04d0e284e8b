"""The story of a replication (timeline figure, report) dates each refusal truly: a reason
that arose after the proposal must not read as if it stood when the proposal was made."""
from __future__ import annotations

from sim.engine import Compiled, replicate
from sim.outputs.story import fate_words, short_date, story


def test_a_refusal_given_on_a_later_day_says_that_day(march):
    compiled, later = Compiled(march), 0
    for i in range(30):
        trace = replicate(compiled, i, 2023, trace=True).trace
        answered = {(e["id"], e["actor"]): e["day"] for e in trace if e["type"] == "answer"}
        for step in story(trace, march):
            if step.kind != "proposal" or step.outcome not in ("refused", "countered"):
                continue
            words = fate_words(march, step)
            for actor, accepted, _ in step.answers:
                if accepted:
                    continue
                name = march.actors[actor].name
                day = short_date(march, answered[(step.id, actor)])
                if day == short_date(march, step.day):
                    assert f"{name} (" in words and f"{name} on " not in words
                else:
                    later += 1
                    assert f"{name} on {day} (" in words
    assert later > 10  # refusals after a delay are common: the test saw many
