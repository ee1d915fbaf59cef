"""Which open items a reminder pass has to read, found in SQLite instead of in every record.

On a big database almost every open item is one the user was already reminded of and that
waits for its next nudge in the back-off. Its next time depends on the notified record alone
(coach.reminders.quiet.next_after_due: two working hours after the last one, or a working
day after it once it was sent more than FAST_REPEATS times), not on the item. Such items are
counted in groups of equal (last notified, back-off step) by SQL: a group whose time has
come is read in full and planned like any other item; the others give only their wake-up
time. Everything else (never notified, snoozed, reminded before its due time, a time stored
damaged) is read in full and planned as before, so the plan is the one that planning every
open item gives. The records of the items left out are not read either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from itertools import islice

from coach.model import records
from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.reminders.notification import Context, Notified
from coach.reminders.quiet import FAST_REPEATS, REPEAT_WORKING_HOURS, allowed_at, working_day_hours
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db
from coach.timing.working_hours import add_working_hours

# A stored time in its canonical form ("2026-12-03T14:00:00Z"): only these compare as text
# the way the rules compare them as times. Anything else is planned from the full record.
_CANON = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z"
_RECORD_IN_BACK_OFF = (
    "n.count > 0 AND n.last_at GLOB :canon AND n.last_at >= {time} "
    "AND (n.snoozed_until IS NULL OR (n.snoozed_until GLOB :canon "
    "AND n.snoozed_until <= n.last_at))")
# kind → (table, notified key prefix, the item's time, what else keeps it out of reach of
# every other rule: a commitment not yet due may still get its reminder before due).
_SIMPLE = {
    Commitment: ("commitments", "commitment:", "due", "AND t.due <= :now"),
    OwedReply: ("owed_replies", "reply:", "reply_by", ""),
}
# The record keys of an item's own reminders, by kind: "commitment:12", "reply:7".
ITEM_KEYS = {Commitment: ("commitment:", "commitment-soon:"), OwedReply: ("reply:",)}
MAX_DUE_GROUPS = 200  # keeps the query well under SQLite's limit of bound values
_ORDER = {Commitment: "due IS NULL, due, id", OwedReply: "reply_by, id"}
# What the reminder rules read of an item (its words, times, flags, and what its urgency
# needs: coach.rules.urgency.FIELDS); a full record costs a third more time and memory.
FIELDS = {
    Commitment: "id, title, recipient, due, urgent, status, created, updated, from_manager, note",
    OwedReply: "id, who, channel, about, note, received, reply_by, urgent, status, created, "
               "updated",
}


def _simple_from(cls: type) -> tuple[str, str]:
    """FROM … WHERE … of the items in the plain back-off (aliases t and n, step `slow`)."""
    table, prefix, time, extra = _SIMPLE[cls]
    # From the records (a range of their key) to the items by id: faster than a lookup of
    # a made-up key per item. The key is checked too, so an odd item_id only means the
    # item is planned in full.
    return (f"FROM notifications n CROSS JOIN {table} t ON t.id = n.item_id",
            f"{_key_range('n.key', prefix)} AND n.key = '{prefix}' || t.id AND "
            f"t.status = 'open' AND t.{time} GLOB :canon {extra} AND "
            + _RECORD_IN_BACK_OFF.format(time=f"t.{time}"))


def _key_range(column: str, prefix: str) -> str:
    """The keys starting with `prefix`, as a range of the key's index."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return f"{column} >= '{prefix}' AND {column} < '{after}'"


def _left_out(cls: type, due_groups: list[tuple[str, int]]) -> tuple[str, dict]:
    """SELECT t.id, n.key of the items in the back-off whose next time has not come."""
    source, where = _simple_from(cls)
    params: dict = {}
    if len(due_groups) > MAX_DUE_GROUPS:
        where = "0"  # many due at once (back from a holiday): plan every item in full
    elif due_groups:
        marks = []
        tag = _SIMPLE[cls][0]
        for number, (last_at, slow) in enumerate(due_groups):
            params[f"{tag}_g{number}"], params[f"{tag}_s{number}"] = last_at, slow
            marks.append(f"(:{tag}_g{number}, :{tag}_s{number})")
        where += f" AND (n.last_at, n.count > {FAST_REPEATS}) NOT IN (VALUES {', '.join(marks)})"
    return f"SELECT t.id, n.key {source} WHERE {where}", params


