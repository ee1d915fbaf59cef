"""Changes from the task list, written here through the core's own operations.

Completing a task is `items.finish` (so the close-the-loop prompt follows, as for any
done); a new title or due time is `commitment_edit.change` (with a log entry); a new task
is `commitment_edit.add_from(..., "sync")`. Each caller wraps the write together with the
sync record in one transaction, so a killed sync never leaves one without the other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coach.model import commitment, commitment_log
from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.ops import commitment_edit, items
from coach.storage.store import Store
from coach.sync import merge, vtodo
from coach.timing.timeutil import from_db

PHONE = merge.REMOTE


def fields_to_local(store: Store, item: Commitment | OwedReply, changes: dict[str, Any],
                    now: datetime) -> None:
    if isinstance(item, OwedReply):
        if changes.get("status") == vtodo.DONE and item.is_open:
            items.finish(store, item, now)
        return
    edits: dict[str, Any] = {}
    if "title" in changes:
        edits["title"] = changes["title"]
    if "due" in changes:
        edits["due"] = from_db(changes["due"])
    if edits:
        commitment_edit.change(store, item, now, source=PHONE, **edits)
    status = changes.get("status")
    if status is None or status == vtodo.local_status(item.status):
        return
    if status == vtodo.OPEN:
        commitment_edit.reopen(store, item, now, source=PHONE)
        return
    if not item.is_open:
        commitment_edit.reopen(store, item, now, source=PHONE)
    if status == vtodo.DONE:
        commitment_log.add(store, item.id, now, commitment_log.CHANGED, "status", item.status,
                           commitment.DONE, PHONE)
        items.finish(store, item, now)
    else:
        commitment_edit.drop(store, item, now, source=PHONE)


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
    item = commitment.new(remote.fields["title"], now, due=from_db(remote.fields["due"]))
    commitment_edit.add_from(store, item, "sync", now)
    if remote.fields["status"] != vtodo.OPEN:
        fields_to_local(store, item, {"status": remote.fields["status"]}, now)
    return item


def bring_back(store: Store, saved: dict[str, Any] | None, remote: vtodo.Remote,
               now: datetime) -> Commitment:
    """A task deleted here and there reappeared in the task list (restored on the phone, or
    a stale phone uploaded it again): the same commitment comes back, with its promise
    check, and takes the task's fields. Without what was saved, it comes back as new."""
    item = None
    if saved and items.find(store, saved["row"]["id"]) is None:
        item = items.restore(store, saved)
    if not isinstance(item, Commitment):
        return new_commitment(store, remote, now)
    commitment_log.add(store, item.id, now, commitment_log.RETURNED, source=PHONE)
    fields_to_local(store, item, _differences(vtodo.fields(item), remote.fields), now)
    return item


def _differences(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in theirs.items() if mine.get(k) != v}


def remove(store: Store, item: Commitment | OwedReply) -> dict[str, Any]:
    """Deleted in the task list: deleted here; what `bring_back` needs is returned."""
    return items.remove(store, item)
