"""Changes from the task list, written here through the core's own operations.

Completing a task is `finish.finish_item` (so the close-the-loop prompt follows, as for any
done); a new title, due time or status is `edit.edit` through `commitment_edit.change` (with
a log entry); a new task is `commitment_edit.add_from(..., "sync")`; a deleted task is
`delete.delete`. Each caller wraps the write together with the sync record in one
transaction, so a killed sync never leaves one without the other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coach.model import commitment, commitment_log
from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.ops import commitment_edit, delete, undo
from coach.ops.finish import finish_item
from coach.storage.store import Store
from coach.sync import merge, vtodo
from coach.timing.timeutil import from_db

PHONE = merge.REMOTE
_STATUS = {vtodo.OPEN: commitment.OPEN, vtodo.DONE: commitment.DONE,
           vtodo.CANCELLED: commitment.DROPPED}


def fields_to_local(store: Store, item: Commitment | OwedReply, changes: dict[str, Any],
                    now: datetime) -> None:
    if isinstance(item, OwedReply):
        if changes.get("status") == vtodo.DONE and item.is_open:
            finish_item(store, item, now)
        return
    edits: dict[str, Any] = {}
    if "title" in changes:
        edits["title"] = changes["title"]
    if "due" in changes:
        edits["due"] = from_db(changes["due"])
    if "note" in changes:
        edits["note"] = changes["note"]
    status = changes.get("status")
    if status is not None and status != vtodo.local_status(item.status):
        if status == vtodo.DONE and not item.is_open:
            edits["status"] = commitment.OPEN  # dropped there before, done now: reopen first
        elif status != vtodo.DONE:
            edits["status"] = _STATUS[status]
    with store.write():
        if edits:
            item = commitment_edit.change(store, item, now, source=PHONE, **edits)
        if status == vtodo.DONE and item.is_open:
            commitment_log.add(store, item.id, now, commitment_log.CHANGED, "status",
                               item.status, commitment.DONE, PHONE)
            finish_item(store, item, now)


def keep(store: Store, item: Commitment | OwedReply, kept: list[merge.Kept],
         now: datetime) -> None:
    """The values that lost a conflict go to the commitment's log, restorable from there."""
    if not isinstance(item, Commitment):
        return
    for entry in kept:
        commitment_log.add(store, item.id, now, commitment_log.KEPT, entry.field, entry.value,
                           None, entry.side)


def new_commitment(store: Store, remote: vtodo.Remote, now: datetime) -> Commitment:
    """A task made in the task list: a commitment from sync, asked its questions later."""
    item = commitment_edit.add_from(store, remote.fields["title"],
                                    from_db(remote.fields["due"]), "sync", now,
                                    note=remote.fields.get("note"))
    if remote.fields["status"] != vtodo.OPEN:
        fields_to_local(store, item, {"status": remote.fields["status"]}, now)
    return commitment.get(store, item.id) or item


def bring_back(store: Store, saved: dict[str, Any] | None, remote: vtodo.Remote,
               now: datetime) -> Commitment:
    """A task deleted here and there reappeared in the task list (restored on the phone, or
    a stale phone uploaded it again): the same commitment comes back, with its promise
    check, and takes the task's fields. Without what was saved, it comes back as new."""
    item = None
    if saved:
        rows = undo.Rows(frozenset(saved["ids"]),
                         tuple((t, tuple(r)) for t, r in saved["tables"]))
        if all(commitment.get(store, i) is None for i in rows.ids):
            delete.restore(store, rows)
            item = commitment.get(store, min(rows.ids))
    if item is None:
        return new_commitment(store, remote, now)
    commitment_log.add(store, item.id, now, commitment_log.RETURNED, source=PHONE)
    mine = vtodo.fields(item)
    fields_to_local(store, item, {k: v for k, v in remote.fields.items() if mine.get(k) != v},
                    now)
    return commitment.get(store, item.id) or item


def remove(store: Store, item: Commitment | OwedReply) -> dict[str, Any]:
    """Deleted in the task list: deleted here; what `bring_back` needs is returned."""
    rows = delete.delete(store, item.id).detail
    return {"ids": sorted(rows.ids), "tables": [[t, list(r)] for t, r in rows.tables]}
