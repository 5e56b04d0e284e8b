"""Who holds a game's seats: a team per seat, its negotiator and advisers, and when the model
stands in for a seat.

Why a module of its own: who may do what for a seat is the classroom's safety, so it lives
in one plain, tested place and the room only asks it. One browser holds one seat of a game
(it took all four once, and three of them waited out every deadline), unless the teacher
allows more. The first to take a seat is its negotiator, the only one who decides; others
join as advisers, see what the seat sees and talk in the team's channel; each has their own
token. The negotiator or the teacher hands the role on; the teacher frees or moves people.
A seat with no member's page open for the grace period is played by the model until one
comes back. Every change is a transcript line, so a restart brings the teams back, and the
model's answers are the game's own actions, so a replay stays exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Hashable

from ...model.labels import verb
from ..common.library import Refused
from .presence import Presence
from .seats import GameRoom, SeatToken, clean_text

STARTED = ("This game has started: its empty seats are the model's now. Ask the teacher "
           "for another game's code.")


@dataclass
class Member:
    mid: str      # "p1", "p2"... in the order people joined (an older game: the actor's id)
    actor: str    # the seat they are in now
    name: str
    token: SeatToken


@dataclass
class Team:
    actor: str
    members: list[str] = field(default_factory=list)  # in the order they joined
    negotiator: str | None = None
    away: bool = False  # no member's page open for the grace period: the model decides

    @property
    def by_model(self) -> bool:
        """The model answers this seat's questions now (its people left, or were freed)."""
        return self.away or not self.members


