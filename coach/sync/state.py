"""Per-item sync records: where the item lives on the server and what was last agreed.

One row per synced item: its UID (stable, chosen once), href, ETag (and Schedule-Tag where
the server has them), `base` (the synced fields as last agreed, for the merge), `hash` (of
the content last uploaded or adopted) and `pending` (what an upload in flight carries).
`pending` is written *before* the PUT: a sync killed between the PUT and the answer finds
it on the next run and adopts the server's copy instead of uploading a duplicate.
A deleted item keeps its row as state "deleted" (a tombstone), with what is needed to bring
the commitment back if the task reappears.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from coach.storage.store import Store
from coach.timing.timeutil import to_db

LIVE, DELETED = "live", "deleted"
COMMITMENT, REPLY = "commitment", "reply"


@dataclass
class Record:
    uid: str
    kind: str
    item_id: int
    href: str
    etag: str | None = None
    schedule_tag: str | None = None
    base: dict[str, Any] | None = None
    hash: str | None = None
    pending: dict[str, Any] | None = None
    state: str = LIVE
    saved: dict[str, Any] | None = None


def _load(value: str | None) -> Any:
    return json.loads(value) if value else None


def _record(row) -> Record:
    return Record(row["uid"], row["kind"], row["item_id"], row["href"], row["etag"],
                  row["schedule_tag"], _load(row["base"]), row["hash"], _load(row["pending"]),
                  row["state"], _load(row["saved"]))


def all_records(store: Store) -> list[Record]:
    return [_record(r) for r in store.conn.execute("SELECT * FROM sync_items")]


def save(store: Store, rec: Record, now: datetime) -> None:
    dump = (lambda v: json.dumps(v, sort_keys=True) if v is not None else None)  # noqa: E731
    with store.write() as conn:
        conn.execute(
            "INSERT INTO sync_items (uid, kind, item_id, href, etag, schedule_tag, base, hash, "
            "pending, state, saved, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(uid) DO UPDATE SET kind = excluded.kind, item_id = excluded.item_id, "
            "href = excluded.href, etag = excluded.etag, schedule_tag = excluded.schedule_tag, "
            "base = excluded.base, hash = excluded.hash, pending = excluded.pending, "
            "state = excluded.state, saved = excluded.saved, updated = excluded.updated",
            (rec.uid, rec.kind, rec.item_id, rec.href, rec.etag, rec.schedule_tag,
             dump(rec.base), rec.hash, dump(rec.pending), rec.state, dump(rec.saved),
             to_db(now)))


def forget(store: Store, uid: str) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM sync_items WHERE uid = ?", (uid,))


def forget_all(store: Store) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM sync_items")


def counts(store: Store) -> dict[str, int]:
    return {row[0]: row[1] for row in store.conn.execute(
        "SELECT state, count(*) FROM sync_items GROUP BY state")}
