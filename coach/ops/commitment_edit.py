"""Changing a commitment after it was made: title, due, reopen, drop; each with a log entry.

Sync calls these for changes that came from the task list; they are the one place such a
change is written, so the window and the command line can share them.
"""

from __future__ import annotations

from datetime import datetime

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, commitment_log, records
from coach.model.commitment import Commitment
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db

_UNSET = object()


def change(store: Store, item: Commitment, now: datetime, *, source: str | None = None,
           title: object = _UNSET, due: object = _UNSET) -> Commitment:
    """Set the title and/or due time; every field that really changes gets a log entry."""
    updates: dict[str, object] = {}
    if title is not _UNSET:
        clean = commitment.clean_text(str(title or ""), commitment.EMPTY_TITLE)
        if clean != item.title:
            updates["title"] = clean
    if due is not _UNSET and due != item.due:
        updates["due"] = due
    if not updates:
        return item
    with store.write():
        for name, value in updates.items():
            old = getattr(item, name)
            if name == "due":
                old, value = to_db(old), to_db(value)  # type: ignore[arg-type]
            commitment_log.add(store, item.id, now, commitment_log.CHANGED, name, old, value,
                               source)
        records.update(store, item, updated=now, **updates)
    return item


def reopen(store: Store, item: Commitment, now: datetime, source: str | None = None) -> None:
    """A finished commitment that is open again (un-ticked in the task list)."""
    with store.write():
        commitment_log.add(store, item.id, now, commitment_log.CHANGED, "status", item.status,
                           commitment.OPEN, source)
        records.update(store, item, status=commitment.OPEN, closed=None, outcome=None,
                       loop_state=None, updated=now)


def drop(store: Store, item: Commitment, now: datetime, source: str | None = None) -> None:
    """Cancelled in the task list: dropped here, counted as dropped, not as kept or late."""
    with store.write():
        commitment_log.add(store, item.id, now, commitment_log.CHANGED, "status", item.status,
                           commitment.DROPPED, source)
        commitment.close(store, item, now, status=commitment.DROPPED)


def add_from(store: Store, item: Commitment, origin: str, now: datetime) -> Commitment:
    """Add a commitment that was not typed in here (origin "sync"): the window asks its
    by-when and promise-check questions the next time it is open (see `unprompted`)."""
    with store.write() as conn:
        commitment.add(store, item)
        conn.execute("UPDATE commitments SET origin = ?, prompted = 0 WHERE id = ?",
                     (origin, item.id))
        commitment_log.add(store, item.id, now, commitment_log.CREATED, source=origin)
    return item


def origin(store: Store, item_id: int) -> str | None:
    row = store.conn.execute("SELECT origin FROM commitments WHERE id = ?",
                             (item_id,)).fetchone()
    return row[0] if row else None


def unprompted(store: Store) -> list[Commitment]:
    """Open commitments that arrived by sync and have not had their questions yet."""
    return records.select(store, Commitment, "prompted = 0 AND status = 'open'")


def mark_prompted(store: Store, item_id: int) -> None:
    with store.write() as conn:
        conn.execute("UPDATE commitments SET prompted = 1 WHERE id = ?", (item_id,))


def restore_kept(store: Store, entry_id: int, now: datetime) -> None:
    """Put a kept value back into its commitment (title or due), with a log entry."""
    entry = commitment_log.get(store, entry_id)
    if entry is None or entry.kind != commitment_log.KEPT or entry.field not in ("title", "due"):
        raise CoachError(_("There is no kept value with number {n}.").format(n=entry_id))
    item = commitment.get(store, entry.commitment_id)
    if item is None:
        raise CoachError(_("There is no item with id {id}.").format(id=entry.commitment_id))
    value = entry.old
    if entry.field == "due":
        value = from_db(value) if value else None
    with store.write():
        change(store, item, now, source="local", **{entry.field: value})
        commitment_log.add(store, item.id, now, commitment_log.RESTORED, entry.field, None,
                           entry.old, "local")
