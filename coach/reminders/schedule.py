"""Scheduling: which notifications are due now and when to wake up next.

A pure function of the open items, the settings, the clock and the record of what was
already notified. The window (one QTimer) and `coach remind --once` (cron) both call it
through coach.reminders.notified and share the record, so neither notifies the same thing
twice, and both deliver in the order `plan` returns (DELIVERY_ORDER).

Each kind is one source module producing `Candidate`s: replies, commitments, concern_nudge,
briefing_nudge, digest and review_nudge. They import only notification and quiet; this
module imports them, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo

from coach.reminders import (
    briefing_nudge,
    commitments,
    concern_nudge,
    digest,
    replies,
    review_nudge,
)
from coach.reminders.notification import (  # noqa: F401 - the scheduler's public vocabulary
    ACTION_LABELS,
    SNOOZE,
    Candidate,
    Context,
    Deferred,
    Gathered,
    Notification,
    Notified,
    Plan,
    after_delivery,
    worded,
)
from coach.reminders.quiet import allowed_at, paused_until, quiet_end_after  # noqa: F401
from coach.reminders.replies import (  # noqa: F401
    next_reply_time,
    reply_key,
    reply_notification,
)

# kind → how several due notifications of that kind become one.
GROUPERS: dict[str, Callable[[list[Notification], Context], Notification]] = {
    replies.KIND: replies.group,
    commitments.KIND: commitments.group,
}
# Delivered in this order (the window and `coach remind --once` alike): the digest sets the
# scene, then what the manager should hear, promises, replies, the quiet nudge, and the
# end-of-day review (or the morning's catch-up of a skipped one) last.
DELIVERY_ORDER = (digest.KIND, concern_nudge.KIND, commitments.KIND, commitments.GROUP_KIND,
                  replies.KIND, replies.GROUP_KIND, briefing_nudge.KIND, review_nudge.KIND)


# kind → how many lines its grouped notification words (the rest are counted).
GROUP_LINES = {replies.KIND: replies.GROUP_LIST_LIMIT,
               commitments.KIND: commitments.GROUP_LIST_LIMIT}


class Tally:
    """What a pass found due so far, and the earliest later wake-up; fed batch by batch.

    A kind that is grouped keeps only what its group shows (Gathered), so a pass over tens
    of thousands of due items holds their ids and record keys, not their notifications.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # kind → its due notifications (a list, or Gathered for a grouped kind), in the
        # order first found, as the delivery order breaks ties by it.
        self.due: dict[str, list | Gathered] = {}
        self.next_wake: datetime | None = None

    def add(self, candidates: Iterable[Candidate]) -> list[Notification | Deferred]:
        """Take in a batch of candidates; returns those of them that are due now."""
        now, found = self.ctx.now, []
        for cand in candidates:
            if cand.at <= now and cand.single is not None:
                found.append(cand.single)
                notes = self.due.get(cand.kind)
                if notes is None:
                    limit = GROUP_LINES.get(cand.kind)
                    notes = self.due[cand.kind] = [] if limit is None else Gathered(limit)
                if isinstance(notes, Gathered):
                    notes.add(cand.single)
                else:
                    notes.append(cand.single)
            elif cand.at > now and (self.next_wake is None or cand.at < self.next_wake):
                self.next_wake = cand.at
        return found

    def plan(self) -> Plan:
        due: list[Notification] = []
        for kind, notes in self.due.items():
            if isinstance(notes, Gathered):
                due.append(worded(notes.shown[0]) if notes.count == 1
                           else GROUPERS[kind](notes, self.ctx))
            else:
                due.extend(worded(note) for note in notes)
        return Plan(due=delivery_order(due), next_wake=self.next_wake)


def assemble(candidates: Iterable[Candidate], ctx: Context) -> Plan:
    tally = Tally(ctx)
    tally.add(candidates)
    return tally.plan()


def delivery_order(notes: list[Notification]) -> list[Notification]:
    rank = {kind: i for i, kind in enumerate(DELIVERY_ORDER)}
    return sorted(notes, key=lambda n: (rank.get(n.kind, len(rank)), not n.urgent))


def advisor(values: Mapping, now: datetime) -> Callable:
    """item → its urgency advice, with the user's coefficients."""
    found = assessor(values, now)
    return lambda item: found(item).advice


def assessor(values: Mapping, now: datetime) -> Callable:
    """item → its Urgency, each item assessed once (the advice and the digest both ask)."""
    from coach.rules.urgency import Coefficients, Urgency, assess_item

    coeff = Coefficients.from_settings(dict(values))
    seen: dict[int, tuple] = {}

    def assess(item):
        # Keyed by identity, and the item is kept with it so that its id is not reused.
        # Only the score and the advice are kept: the parts that explain a score are not
        # needed here, and at 50,000 items they weigh tens of MB.
        hit = seen.get(id(item))
        if hit is None:
            found = assess_item(item, now, coeff)
            hit = seen[id(item)] = (item, Urgency(found.score, found.advice))
        return hit[1]

    return assess


def plan(replies_: Iterable, values: Mapping, now: datetime,
         notified: Mapping[str, Notified], tz: tzinfo, concerns: Iterable = (),
         briefing: Mapping | None = None, commitments_: Iterable = (),
         with_digest: bool = False, review: Mapping | None = None,
         with_review: bool = False) -> Plan:
    """What to notify at `now` (grouped per kind, in delivery order) and the next wake-up.

    `briefing` is coach.reminders.briefing_nudge.facts(store, now), for the "don't go quiet"
    nudge; the morning digest is planned when `with_digest` is set, the end-of-day review's
    reminder when `with_review` is (`review` is coach.reminders.review_nudge.facts).
    """
    if now.tzinfo is None:
        raise ValueError("plan needs a timezone-aware now")
    ctx = Context(values=values, now=now, tz=tz, notified=notified)
    replies_ = list(replies_)
    concerns = list(concerns)
    commitments_ = list(commitments_)
    assess = assessor(values, now)

    def advice(item) -> str:
        return assess(item).advice

    found = (replies.candidates(replies_, ctx, advice)
             + commitments.candidates(commitments_, ctx, advice)
             + concern_nudge.candidates(concerns, ctx)
             + briefing_nudge.candidates(dict(briefing) if briefing else None, ctx))
    if with_digest:
        found += digest.candidates(commitments_, replies_, concerns, ctx,
                                   score=lambda item: assess(item).score)
    if with_review:
        found += review_nudge.candidates(dict(review) if review else None, ctx)
    return assemble(found, ctx)
