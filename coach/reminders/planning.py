"""A reminder pass planned chunk by chunk: the plan schedule.plan gives, in bounded memory.

The first pass of a day on a big database may find 50,000 overdue items never notified:
all of them are due at once, grouped into one notification per kind, and all are listed by
the morning digest. Read and planned all at once, their records, scores and candidates took
about 80 MB at their peak (issue 19). Here the items are read CHUNK at a time (in the order
schedule.plan sees them), with the records of just those items; what is kept from a chunk
is what the plan shows or writes: the due notifications (a grouped kind keeps its first
lines whole and of the rest only ids and record keys: notification.Gathered), the records
those notifications update, the digest's counts, names and scores, and the earliest later
wake-up. The plan is the same, notification for notification (tests/test_reminder_pending.py
plans passes both ways over a fortnight, with chunks smaller than the database).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from coach.model import concern
from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.reminders import (
    briefing_nudge,
    commitments,
    concern_nudge,
    digest,
    kept,
    pending,
    replies,
    review_nudge,
    schedule,
)
from coach.reminders.notification import Context, Notified, Plan
from coach.rules.urgency import Coefficients
from coach.storage import settings
from coach.storage.store import Store

# Items planned at a time: about 1.5 MB of records, and a query for their notified rows
# per chunk; a smaller chunk only adds queries.
CHUNK = 1000


@dataclass
class Planned:
    plan: Plan
    # The records the due notifications update (as they were before this pass), and the
    # ones that are not an item's own; those of items not due are not kept.
    records: dict[str, Notified]
    values: Mapping = field(default_factory=dict)  # the settings the pass planned with
    # What the next pass may take from this one (coach.reminders.kept); None if nothing.
    outlook: kept.Outlook | None = None
    read: int = 0  # how many items the pass planned


def plan_pass(store: Store, now: datetime, tz: tzinfo,
              only: Mapping[type, set[int]] | None = None, memo: kept.Kept | None = None,
              outlook: kept.Outlook | None = None) -> Planned:
    """What to notify at `now` and the next wake-up, read from the store chunk by chunk.

    Only the items that can matter are read (coach.reminders.pending), unless the morning
    digest is due: it lists every open item, so then every item is planned. `only`: plan
    just these items (and everything that is not an item; what they want later is noted in
    `outlook`); see `wake_after_claim`. `memo`: what the last pass kept; the items whose
    kept time has not come are not planned again (coach.reminders.kept).
    """
    values = settings.get_all(store)
    others = pending.other_records(store)
    ctx = Context(values=values, now=now, tz=tz, notified=dict(others))
    with_digest = bool(values.get("morning_digest", True))
    listing, wake, new, step = None, None, None, None
    if with_digest and digest.wants_items(ctx):
        listing = digest.Listing(digest.day_end(ctx))
        wheres: Mapping[type, tuple[str, dict]] = {OwedReply: ("1", {}), Commitment: ("1", {})}
        # Every item is planned: each is kept under its time (an array of ids per time).
        new = kept.Outlook() if memo is not None else None
    elif only is not None:
        wheres = {cls: ("id IN (SELECT value FROM json_each(:only))",
                        {"only": json.dumps(sorted(only.get(cls, ())))})
                  for cls in (OwedReply, Commitment)}
        if outlook is not None:
            new = outlook
            for cls in kept.KINDS:
                new.forget(cls, only.get(cls, ()))
    elif memo is not None and memo.usable(store, now, tz, values) and (
            step := memo.outlook.next_pass(now)) is not None:
        wheres, wake = step
        new = memo.outlook
    else:
        new = kept.Outlook() if memo is not None else None
        wheres, wake = pending.sources(store, ctx, None if new is None else new.groups)
    coeff = Coefficients.from_settings(dict(values)) if new is not None else None
    tally = schedule.Tally(ctx)
    times = pending.Times()
    read = 0
    # Owed replies first, as schedule.plan hands them to the tally; the digest's lines are
    # apart from that (promises, then replies).
    for cls, candidates in ((OwedReply, replies.candidates),
                            (Commitment, commitments.candidates)):
        for chunk in pending.chunks(store, cls, *wheres[cls], size=CHUNK):
            records = pending.records_of(store, chunk, times)
            read += len(chunk)
            # The scores are kept with their items: per chunk, so both go with it.
            assess = schedule.assessor(values, now)
            part = Context(values=values, now=now, tz=tz, notified=records)
            found = candidates(chunk, part, _advice(assess))
            if new is not None:
                new.note(cls, chunk, found, records, now, _score(assess), coeff)
            for note in tally.add(found):
                others.update((key, records[key]) for key in note.record_keys if key in records)
            if listing is not None:
                feed = listing.add_replies if cls is OwedReply else listing.add_commitments
                feed(chunk, _score(assess))
    assess = schedule.assessor(values, now)
    concerns = concern.list_open(store)
    briefing = briefing_nudge.facts(store, now)
    tally.add(concern_nudge.candidates(concerns, ctx))
    tally.add(briefing_nudge.candidates(dict(briefing) if briefing else None, ctx))
    if listing is not None:
        listing.score = _score(assess)
        tally.add(digest.listed(listing, concerns, ctx))
    elif with_digest:
        tally.add(digest.candidates((), (), concerns, ctx, score=_score(assess)))
    review = review_nudge.facts(store, now, tz, values)
    tally.add(review_nudge.candidates(dict(review) if review else None, ctx))
    plan = tally.plan()
    if wake is not None and (plan.next_wake is None or wake < plan.next_wake):
        plan = Plan(due=plan.due, next_wake=wake)
    return Planned(plan=plan, records=others, values=values, outlook=new, read=read)


def wake_after_claim(store: Store, now: datetime, tz: tzinfo, planned: Plan,
                     outlook: kept.Outlook | None = None) -> datetime | None:
    """The next wake-up once `planned`'s due notifications are recorded as sent.

    Only what was sent has a new time (its back-off, the digest's next morning); every
    other item's time is the one the pass found, so only the items just sent (and what is
    not an item) are planned again. Planning every item again took as long as the pass
    itself: about half a second at 150,000 items, each time a reminder came due.
    """
    only: dict[type, set[int]] = {OwedReply: set(), Commitment: set()}
    for note in planned.due:
        for key, item_id in note.records():
            cls = next((c for c, prefixes in pending.ITEM_KEYS.items()
                        if key.startswith(prefixes)), None)
            if cls is not None and item_id is not None:
                only[cls].add(item_id)
    again = plan_pass(store, now, tz, only, outlook=outlook).plan.next_wake
    if planned.next_wake is None:
        return again
    return planned.next_wake if again is None else min(planned.next_wake, again)


def _advice(assess: Callable) -> Callable:
    return lambda item: assess(item).advice


def _score(assess: Callable) -> Callable:
    return lambda item: assess(item).score
