"""The v3 mechanics, each as its sentence bounds it: the checkpoint follows only a refusal of
Baku's own invitation; Baku's terms move once its envoy has met Stepanakert's delegation;
a precondition learned from a refusal is forgotten after `forget_after_days`; a proposer
with `model_proposes: false` proposes only from a person's seat."""
from __future__ import annotations

import sim
from sim.engine import Compiled, replicate
from sim.engine.knowledge import Knowledge
from sim.model.decision import verdict

from ..conftest import MARCH
from ..variants import variant

BAKU_TALKS = {"venue": "baku", "mediation": "none", "agenda": "technical",
              "delegation": "security_council"}


def scripted(tmp_path, proposer: str, fmt: dict, name: str, **extra):
    """March with one scripted proposal on 1 March and nobody proposing by themselves;
    Baku's checkpoint reaction certain, so that only its condition decides."""
    def edit(data):
        data["actor_proposals"] = False
        data["proposals"] = [{"date": "2023-03-01", "proposer": proposer, "format": fmt,
                              "note": "a test proposal", "assumption": "test"}]
        data["overrides"] = {
            "baku.reactions.checkpoint_after_refused_invitation.probability": 1.0, **extra}
    return sim.load(variant(tmp_path, edit, name=name))


def checkpoint_days(scenario, replications: int = 20) -> list[float]:
    compiled = Compiled(scenario)
    days = []
    for i in range(replications):
        for e in replicate(compiled, i, 3, trace=True).trace:
            if e["type"] == "event" and e["set"].get("checkpoint") is True:
                days.append(e["day"])
    return days


def test_the_checkpoint_follows_a_refusal_of_bakus_own_invitation_only(tmp_path):
    """Aliyev's hint links the checkpoint to the refused offers *of Baku*: the same talks in
    Baku put by the US/EU mediators and refused for the same rule set nothing off."""
    own = scripted(tmp_path, "baku", BAKU_TALKS, "own")
    assert len(checkpoint_days(own)) == 20
    by_others = scripted(tmp_path, "western_mediators", BAKU_TALKS, "others")
    refused = [e for e in replicate(Compiled(by_others), 0, 3, trace=True).trace
               if e["type"] == "answer" and not e["accept"]]
    assert any("no_talks_in_baku_under_blockade" in e["reasons"] for e in refused)
    assert checkpoint_days(by_others) == []


def test_bakus_terms_move_after_its_envoy_meets_not_before(tmp_path):
    """Before the envoy is named (1 March), a Khojaly meeting leaves Baku's terms as they
    are; after, the first meeting moves them to its own territory."""
    khojaly = {"venue": "khojaly", "mediation": "russian_peacekeepers", "agenda": "technical",
               "delegation": "security_council"}
    early = scripted(tmp_path, "russian_peacekeepers", khojaly, "early")
    early = sim.load(early.path, ["events.envoy_named.date=2023-04-30"])
    late = scripted(tmp_path, "russian_peacekeepers", khojaly, "late")

    def terms_moved(scenario) -> bool:
        trace = replicate(Compiled(scenario), 0, 3, trace=True).trace
        assert any(e["type"] == "meeting_held" for e in trace)
        return any(e["type"] == "event" and e["set"].get("baku_terms") == "own_territory"
                   for e in trace)
    assert not terms_moved(early)
    assert terms_moved(late)


def test_a_learned_precondition_is_forgotten_after_its_days_a_red_line_is_not(march):
    """A refusal for the blockade teaches Baku the precondition for 30 days (the world may
    move); a refusal for a red line is known for good."""
    compiled = Compiled(march)
    knowledge = Knowledge(compiled)
    fmt = next(i for i, f in enumerate(compiled.formats) if f == BAKU_TALKS)
    st = march.actors["stepanakert"]
    state = dict(march.state)
    v = verdict(st, compiled.hard("stepanakert", 0, state, fmt), 0.0, 0.5)
    assert "no_talks_in_baku_under_blockade" in v.reason_ids
    knowledge.learn("baku", v, fmt, 0, now=10.0)
    rule = ("stepanakert", "no_talks_in_baku_under_blockade")
    forget = march.actors["baku"].proposer.forget_after_days
    assert rule in knowledge.knows("baku", 10.0 + forget - 1)
    assert rule not in knowledge.knows("baku", 10.0 + forget + 1)
    reintegration = {**BAKU_TALKS, "agenda": "reintegration", "venue": "khojaly",
                     "mediation": "russian_peacekeepers"}
    g = next(i for i, f in enumerate(compiled.formats) if f == reintegration)
    red = verdict(st, compiled.hard("stepanakert", 0, state, g), 0.0, 0.5)
    assert "no_reintegration" in red.reason_ids
    knowledge.learn("baku", red, g, 0, now=10.0)
    assert ("stepanakert", "no_reintegration") in knowledge.knows("baku", 10_000.0)


def test_yerevan_proposes_only_from_a_persons_seat(march):
    """The articles report no Baku-Stepanakert meeting that Yerevan proposed: the model in
    its seat proposes nothing, though the seat may."""
    assert march.actors["yerevan"].proposer.model_proposes is False
    compiled = Compiled(march)
    for i in range(30):
        trace = replicate(compiled, i, 5, trace=True).trace
        assert not any(e["type"] == "proposal" and e["proposer"] == "yerevan" for e in trace)


def test_every_quote_names_a_known_speaker_and_an_unknown_one_is_an_error(tmp_path, capsys):
    from sim.cli import main
    scenario = sim.load(MARCH)
    for actor in scenario.actors.values():
        for rule in actor.rules:
            for c in rule.citations:
                assert c.by is None or c.by in scenario.speakers, (actor.id, rule.id, c.by)
    params = tmp_path / "params"
    params.mkdir()
    for p in (MARCH.parent.parent / "params").glob("*.yaml"):
        text = p.read_text()
        if p.name == "baku.yaml":
            text = text.replace("by: aliyev", "by: aliyev_junior", 1)
        (params / p.name).write_text(text)
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "m.yaml").write_text(MARCH.read_text())
    assert main(["check", str(tmp_path / "scenarios" / "m.yaml")]) == 2
    err = capsys.readouterr().err
    assert "aliyev_junior" in err and "aliyev" in err and "Traceback" not in err