def sources(store: Store, ctx: Context, groups: dict | None = None
            ) -> tuple[dict[type, tuple[str, dict]], datetime | None]:
    """Per kind, which open items a pass at ctx.now must plan (a WHERE clause and its
    values, for `chunks`), and when the items left out are next due. `groups`: filled per
    kind with the groups left out, (last notified, slow step) → their time."""
    now, values, tz, wh = ctx.now, ctx.values, ctx.tz, ctx.hours
    base = {"canon": _CANON, "now": to_db(now)}
    wake = None
    steps = {0: float(REPEAT_WORKING_HOURS), 1: working_day_hours(wh)}
    wheres = {}
    for cls in _SIMPLE:
        source, where = _simple_from(cls)
        due_groups = []
        for last_at, slow in store.conn.execute(
                f"SELECT n.last_at, n.count > {FAST_REPEATS} {source} WHERE {where} "
                "GROUP BY 1, 2", base):
            wanted = add_working_hours(from_db(last_at), steps[slow], wh, tz)
            at = allowed_at(max(wanted, now), values, tz)
            if at <= now:
                due_groups.append((last_at, slow))
                continue
            if groups is not None:
                groups.setdefault(cls, {})[last_at, slow] = at
            if wake is None or at < wake:
                wake = at
        query, extra = _left_out(cls, due_groups)
        extra.update(base)
        wheres[cls] = (f"id NOT IN (SELECT id FROM ({query}))", extra)
    return wheres, wake


def replanned(cls: type, ids: set[int], due_groups: list[tuple[str, int]],
              now: datetime) -> tuple[str, dict]:
    """WHERE clause for `chunks`: the items `ids`, and those in the back-off `due_groups`
    (last notified, slow step; at most MAX_DUE_GROUPS) at `now`."""
    params: dict = {"ids": json.dumps(sorted(ids)), "canon": _CANON, "now": to_db(now)}
    where = "id IN (SELECT value FROM json_each(:ids))"
    if due_groups:
        source, members = _simple_from(cls)
        marks = []
        for number, (last_at, slow) in enumerate(due_groups):
            params[f"g{number}"], params[f"s{number}"] = last_at, slow
            marks.append(f"(:g{number}, :s{number})")
        members += f" AND (n.last_at, n.count > {FAST_REPEATS}) IN (VALUES {', '.join(marks)})"
        where = f"({where} OR id IN (SELECT t.id {source} WHERE {members}))"
    return where, params


def chunks(store: Store, cls: type, where: str = "1", params: dict | None = None,
           size: int = 1000) -> Iterator[list]:
    """The open items of `cls` as the reminders read them, in the order they are planned, in
    lists of `size`: a pass over 50,000 items holds one list at a time."""
    rows = records.each(store, cls, f"status = 'open' AND {where}", params or {},
                        order=_ORDER[cls], columns=FIELDS[cls])
    while chunk := list(islice(rows, size)):
        yield chunk


class Times:
    """from_db() with the datetimes shared: after a pass that sent 50,000 reminders, their
    rows hold a handful of distinct times, and a pass that finds them due again keeps every
    row (Claim.previous). Bounded, so 50,000 distinct times cost no more than before."""

    LIMIT = 512

    def __init__(self) -> None:
        self._seen: dict[str, datetime | None] = {}

    def __call__(self, text: str | None) -> datetime | None:
        found = self._seen.get(text)  # type: ignore[arg-type]
        if found is None:
            found = from_db(text)
            if len(self._seen) < self.LIMIT:
                self._seen[text] = found  # type: ignore[index]
        return found


def to_records(rows, times: Times | None = None) -> dict[str, Notified]:
    """Rows of the notifications table (RECORD_COLUMNS) as records, by key."""
    time = times or from_db
    return {row["key"]: Notified(
        key=row["key"], item_id=row["item_id"], first_at=time(row["first_at"]),
        last_at=time(row["last_at"]), count=row["count"] or 0,
        snoozed_until=time(row["snoozed_until"])) for row in rows}


RECORD_COLUMNS = "key, item_id, first_at, last_at, count, snoozed_until"


def records_of(store: Store, items: list, times: Times | None = None) -> dict[str, Notified]:
    """The records the reminder rules look up for these items (by their keys)."""
    keys = [f"{prefix}{item.id}" for item in items
            for prefix in ITEM_KEYS[Commitment if isinstance(item, Commitment) else OwedReply]]
    # One JSON array as the only bound value: no limit on how many keys a chunk has.
    return to_records(store.conn.execute(
        f"SELECT {RECORD_COLUMNS} FROM notifications WHERE key IN (SELECT value FROM json_each(?))",
        (json.dumps(keys),)), times)


def other_records(store: Store) -> dict[str, Notified]:
    """Every record that is not an item's own (the digest's, the concerns', the briefing's
    and the review's): few, and read whole, as their rules look at all of them."""
    own = " AND ".join(f"NOT ({_key_range('key', prefix)})"
                       for prefixes in ITEM_KEYS.values() for prefix in prefixes)
    return to_records(store.conn.execute(
        f"SELECT {RECORD_COLUMNS} FROM notifications WHERE {own}"))
