"""The proposer's form flags the actor's own stated rules that the chosen format crosses,
as the answer form does (a teacher's trial: a student could propose against their own red
line without a word)."""
from __future__ import annotations

from types import SimpleNamespace

from sim.model.decision import broken_rules
from sim.web.classroom.decision_view import DecisionPanel


class Stub:
    def __init__(self, value=None):
        self.value, self.text = value, None

    def set_text(self, text):
        self.text = text


def panel(march, fmt, hints=True):
    room = SimpleNamespace(scenario=march, settings=SimpleNamespace(hints=hints))
    q = SimpleNamespace(moment=SimpleNamespace(state=march.state))
    p = DecisionPanel(room, "baku", q, lambda d: None)
    p.selects = {d: Stub(v) for d, v in fmt.items()}
    p.crossing = Stub()
    p.warn_own_rules()
    return p.crossing.text


def test_a_format_that_crosses_the_proposers_red_line_is_flagged(march):
    def stated(f):
        return [r for r in broken_rules(march.actors["baku"], f, march.state, march.space)
                if r.kind == "red_line"]
    formats = list(march.space.formats())
    crossing = next(f for f in formats if stated(f))
    clear = next(f for f in formats if not broken_rules(march.actors["baku"], f, march.state,
                                                         march.space))
    text = panel(march, crossing)
    assert text.startswith("\u26a0 This format crosses your own stated rules: ")
    assert stated(crossing)[0].says.rstrip(".") in text
    assert panel(march, clear) == ""
    assert panel(march, crossing, hints=False) == ""  # hints hidden: no verdicts shown
    assert panel(march, {**crossing, "venue": None}) == ""  # not chosen yet
