"""The debrief, the same for the terminal and the classroom: crossed red lines, the fate of
every proposal, the nearest historical outcome by kind; and the fixes to `negsim play`."""
from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest

from sim.cli import main
from sim.engine import Compiled, Decision, Game, PersonSeat
from sim.play.debrief import debrief, history_of, nearest_history
from sim.play.session import play

from ..conftest import MARCH


def run(compiled, seed, choose, actors=("stepanakert",)) -> Game:
    game = Game(compiled, seed, {a: PersonSeat(a) for a in actors})
    while not game.over:
        for q in list(game.advance()):
            game.answer(q, choose(q))
    return game


def test_accepting_a_format_ones_actor_refuses_is_flagged_with_the_rule_and_quote(march):
    """Stepanakert accepting everything, talks in Baku under the blockade included: each
    such acceptance crosses its stated precondition, quoted; acceptances of Khojaly do not."""
    game = run(Compiled(march), 3, lambda q: Decision("accept") if q.kind == "answer"
               else Decision("pass"))
    data = debrief(march, game, "stepanakert", 3)
    baku = [d for d in data["decisions"] if d["format"] and d["format"]["venue"] == "baku"]
    assert baku
    for d in baku:
        ids = {c["id"] for c in d["crossed"]}
        assert "no_talks_in_baku_under_blockade" in ids
        c = next(c for c in d["crossed"] if c["id"] == "no_talks_in_baku_under_blockade")
        rule = march.actors["stepanakert"].rule(c["id"])
        assert c["quote"] == rule.citations[0].quote and c["kind"] == "precondition"
        assert d["agrees_with_model"] is False
    khojaly = [d for d in data["decisions"] if d["kind"] == "answer"
               and d["format"]["venue"] == "khojaly" and d["modelled"]["accept"]]
    assert khojaly and all(not d["crossed"] for d in khojaly)
    assert data["crossed"] == sum(bool(d["crossed"]) for d in data["decisions"])


def test_proposing_against_ones_own_red_line_is_flagged(march):
    in_baku = {"venue": "baku", "mediation": "none", "agenda": "technical",
               "delegation": "technical_officials"}
    game = run(Compiled(march), 4, lambda q: q.modelled if q.kind == "answer"
               else Decision("propose", format=in_baku))
    data = debrief(march, game, "stepanakert", 4)
    mine = [d for d in data["decisions"] if d["kind"] == "proposal"]
    assert mine and all(d["state"]["blockade"] for d in mine)
    assert all([c["id"] for c in d["crossed"]] == ["no_talks_in_baku_under_blockade"]
               for d in mine)
    assert all(d["outcome"] for d in mine)  # (Baku accepts talks in Baku: held)


def test_every_decision_says_what_became_of_its_proposal_the_last_included(march):
    game = run(Compiled(march), 2023, lambda q: q.modelled)
    data = debrief(march, game, "stepanakert", 2023)
    assert game.over and data["decisions"]
    last = data["decisions"][-1]
    assert last["outcome"] is not None
    assert all(d["outcome"] for d in data["decisions"] if d["kind"] == "answer")
    held = sum("meeting held" in p for p in data["proposals"])
    assert held == data["meetings_held"]
    assert data["departures"] == 0  # the model's own decisions never depart from it


def proposal(date: str, proposer: str, venue: str, mediation: str, note: str):
    return SimpleNamespace(date=dt.date.fromisoformat(date), proposer=proposer,
                           format={"venue": venue, "mediation": mediation,
                                   "agenda": "technical", "delegation": "security_council"},
                           note=note,
                           expected=SimpleNamespace(outcome="held", by=[], reasons=[]))


def test_the_nearest_history_is_the_nearest_in_kind_then_in_date(march):
    known = [proposal("2023-03-14", "baku", "baku", "none", "close in date only"),
             proposal("2023-08-01", "baku", "khojaly", "russian_peacekeepers", "same kind"),
             proposal("2023-03-10", "russian_peacekeepers", "khojaly",
                      "russian_peacekeepers", "same place, other proposer")]
    fmt = {"venue": "khojaly", "mediation": "russian_peacekeepers"}
    found = nearest_history(march, known, "baku", fmt, "2023-03-15")
    assert found["note"] == "same kind" and found["same"] == ["proposer", "venue", "mediation"]
    found = nearest_history(march, known, "stepanakert", fmt, "2023-03-15")
    assert found["note"] == "same place, other proposer"  # venue and mediation, then date
    assert nearest_history(march, known, "baku", {"venue": "sofia", "mediation": "us_eu"},
                           "2023-03-15") is None  # no comparable event
    assert history_of(march)  # march-2023 names history-2023.yaml


