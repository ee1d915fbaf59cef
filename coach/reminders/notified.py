"""The record of what was notified, shared by the window and `coach remind --once`.

A pass *claims* what is due inside one write transaction (so two processes running at the
same moment cannot both send it), then sends; what could not be delivered is *released*:
its rows go back to how they were, so it stays due for the next pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from coach.model import commitment, concern, owed_reply
from coach.reminders import briefing_nudge, commitments, replies, review_nudge, schedule
from coach.reminders.notification import Notification, Notified, Plan, after_delivery
from coach.storage import settings
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db


@dataclass
class Claim:
    plan: Plan
    previous: dict[str, Notified | None] = field(default_factory=dict)


def _row_to_notified(row) -> Notified:
    return Notified(key=row["key"], item_id=row["item_id"], first_at=from_db(row["first_at"]),
                    last_at=from_db(row["last_at"]), count=row["count"] or 0,
                    snoozed_until=from_db(row["snoozed_until"]))


def load(store: Store) -> dict[str, Notified]:
    rows = store.conn.execute(
        "SELECT key, item_id, first_at, last_at, count, snoozed_until FROM notifications")
    return {row["key"]: _row_to_notified(row) for row in rows}


def _put(conn, rec: Notified) -> None:
    conn.execute(
        "INSERT INTO notifications (key, item_id, first_at, last_at, count, snoozed_until) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET item_id = excluded.item_id, "
        "first_at = excluded.first_at, last_at = excluded.last_at, count = excluded.count, "
        "snoozed_until = excluded.snoozed_until",
        (rec.key, rec.item_id, to_db(rec.first_at), to_db(rec.last_at), rec.count,
         to_db(rec.snoozed_until)),
    )


def _plan(store: Store, now: datetime, tz: tzinfo, records: dict[str, Notified]) -> Plan:
    values = settings.get_all(store)
    return schedule.plan(owed_reply.list_open(store), values, now, records, tz,
                         concerns=concern.list_open(store),
                         briefing=briefing_nudge.facts(store, now),
                         commitments_=commitment.list_open(store),
                         with_digest=bool(values.get("morning_digest", True)),
                         review=review_nudge.facts(store, now, tz, values), with_review=True)


def current_plan(store: Store, now: datetime, tz: tzinfo) -> Plan:
    return _plan(store, now, tz, load(store))


def claim(store: Store, now: datetime, tz: tzinfo) -> Claim:
    """Plan and mark everything due as notified, in one transaction."""
    with store.write() as conn:
        records = load(store)
        plan = _plan(store, now, tz, records)
        result = Claim(plan=plan)
        for note in plan.due:
            for key, item_id in note.records():
                result.previous[key] = records.get(key)
                _put(conn, after_delivery(records.get(key), key, item_id, now))
        if plan.due:
            # What is sent now comes back later (the back-off): wake up for that too.
            after = _plan(store, now, tz, load(store))
            result.plan = Plan(due=plan.due, next_wake=after.next_wake)
    return result


def release(store: Store, claimed: Claim, note: Notification) -> None:
    """Undo the claim for a notification that no notifier could deliver."""
    with store.write() as conn:
        for key in note.record_keys:
            before = claimed.previous.get(key)
            if before is None:
                conn.execute("DELETE FROM notifications WHERE key = ?", (key,))
            else:
                _put(conn, before)


def key_for(item) -> str | None:
    """The record key a snooze of this item's reminders is kept under."""
    from coach.model.commitment import Commitment
    from coach.model.owed_reply import OwedReply

    if isinstance(item, OwedReply):
        return replies.reply_key(item.id)
    if isinstance(item, Commitment):
        return commitments.key_of(item.id)
    return None


def snooze(store: Store, item_id: int, until: datetime, now: datetime,
           key: str | None = None) -> None:
    """The item's next reminder waits until `until` (an owed reply unless `key` says)."""
    key = key or replies.reply_key(item_id)
    with store.write() as conn:
        rec = load(store).get(key) or Notified(key=key, item_id=item_id, first_at=now,
                                               last_at=now, count=0)
        _put(conn, Notified(key=rec.key, item_id=item_id, first_at=rec.first_at,
                            last_at=rec.last_at, count=rec.count, snoozed_until=until))


def restart(store: Store, item_id: int) -> None:
    """An item's due or reply-by time moved: its reminders start afresh for the new time."""
    with store.write() as conn:
        conn.execute("DELETE FROM notifications WHERE key IN (?, ?, ?)",
                     (commitments.key_of(item_id), commitments.soon_key(item_id),
                      replies.reply_key(item_id)))


def forget(store: Store, item_ids: list[int]) -> None:
    """Drop the record of items that are finished (their reminders are over)."""
    with store.write() as conn:
        conn.executemany("DELETE FROM notifications WHERE item_id = ?",
                         [(i,) for i in item_ids])
