"""A commitment changed from elsewhere (sync), with a log entry per field; and values kept.

The change itself is `coach.ops.edit.edit` and `coach.ops.finish.finish_item`, the same
operations the window and the command line use; this module adds the log entries (what
changed, when, from where) and the commitments that arrive from sync.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, commitment_log, records
from coach.model.commitment import Commitment
from coach.ops import edit
from coach.ops.add import add_commitment
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db


def _logged(value: Any) -> Any:
    return to_db(value) if isinstance(value, datetime) else value


def change(store: Store, item: Commitment, now: datetime, *, source: str | None = None,
           **fields: Any) -> Commitment:
    """Set title, due and/or status through `edit.edit`; each field that really changes
    gets a log entry. Returns the commitment as stored afterwards."""
    with store.write():
        current = commitment.get(store, item.id) or item
        for name, value in fields.items():
            if getattr(current, name) != value:
                commitment_log.add(store, item.id, now, commitment_log.CHANGED, name,
                                   _logged(getattr(current, name)), _logged(value), source)
        edit.edit(store, item.id, fields, now)
    return commitment.get(store, item.id) or item


def add_from(store: Store, title: str, due: datetime | None, origin: str,
             now: datetime, note: str | None = None) -> Commitment:
    """A commitment that was not typed in here (origin "sync"), marked so the window can ask
    its by-when and promise-check questions later (see `unprompted`)."""
    with store.write() as conn:
        made = add_commitment(store, title, now, due=due, note=note)
        item_id = made.created[0]
        conn.execute("UPDATE commitments SET origin = ?, prompted = 0 WHERE id = ?",
                     (origin, item_id))
        commitment_log.add(store, item_id, now, commitment_log.CREATED, source=origin)
    return commitment.get(store, item_id)  # type: ignore[return-value]


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
    """Put a kept value back into its commitment (title, due or note), with a log entry."""
    entry = commitment_log.get(store, entry_id)
    if entry is not None and entry.kind == commitment_log.KEPT and entry.field == "rule":
        # coach.sync.series: a phone's RRULE is shown, not taken (our rule grammar is narrower).
        raise CoachError(_("Kept value {n} is a repeat rule from the task list: it is kept to "
                           "read; the commitment keeps its own rule.").format(n=entry_id))
    if entry is None or entry.kind != commitment_log.KEPT \
            or entry.field not in ("title", "due", "note"):
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