def test_play_accepts_the_actor_in_any_letter_case_and_by_name(tmp_path, capsys):
    answers = tmp_path / "a.txt"
    answers.write_text("q\n")
    for i, text in enumerate(["STEPANAKERT", "Stepanakert", "us/eu mediators"]):
        assert main(["play", str(MARCH), "--as", text, "--answers", str(answers),
                     "--out", str(tmp_path / f"o{i}")]) == 0
    assert "You are US/EU mediators" in capsys.readouterr().out


def test_the_game_shows_the_result_of_the_last_move_before_the_debrief(march):
    """The last decision's consequences (answers, meeting, outcome) are told before the
    debrief, not left out."""
    said: list[str] = []
    def ask(prompt: str) -> str:
        said.append(prompt)
        return "a" if "[a]ccept" in prompt else "s" if "[s]kip" in prompt else ""
    played = play(march, "stepanakert", 2023, ask, said.append)
    assert played.game.over and not played.quit_early
    text = "\n".join(said)
    last_prompt = max(text.rindex("[a]ccept, [r]efuse"), text.rindex("[s]kip"))
    after = text[last_prompt:]
    assert "Since your last decision:" in after and "The game is over" in after
    last = played.record.seat_log[-1]
    outcome = next(e for e in played.record.trace if e["type"] == "resolved"
                   and e["id"] == last["proposal"])
    assert outcome and ("is agreed by every party" in after or "is refused" in after)


def test_replay_gives_the_same_debrief_and_refuses_a_changed_game(tmp_path, capsys):
    answers = tmp_path / "a.txt"
    answers.write_text("r\nnot now\nc\n1\n5\n4\n1\n2\na\nq\n")
    assert main(["play", str(MARCH), "--as", "stepanakert", "--seed", "3",
                 "--answers", str(answers), "--out", str(tmp_path / "o")]) == 0
    folder, = (tmp_path / "o").iterdir()
    assert main(["play", "--replay", str(folder / "transcript.jsonl"), str(MARCH),
                 "--out", str(tmp_path / "r")]) == 0
    again, = (tmp_path / "r").iterdir()
    first = json.loads((folder / "debrief-stepanakert.json").read_text())
    second = json.loads((again / "debrief-stepanakert.json").read_text())
    assert first["decisions"] == second["decisions"] and first["decisions"]
    assert first["timeline"] == second["timeline"]
    capsys.readouterr()
    lines = (folder / "transcript.jsonl").read_text().splitlines()
    head = json.loads(lines[0])
    head["seed"] = 4
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n")
    assert main(["play", "--replay", str(changed), str(MARCH), "--out",
                 str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "does not replay" in err and "Traceback" not in err
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


@pytest.mark.parametrize("text", ["", "not json\n{}\n", '{"type": "seat"}\n'])
def test_a_file_that_is_not_a_transcript_is_a_clear_error(tmp_path, capsys, text):
    bad = tmp_path / "t.jsonl"
    bad.write_text(text)
    assert main(["play", "--replay", str(bad), str(MARCH)]) == 2
    assert "transcript" in capsys.readouterr().err


def test_a_format_its_proposer_put_forward_is_never_said_to_be_refused_by_it():
    """Issue 24, wrong result 6: a person plays Baku (on its own-territory terms, when it
    proposes) and puts forward what the modelled Baku would refuse (talks on status);
    Stepanakert's seat refuses it. The debrief must not say 'also refused by Baku' of the
    format Baku itself proposed."""
    import sim
    march = sim.load(MARCH, ["state.baku_terms=own_territory"])
    status = {"venue": "sofia", "mediation": "us_eu", "agenda": "status",
              "delegation": "security_council"}

    def choose(q):
        if q.kind == "propose":
            return Decision("propose", format=status) if q.actor == "baku" else Decision("pass")
        return Decision("refuse") if q.actor == "stepanakert" else q.modelled
    game = run(Compiled(march), 5, choose, actors=("baku", "stepanakert"))
    data = debrief(march, game, "stepanakert", 5)
    refused = [d for d in data["decisions"] if d["kind"] == "answer"
               and d["proposer"] == "baku" and d["format"] == status]
    assert refused, "Stepanakert was asked about Baku's proposal"
    for d in refused:
        assert "Baku" not in d["feasibility"], d["feasibility"]