class Teams:
    def __init__(self, room: GameRoom):
        self.room = room
        self.seats: dict[str, Team] = {}
        self.names: dict[str, str] = {}  # seat -> its negotiator's name (the last one's)
        self.members: dict[str, Member] = {}
        self.presence = Presence(room.clock)
        self.made = 0

    def seat_name(self, actor: str) -> str:
        return self.room.scenario.actors[actor].name

    # --- joining ------------------------------------------------------------------------
    def free_seats(self) -> list[str]:
        if self.room.game is not None:
            return []
        return [a for a in self.room.playable if a not in self.seats]

    def take(self, actor: str, name: str, client: str | None = None) -> str:
        """A person takes a free seat as its negotiator; returns their token (shown to that
        browser once, kept here as a salted hash). `client`: the browser's digest (None:
        no browser, e.g. a script; not limited)."""
        name = clean_text(name, 40, "Your name")
        if self.room.state != "preparing":
            raise Refused(STARTED)
        if actor not in self.room.playable:
            raise Refused(f"'{actor[:40]}' is not a seat of this game.")
        if actor in self.seats:
            seat = self.seat_name(actor)
            raise Refused(f"{seat} {verb(seat, 'is', 'are')} taken: choose another seat, or join "
                          f"its team as an adviser.")
        self.check_client(client)
        member, text = self.new_member(actor, name, client)
        self.seat(member)
        self.room.write({"type": "seat", "actor": actor, "name": name, "member": member.mid})
        return text

    def advise(self, actor: str, name: str, client: str | None = None) -> str:
        """A person joins the team of a taken seat as an adviser (also after the start: a
        late student joins their group); returns their token."""
        name = clean_text(name, 40, "Your name")
        if self.room.state == "over":
            raise Refused("This game is over.")
        team = self.seats.get(actor)
        if team is None or not team.members:
            raise Refused(f"Nobody holds {self.seat_name(actor)}: take the seat instead."
                          if self.room.game is None else STARTED)
        self.check_client(client)
        member, text = self.new_member(actor, name, client)
        team.members.append(member.mid)
        self.room.write({"type": "team", "do": "advise", "actor": actor, "member": member.mid,
                         "name": name})
        return text

    def check_client(self, client: str | None) -> None:
        """Refused if this browser already holds a seat here (and the teacher allows no
        more)."""
        if client is None or self.room.settings.more_seats:
            return
        held = next((m for m in self.members.values() if m.token.client == client), None)
        if held is not None:
            role = "" if self.seats[held.actor].negotiator == held.mid else " (as an adviser)"
            raise Refused(f"This browser already holds the {self.seat_name(held.actor)} seat "
                          f"in this game{role}: one seat for each browser, unless the teacher "
                          f"allows more. Open it with 'Open my seat'.")

    def new_member(self, actor: str, name: str, client: str | None) -> tuple[Member, str]:
        self.made += 1
        token, text = SeatToken.new(actor, f"p{self.made}", client or "")
        self.room.tokens.append(token.to_json())
        member = self.members[token.member] = Member(token.member, actor, name, token)
        self.presence.arrived(member.mid)
        return member, text

    def seat(self, member: Member) -> None:
        """`member` the negotiator of their (free) seat."""
        self.seats[member.actor] = Team(member.actor, [member.mid], member.mid)
        self.names[member.actor] = member.name

    # --- who may do what ------------------------------------------------------------------
    def member_of(self, token: str | None) -> Member:
        """The person a token names, or Refused: no request acts for another seat."""
        for member in self.members.values():
            if member.token.matches(token or ""):
                return member
        raise Refused("This browser holds no seat in this game: join it with its code.")

    def holds(self, token: str | None) -> bool:
        return any(m.token.matches(token or "") for m in self.members.values())

    def decider(self, token: str | None) -> str:
        """The seat a token may decide for: only its negotiator's token decides."""
        member = self.member_of(token)
        team = self.seats[member.actor]
        if team.negotiator != member.mid:
            who = self.names.get(member.actor, "")
            raise Refused(f"Only your team's negotiator ({who}) sends the decisions of "
                          f"{self.seat_name(member.actor)}: advise them in the team's "
                          f"channel.")
        return member.actor

    def negotiator(self, mid: str, by: str | None = None) -> None:
        """The negotiator's role to member `mid`, handed on by the negotiator (`by`, their
        token) or the teacher (None)."""
        member = self.members.get(mid)
        if member is None:
            raise Refused("That person holds no seat in this game any more.")
        if by is not None:
            giver = self.member_of(by)
            if giver.actor != member.actor or self.seats[giver.actor].negotiator != giver.mid:
                raise Refused("Only the negotiator hands the role on, to someone of their "
                              "own team.")
        if self.room.state == "over" or self.seats[member.actor].negotiator == mid:
            return
        self.hand_on(mid)
        self.room.write({"type": "team", "do": "negotiator", "actor": member.actor,
                         "member": mid, "by": "teacher" if by is None else "negotiator"})

    def hand_on(self, mid: str) -> None:
        member = self.members[mid]
        self.seats[member.actor].negotiator = mid
        self.names[member.actor] = member.name

    # --- the teacher frees and moves --------------------------------------------------------
    def free(self, actor: str, mid: str | None = None) -> None:
        """The teacher frees a seat (everyone in it) or one person of it: they lose it. Before
        the start a seat left empty is free again; after it, the model plays it."""
        team = self.seats.get(actor)
        if team is None or (mid is not None and mid not in team.members):
            raise Refused("Nobody holds that seat (any more).")
        if self.room.state == "over":
            raise Refused("This game is over.")
        self.leave(actor, mid, started=self.room.game is not None)
        self.room.write({"type": "team", "do": "free", "actor": actor, "member": mid})
        self.answer()

    def leave(self, actor: str, mid: str | None, started: bool, keep: bool = False) -> None:
        team = self.seats[actor]
        for gone in [mid] if mid is not None else list(team.members):
            team.members.remove(gone)
            if not keep:
                self.members.pop(gone, None)
                self.presence.forget(gone)
        if team.negotiator not in team.members:
            team.negotiator = team.members[0] if team.members else None
            if team.negotiator is not None:
                self.hand_on(team.negotiator)
        if not team.members and not started:
            del self.seats[actor], self.names[actor]

    def move(self, mid: str, to: str) -> None:
        """Before the start: a person to a free seat, as its negotiator (their token goes
        with them)."""
        member = self.members.get(mid)
        if member is None:
            raise Refused("That person holds no seat in this game any more.")
        if to not in self.free_seats():
            raise Refused("People move to a free seat, before the game starts.")
        came = member.actor
        self.moved(mid, to)
        self.room.write({"type": "team", "do": "move", "member": mid, "from": came,
                         "actor": to})

    def moved(self, mid: str, to: str) -> None:
        member = self.members[mid]
        self.leave(member.actor, mid, started=False, keep=True)
        member.actor = to
        self.seat(member)

    # --- pages open and closed; the model standing in --------------------------------------
    def page(self, mid: str, key: Hashable, open_: bool) -> None:
        """A member's seat page opened or closed; the first member back takes the seat
        back from the model."""
        member = self.members.get(mid)
        if member is None:
            return
        self.presence.page(mid, key, open_)
        team = self.seats[member.actor]
        if open_ and team.away and self.room.state != "over":
            team.away = False
            self.room.write({"type": "team", "do": "back", "actor": member.actor,
                             "member": mid})

    def watch(self) -> None:
        """On the server's clock: a running game's seat whose members have had no page
        open for the grace period is the model's (noted), and the model answers what waits
        on every seat it plays, as at a deadline."""
        room = self.room
        if room.state != "running":
            return
        for actor, team in self.seats.items():
            away = self.presence.away(team.members) if team.members else None
            if not team.away and away is not None and away >= room.settings.grace:
                team.away = True
                room.write({"type": "team", "do": "away", "actor": actor,
                            "seconds": round(away)})
        self.answer()

    def answer(self) -> None:
        room = self.room
        for _ in range(10_000):  # each answer may run the game on to the next question
            if room.state != "running":
                return
            q = next((q for q in room.game.waiting
                      if q.actor in self.seats and self.seats[q.actor].by_model), None)
            if q is None:
                return
            room.answer(q, q.fallback())

    def signed(self, mid: str | None) -> dict[str, Any]:
        """A message's author, when a seat's member wrote it."""
        member = self.members.get(mid or "")
        return {} if member is None else {"member": member.mid, "name": member.name}

    # --- after a restart ----------------------------------------------------------------------
    def restore(self, tokens: list[SeatToken], entries: list[dict[str, Any]]) -> None:
        """The teams as the transcript left them (a person whose token line was torn by a
        crash was never handed the seat); everyone counts as seen now."""
        pool = {t.member: t for t in tokens}
        self.made = max([int(m[1:]) for m in pool if re.fullmatch(r"p\d+", m)] or [0])
        started = False
        for e in entries:
            kind, do, actor = e["type"], e.get("do"), e.get("actor", "")
            mid = e.get("member") or actor
            if kind == "start":
                started = True
            elif kind == "seat" or (kind, do) == ("team", "advise"):
                if mid in pool:
                    member = self.members[mid] = Member(mid, actor, e.get("name", ""),
                                                        pool[mid])
                    self.presence.arrived(mid)
                    if kind == "seat":
                        self.seat(member)
                    else:
                        self.seats[actor].members.append(mid)
            elif kind != "team" or (do in ("negotiator", "move") and mid not in self.members):
                continue
            elif do == "negotiator":
                self.hand_on(mid)
            elif do == "move":
                self.moved(mid, actor)
            elif do == "free" and actor in self.seats and e.get("member") in (
                    None, *self.seats[actor].members):
                self.leave(actor, e.get("member"), started)
            elif do in ("away", "back") and actor in self.seats:
                self.seats[actor].away = do == "away"
