"""`negsim play`: a person in one actor's seat, driven through a pseudo-terminal."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pexpect

from sim.cli import main
from sim.engine import Compiled, Decision, Talks

from ..conftest import MARCH, ROOT, ctrl_c_reaches

PROMPT = r"\[a\]ccept, \[r\]efuse, \[c\]ounter-propose, \[q\]uit\? "


def spawn(tmp_path: Path, scenario: Path = MARCH, actor: str = "stepanakert", seed: int = 3):
    return pexpect.spawn(sys.executable, ["-m", "sim", "play", str(scenario), "--as", actor,
                                          "--seed", str(seed), "--out", str(tmp_path)],
                         cwd=str(ROOT), encoding="utf-8", timeout=30,
                         preexec_fn=ctrl_c_reaches)


def transcript(tmp_path: Path, actor: str = "stepanakert") -> dict:
    """The saved debrief of `actor` (its HTML beside it, and the replayable transcript)."""
    folder, = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert (folder / f"debrief-{actor}.html").exists()
    assert (folder / "transcript.jsonl").exists()
    return json.loads((folder / f"debrief-{actor}.json").read_text())


def test_a_person_plays_through_a_terminal(tmp_path):
    child = spawn(tmp_path)
    child.expect("Your stated red lines and preconditions")
    child.expect("Proposal from Russian peacekeepers: Khojaly")
    child.expect(PROMPT)
    child.sendline("maybe")                       # invalid: asked again, no crash
    child.expect("Please type one of: a, r, c, q")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect("MEETING HELD: Khojaly")
    # After the meeting, Baku offers follow-up talks in Baku (as the articles report)
    child.expect("Proposal from Baku: Baku")
    child.expect("It breaks your rule 5")
    child.expect(PROMPT)
    child.sendline("r")
    child.expect(r"Reasons\? ")
    child.sendline("9")                           # no rule 9: asked again
    child.expect("Rule numbers go from 1 to 6")
    child.sendline("5")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect("what did you want for Stepanakert")
    child.expect(r"Your answer \(Enter to skip\)\? ")
    child.sendline("Talks at Khojaly only")
    child.expect("DEBRIEF")
    child.expect("you wrote: Talks at Khojaly only")
    child.expect("model: accept")                 # the modelled Stepanakert took Khojaly
    child.expect("saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Traceback" not in child.before
    data = transcript(tmp_path)
    first, second = data["decisions"][:2]
    assert first["decision"] == "accept" and first["modelled"]["accept"] is True
    assert first["agrees_with_model"] is True
    assert second["decision"] == "refuse"
    assert second["reasons"] == ["no_talks_in_baku_under_blockade"]
    assert second["modelled"]["accept"] is False and second["agrees_with_model"] is True
    assert data["quit_early"] is True


def test_ctrl_c_saves_the_transcript_so_far(tmp_path):
    child = spawn(tmp_path)
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(PROMPT)
    child.sendintr()
    child.expect("DEBRIEF")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Traceback" not in child.before
    data = transcript(tmp_path)
    assert data["interrupted"] is True
    assert [d["decision"] for d in data["decisions"]] == ["accept"]


def test_scripted_answers_replay_the_same_game(tmp_path, capsys):
    answers = tmp_path / "answers.txt"
    answers.write_text("r\nthe venue is not neutral\nc\nToo one-sided\n5\n4\n1\n2\na\nq\n")
    outs = []
    for k in range(2):
        out = tmp_path / f"run{k}"
        assert main(["play", str(MARCH), "--as", "stepanakert", "--seed", "3",
                     "--answers", str(answers), "--out", str(out)]) == 0
        capsys.readouterr()
        outs.append(transcript(out))
    assert outs[0] == outs[1]
    first, second = outs[0]["decisions"][:2]
    assert first["reasons"] == ["the venue is not neutral"]
    assert second["decision"] == "counter"
    assert second["counter"] == {"venue": "sofia", "mediation": "us_eu",
                                 "agenda": "technical", "delegation": "security_council"}
    assert any("proposal from you (a counter-proposal): Sofia" in t for t in outs[0]["timeline"])


def test_history_is_shown_beside_decisions(tmp_path, capsys):
    answers = tmp_path / "a.txt"
    answers.write_text("a\na\nr\n5\nr\n5\n")
    assert main(["play", str(ROOT / "scenarios" / "history-2023.yaml"), "--as", "stepanakert",
                 "--answers", str(answers), "--out", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert ("history: 2023-03-15, Baku, Baku · no mediator (same proposer, venue, mediation): "
            "First Azerbaijani offer") in out
    data = transcript(tmp_path / "o")
    assert data["decisions"][2]["reasons"] == ["no_talks_in_baku_under_blockade"]
    assert data["decisions"][2]["agrees_with_model"] is True


def test_unknown_actor_is_a_clear_error(capsys):
    assert main(["play", str(MARCH), "--as", "ankara"]) == 2
    assert "Known actors: baku, stepanakert" in capsys.readouterr().err


class Stubborn:
    """A seat that refuses everything: no meeting can include its actor."""

    actor = "stepanakert"

    def ask(self, question):
        question.answer(Decision("refuse", ("no",)) if question.kind == "answer"
                        else Decision("pass"))


def test_a_seat_that_refuses_everything_blocks_every_meeting_it_is_party_to(march):
    record = Talks(Compiled(march), 0, 1, seats={"stepanakert": Stubborn()}).run()
    assert record.meetings_held == 0 and record.seat_log
    assert all(d["decision"] == "refuse" for d in record.seat_log if d["kind"] == "answer")
    assert record.refusals[("stepanakert", "own_words")] == len(
        [d for d in record.seat_log if d["kind"] == "answer"])


def test_a_refusal_in_own_words_is_remembered_not_repeated(march):
    """A player's words are not a rule: the proposer treats them like a refusal for value
    and does not send the same format again within forget_after_days."""
    record = Talks(Compiled(march), 0, 1, trace=True, seats={"stepanakert": Stubborn()}).run()
    sent = [(e["proposer"], tuple(e["format"].values())) for e in record.trace
            if e["type"] == "proposal"]
    assert sent, "the model's proposers keep proposing to a player who refuses"
    for proposer, fmt in set(sent):
        forget = march.actors[proposer].proposer.forget_after_days
        assert sent.count((proposer, fmt)) <= march.spec.horizon_days / forget + 1


def test_an_actor_who_is_never_asked_cannot_be_played(capsys):
    assert main(["play", str(MARCH), "--as", "moscow"]) == 2
    assert "cannot be played here" in capsys.readouterr().err


def test_yerevan_is_played_as_a_proposer_with_its_stated_preferences(tmp_path):
    """Yerevan is no party to a meeting, but a person in its seat may put formats to
    the parties; the model in that seat proposes nothing (no reported proposal)."""
    child = spawn(tmp_path, actor="yerevan")
    child.expect("You are Yerevan")
    child.expect("none: the articles report no red line or precondition of yours")
    child.expect("mediation \\(weight 0.6\\)")
    child.expect(r"Your turn to propose a meeting: \[p\]ropose, \[s\]kip \(pass\), \[q\]uit\? ")
    child.sendline("q")
    child.expect(r"Your answer \(Enter to skip\)\? ")
    child.sendline("")
    child.expect("You played Yerevan")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Traceback" not in child.before


def test_answers_that_are_not_text(tmp_path, capsys):
    bad = tmp_path / "a.bin"
    bad.write_bytes(b"\xff\xfe\x00a")
    assert main(["play", str(MARCH), "--as", "stepanakert", "--answers", str(bad)]) == 2
    assert "this is not UTF-8 text" in capsys.readouterr().err


def test_the_debrief_marks_the_models_assumptions_as_the_models(march):
    """A refusal the modelled actor gives for an assumption reads as the model's, never as
    a sentence the actor said; a stated precondition reads as stated."""
    from sim.model.decision import ASSUMED
    from sim.play.debrief import reasons_said
    said = {r["id"]: r["says"] for r in reasons_said(
        march, "stepanakert", ["no_talks_in_azerbaijan_under_blockade",
                               "no_talks_in_baku_under_blockade"])}
    assert said["no_talks_in_azerbaijan_under_blockade"].startswith(ASSUMED)
    assert not said["no_talks_in_baku_under_blockade"].startswith(ASSUMED)
