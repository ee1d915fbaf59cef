"""The record of what was notified, shared by the window and `coach remind --once`.

A pass *claims* what is due inside one write transaction (so two processes running at the
same moment cannot both send it), then sends; what could not be delivered is *released*:
its rows go back to how they were, so it stays due for the next pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.reminders import (
    commitments,
    kept,
    pending,
    planning,
    replies,
)
from coach.reminders.notification import Notification, Notified, Plan, after_delivery
from coach.storage.store import Store
from coach.timing.timeutil import to_db


@dataclass
class Claim:
    plan: Plan
    # The rows the claim changed, as they were; a claimed key not in it had no row.
    previous: dict[str, Notified | None] = field(default_factory=dict)


def load(store: Store) -> dict[str, Notified]:
    return pending.to_records(store.conn.execute(
        f"SELECT {pending.RECORD_COLUMNS} FROM notifications"))


def _one(store: Store, key: str) -> Notified | None:
    return pending.to_records(store.conn.execute(
        f"SELECT {pending.RECORD_COLUMNS} FROM notifications WHERE key = ?", (key,))).get(key)


def _put(conn, rec: Notified) -> None:
    _put_all(conn, [rec])


def _put_all(conn, recs: list[Notified]) -> None:
    conn.executemany(
        "INSERT INTO notifications (key, item_id, first_at, last_at, count, snoozed_until) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET item_id = excluded.item_id, "
        "first_at = excluded.first_at, last_at = excluded.last_at, count = excluded.count, "
        "snoozed_until = excluded.snoozed_until",
        [(rec.key, rec.item_id, to_db(rec.first_at), to_db(rec.last_at), rec.count,
          to_db(rec.snoozed_until)) for rec in recs],
    )


def _plan(store: Store, now: datetime, tz: tzinfo) -> tuple[Plan, dict[str, Notified]]:
    """The plan at `now`, and the records of what it found due (the rows it updates)."""
    planned = planning.plan_pass(store, now, tz)
    return planned.plan, planned.records


def current_plan(store: Store, now: datetime, tz: tzinfo) -> Plan:
    return _plan(store, now, tz)[0]


WRITE_CHUNK = 1000  # record rows built and written at a time


def claim(store: Store, now: datetime, tz: tzinfo, memo: kept.Kept | None = None) -> Claim:
    """Plan and mark everything due as notified, in one transaction. `memo`: what the last
    claim on this store kept for this one, updated (coach.reminders.kept)."""
    try:
        result, planned, version = _claim(store, now, tz, memo)
    except BaseException:
        if memo is not None:
            memo.clear()
        raise
    if memo is not None:
        memo.keep(store, planned.outlook, version, now, tz, planned.values, planned.read)
    return result


def _claim(store: Store, now: datetime, tz: tzinfo,
           memo: kept.Kept | None) -> tuple[Claim, planning.Planned, int]:
    with store.write() as conn:
        planned = planning.plan_pass(store, now, tz, memo=memo)
        plan, records = planned.plan, planned.records
        result = Claim(plan=plan)
        rows: list[Notified] = []
        for note in plan.due:
            for key, item_id in note.records():
                before = records.get(key)
                if before is not None:  # release() deletes the rows that had none
                    result.previous[key] = before
                rows.append(after_delivery(before, key, item_id, now))
                if len(rows) >= WRITE_CHUNK:
                    _put_all(conn, rows)
                    rows = []
        _put_all(conn, rows)
        if plan.due:
            # What is sent now comes back later (the back-off): wake up for that too.
            result.plan = Plan(due=plan.due, next_wake=planning.wake_after_claim(
                store, now, tz, plan, planned.outlook))
        # Inside the transaction: no other connection can commit between this and the end.
        version = store.data_version() if memo is not None else 0
    return result, planned, version


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
        rec = _one(store, key) or Notified(key=key, item_id=item_id, first_at=now,
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
