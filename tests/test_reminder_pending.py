"""A reminder pass reads only the items that can matter (issue 19), and plans exactly what
planning every open item plans: same notifications, same words, same next wake-up."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from coach.model import commitment, concern, owed_reply
from coach.reminders import briefing_nudge, notified, pending, review_nudge, schedule
from coach.reminders.notification import Context
from coach.storage import settings

BERLIN = ZoneInfo("Europe/Berlin")


def full_plan(store, now):
    """The plan from every open item and every record (how a pass worked before)."""
    values = settings.get_all(store)
    return schedule.plan(owed_reply.list_open(store), values, now, notified.load(store), BERLIN,
                         concerns=concern.list_open(store),
                         briefing=briefing_nudge.facts(store, now),
                         commitments_=commitment.list_open(store),
                         with_digest=bool(values.get("morning_digest", True)),
                         review=review_nudge.facts(store, now, BERLIN, values), with_review=True)


def seed(store, now):
    """Overdue and future promises and replies, urgent ones, alarm words, no date, a call."""
    for n in range(40):
        due = now + timedelta(hours=(n - 25) * 7)
        commitment.add(store, commitment.new(
            f"Promise {n}" + (" urgent outage" if n % 9 == 0 else ""), now, due=due,
            recipient="Herr Jansen" if n % 3 else None, urgent=n % 5 == 0))
    commitment.add(store, commitment.new("Call back the customer", now, due=None))
    commitment.add(store, commitment.new("Sometime", now, due=None))
    for n in range(25):
        reply_by = now + timedelta(hours=(n - 15) * 5)
        owed_reply.add(store, owed_reply.new(
            f"Kunde {n}", ("call", "email", "voicemail", "message")[n % 4],
            reply_by - timedelta(hours=3), reply_by, now, about=f"Frage {n}",
            urgent=n % 6 == 0))
    concern.add(store, concern.new("Printer on fire", now, heat=4))


def same(plan, other) -> None:
    assert plan.next_wake == other.next_wake
    assert [(n.key, n.kind, n.title, n.body, n.item_ids, n.urgent, n.record_keys)
            for n in plan.due] == [
        (n.key, n.kind, n.title, n.body, n.item_ids, n.urgent, n.record_keys)
        for n in other.due]


def test_a_pass_plans_what_planning_every_item_plans(store, now):
    seed(store, now)
    with store.write() as conn:  # one snoozed reply and one snoozed promise
        conn.execute("INSERT INTO notifications (key, item_id, first_at, last_at, count, "
                     "snoozed_until) VALUES ('reply:45', 45, '2026-11-26T08:00:00Z', "
                     "'2026-11-26T08:00:00Z', 1, '2026-11-26T18:00:00Z'), ('commitment:3', 3, "
                     "'2026-11-25T08:00:00Z', '2026-11-25T08:00:00Z', 2, NULL)")
    moment = now.astimezone(UTC)
    passes = 0
    # A fortnight of passes, each at the wake-up the one before asked for (and some
    # random-ish moments in between), claiming what is due as the window would.
    for step in range(120):
        same(notified.current_plan(store, moment, BERLIN), full_plan(store, moment))
        claim = notified.claim(store, moment, BERLIN)
        passes += bool(claim.plan.due)
        # The wake-up after a claim plans only what was sent again (wake_after_claim):
        # it is the one planning every item with the new records gives.
        assert claim.plan.next_wake == full_plan(store, moment).next_wake
        same(notified.current_plan(store, moment, BERLIN), full_plan(store, moment))
        wake = claim.plan.next_wake
        moment = wake if wake and step % 3 else moment + timedelta(minutes=97)
    assert passes > 20
    # Most items are in the back-off by now: a pass reads few of them in full.
    values = settings.get_all(store)
    wheres, _wake = pending.sources(store, Context(values=values, now=moment, tz=BERLIN,
                                                   notified={}))
    read = sum(len(chunk) for cls, (where, params) in wheres.items()
               for chunk in pending.chunks(store, cls, where, params))
    assert read < 20
