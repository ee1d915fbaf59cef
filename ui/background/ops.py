"""Store operations the window runs in its worker thread, each with what its undo needs.

Qt-free: every function takes the worker's Store and a `state` dict that the matching undo
reads later. Both run in the worker, in order, so an undo queued right after its action
always finds the state the action left.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from coach.model import commitment, concern, owed_reply, records
from coach.ops import items
from coach.storage import settings
from coach.storage.store import Store
from coach.timing.timeutil import to_db

from .rows import COMMITMENT, REPLY

State = dict[str, Any]


def fetch(store: Store, item_id: int) -> items.Item:
    return items.require(store, item_id)


def _create(store: Store, kind: str, fields: dict[str, Any], now: datetime) -> items.Item:
    fields = dict(fields)
    if kind == COMMITMENT:
        title = fields.pop("title")
        return commitment.add(store, commitment.new(title, now, **fields))
    if kind == REPLY:
        from coach.rules.reply_by import reply_by
        from coach.timing.dates import local_tz

        who, channel = fields.pop("who"), owed_reply.check_channel(fields.pop("channel", None))
        received = fields.pop("received", None) or now
        due = fields.pop("reply_by", None)
        fields["reply_by_manual"] = due is not None
        if due is None:
            due = reply_by(channel, received, fields.get("urgent", False), local_tz(),
                           settings.get_all(store), text=fields.get("about"))
        return owed_reply.add(store, owed_reply.new(who, channel, received, due, now, **fields))
    title = fields.pop("title")
    return concern.add(store, concern.new(title, now, **fields))


def add(store: Store, state: State, kind: str, fields: dict[str, Any], now: datetime) -> int:
    """Create the item; on redo after an undo, bring back the very same item and id."""
    with store.write():
        if "removed" in state:
            item = items.restore(store, state.pop("removed"))
        else:
            item = _create(store, kind, fields, now)
    state["id"] = item.id
    return item.id


def unadd(store: Store, state: State) -> None:
    if "id" in state:  # absent when the add itself failed: nothing to take back
        with store.write():
            state["removed"] = items.remove(store, items.require(store, state["id"]))


def remove(store: Store, state: State, item_id: int) -> None:
    with store.write():
        state["removed"] = items.remove(store, items.require(store, item_id))


def unremove(store: Store, state: State) -> None:
    if "removed" in state:
        with store.write():
            items.restore(store, state.pop("removed"))


def _remember(store: Store, state: State, item: items.Item) -> None:
    state["before"] = (type(item), records.to_row(item))
    row = store.conn.execute("SELECT max(id) FROM concern_log").fetchone()
    state["log_max"] = row[0] or 0


def revert(store: Store, state: State) -> None:
    """Put an item's fields back as they were before `finish` or `edit`."""
    if "before" not in state:
        return
    cls, row = state.pop("before")
    with store.write() as conn:
        names = [name for name in row if name != "id"]
        conn.execute(f"UPDATE {cls.TABLE} SET {', '.join(f'{n} = ?' for n in names)} "
                     "WHERE id = ?", (*[row[n] for n in names], row["id"]))
        # The log entries the action wrote are part of what is undone.
        conn.execute("DELETE FROM concern_log WHERE concern_id = ? AND id > ?",
                     (row["id"], state.pop("log_max")))


def finish(store: Store, state: State, item_id: int, now: datetime) -> None:
    with store.write():
        item = items.require(store, item_id)
        if not item.is_open:
            from coach.errors import CoachError
            from coach.i18n import _

            raise CoachError(_("Item {id} is already closed ({status}).").format(
                id=item.id, status=_(item.status)))
        _remember(store, state, item)
        items.finish(store, item, now)


def edit(store: Store, state: State, item_id: int, changes: dict[str, Any],
         now: datetime) -> None:
    with store.write():
        item = items.require(store, item_id)
        _remember(store, state, item)
        changes = dict(changes)
        heat = changes.pop("heat", None)
        status = changes.pop("status", None)
        if isinstance(item, owed_reply.OwedReply) and "channel" in changes:
            changes["channel"] = owed_reply.check_channel(changes["channel"])
        if changes:
            records.update(store, item, updated=now, **changes)
        if heat is not None and isinstance(item, concern.Concern) and heat != item.heat:
            concern.set_heat(store, item, heat, now)
        if status is not None and isinstance(item, commitment.Commitment) \
                and status != item.status:
            if status == commitment.OPEN:
                records.update(store, item, status=status, closed=None, outcome=None,
                               updated=now)
            else:
                commitment.close(store, item, now, status=status)


def pause_reminders(store: Store, now: datetime, hours: float = 1) -> datetime:
    until = now + timedelta(hours=hours)
    settings.put(store, "paused_until", to_db(until))
    return until
