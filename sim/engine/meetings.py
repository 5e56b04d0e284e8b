"""Meetings of one replication: agreed, held on their day if still acceptable, or called off.

A mixin of `Talks` (it uses the replication's clock, world, record and decisions): kept in
its own module so that each stays short; the proposal cycle hands it every agreement.
"""
from __future__ import annotations

from simpy.events import Timeout

from .proposal import Proposal


class Meetings:
    """The meeting half of `Talks`: `schedule_meeting` after an agreement, then the day."""

    def schedule_meeting(self, proposal: Proposal) -> None:
        """Set the meeting `lead_time` ahead; an agreement on a format already agreed and
        still to come is that same meeting (two sides proposing the same table do not meet
        twice that day), and shares its fate."""
        same = next((p for p in self.agreed.values() if p.format == proposal.format), None)
        if same is not None:
            self.joined.setdefault(same.id, []).append(proposal)
            if self.tracing:
                self.log("meeting_joined", id=proposal.id, meeting=same.id,
                         format=self.c.formats[proposal.format])
            return
        self.meetings_pending += 1
        lead = self.c.lead_time(self.streams["lead_time", "meeting"])
        if self.tracing:
            self.log("meeting_scheduled", id=proposal.id,
                     format=self.c.formats[proposal.format], on_day=round(self.env.now + lead, 3))
        self.agreed[proposal.id] = proposal
        Timeout(self.env, lead, proposal).callbacks.append(self.meeting_day)

    def meeting_day(self, lead: Timeout) -> None:
        """Held if every party still accepts; a player's acceptance stands on the day, the
        modelled actors look again."""
        proposal: Proposal = lead.value  # carried by its lead time
        if self.agreed.pop(proposal.id, None) is None:
            return  # cancelled before its day
        self.meetings_pending -= 1
        fmt = self.c.formats[proposal.format]
        if self.world.unchanged_for(proposal.parties, proposal.version):
            refusals = []  # every party accepted it in this same world: they still do
        else:
            refusals = [v for a in proposal.parties if a not in self.seats
                        if (v := self.refusal(a, proposal.format)) is not None]
        if not refusals:
            self.held(proposal, fmt)
        else:
            self.cancelled(proposal, fmt, {v.actor: v.reason_ids for v in refusals})

    def cancel_meetings(self, actor: str, reasons: list[str]) -> None:
        """`actor` calls off every meeting it has agreed to and that is still to come (a
        reaction to an event): agreed, then cancelled by it."""
        for proposal in [p for p in self.agreed.values() if actor in p.parties]:
            del self.agreed[proposal.id]
            self.meetings_pending -= 1
            self.cancelled(proposal, self.c.formats[proposal.format], {actor: list(reasons)})

    def held(self, proposal: Proposal, fmt: dict[str, str]) -> None:
        self.record.meetings_held += 1
        if self.tracing:
            self.log("meeting_held", id=proposal.id, format=fmt)
        if not self.record.met:
            self.record.met = True
            self.record.first_day = self.env.now
            self.record.first_format = dict(fmt)
        for p in (proposal, *self.joined.pop(proposal.id, ())):
            if p.scripted is not None:
                self.record.scripted[p.scripted] = {"outcome": "held", "reasons": {}}
        self.world.react("held", None, proposal.format, proposal.proposer)
        if self.sc.spec.stop_at_first_meeting:
            self.end()

    def cancelled(self, proposal: Proposal, fmt: dict[str, str],
                  reasons: dict[str, list[str]]) -> None:
        self.record.cancellations += 1
        self.record.cancel_reasons.update((a, r) for a, ids in reasons.items() for r in ids)
        if self.tracing:
            self.log("meeting_cancelled", id=proposal.id, format=fmt, reasons=reasons)
        for p in (proposal, *self.joined.pop(proposal.id, ())):
            if p.scripted is not None:
                self.record.scripted[p.scripted] = {"outcome": "cancelled",
                                                    "reasons": reasons}
        self.world.react("cancelled", None, proposal.format, proposal.proposer)
