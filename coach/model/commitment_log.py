"""A commitment's log: what changed, when, from where; and values kept after a conflict.

A sync conflict never throws a value away: the one that lost stays here as a "kept" entry,
which the user can read (`coach sync status`, Settings → Sync) and put back with `restore`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from coach.i18n import N_, _
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db

CHANGED, KEPT, RESTORED, CREATED, RETURNED = "changed", "kept", "restored", "created", "returned"
FIELD_LABELS = {"title": N_("title"), "due": N_("due"), "status": N_("status"),
                "note": N_("note"), "rule": N_("repeat rule")}
SOURCE_LABELS = {"phone": N_("from the task list"), "local": N_("from this computer")}


@dataclass(frozen=True)
class Entry:
    id: int
    commitment_id: int
    at: datetime
    kind: str
    field: str | None
    old: Any
    new: Any
    source: str | None


def add(store: Store, commitment_id: int, now: datetime, kind: str, field: str | None = None,
        old: Any = None, new: Any = None, source: str | None = None) -> None:
    """Values are stored as JSON so a kept due time restores exactly (UTC ISO) or as None."""
    with store.write() as conn:
        conn.execute(
            "INSERT INTO commitment_log (commitment_id, at, kind, field, old, new, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (commitment_id, to_db(now), kind, field, json.dumps(old), json.dumps(new), source))


def _entry(row) -> Entry:
    return Entry(row["id"], row["commitment_id"], from_db(row["at"]), row["kind"], row["field"],
                 json.loads(row["old"]) if row["old"] else None,
                 json.loads(row["new"]) if row["new"] else None, row["source"])


def entries(store: Store, commitment_id: int) -> list[Entry]:
    return [_entry(r) for r in store.conn.execute(
        "SELECT * FROM commitment_log WHERE commitment_id = ? ORDER BY at, id",
        (commitment_id,))]


def kept(store: Store, limit: int = 50) -> list[Entry]:
    """The latest values that lost a conflict, newest first, for every commitment."""
    return [_entry(r) for r in store.conn.execute(
        "SELECT * FROM commitment_log WHERE kind = ? ORDER BY at DESC, id DESC LIMIT ?",
        (KEPT, limit))]


def get(store: Store, entry_id: int) -> Entry | None:
    row = store.conn.execute("SELECT * FROM commitment_log WHERE id = ?",
                             (entry_id,)).fetchone()
    return _entry(row) if row else None


def describe(entry: Entry, tz=None) -> str:
    """One line: 'due: 2026-11-27 09:00 (from the task list), kept 2026-11-26 15:00'."""
    from coach.timing.dates import local_tz

    tz = tz or local_tz()
    value = entry.old
    if entry.field == "due" and value:
        value = from_db(value).astimezone(tz).strftime("%Y-%m-%d %H:%M")
    elif entry.field == "note" and value:
        value = " / ".join(str(value).split("\n"))  # one line; restoring brings it whole
        value = value if len(value) <= 80 else value[:79] + "…"
    label = _(FIELD_LABELS.get(entry.field or "", entry.field or ""))
    source = _(SOURCE_LABELS[entry.source]) if entry.source in SOURCE_LABELS else ""
    return _("#{n} item {id}, {field}: {value} ({source}), kept {at}").format(
        n=entry.id, id=entry.commitment_id, field=label, value=value if value else "—",
        source=source, at=entry.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"))
