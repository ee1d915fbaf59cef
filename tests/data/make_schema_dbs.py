"""Write tests/data/schema-vN.db: a database as schema version N shipped it, full of data.

Run once when a release ships a new schema (python tests/data/make_schema_dbs.py N) and commit the
file; never regenerate an old one, since the point is to keep the bytes that users have.
Rows are written with plain SQL, not with today's record code, so that they look exactly
like what that version wrote.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

# Rows for schema 1; a later version adds its own dict (copy and extend this one).
V1_ROWS: dict[str, list[dict]] = {
    "commitments": [
        {"id": 1, "title": "Send ACME the revised offer", "recipient": "Jim Baker",
         "due": "2026-11-27T16:00:00Z", "note": "Ask finance for the discount first",
         "urgent": 1, "status": "open", "created": "2026-11-20T08:00:00Z",
         "updated": "2026-11-20T08:00:00Z", "confidence": 0.8, "from_manager": 1,
         "report_back": 1, "loop_state": "pending"},
        {"id": 4, "title": "Rückruf zur Erstattung klären", "recipient": "Frau Schneider",
         "due": "2026-11-21T16:00:00Z", "urgent": 0, "status": "done",
         "created": "2026-11-19T10:00:00Z", "updated": "2026-11-21T09:00:00Z",
         "closed": "2026-11-21T09:00:00Z", "outcome": "kept", "confidence": 0.5,
         "from_manager": 0, "report_back": 0, "parent_id": 1},
    ],
    "promise_checks": [
        {"commitment_id": 1, "result": "safe", "checked_at": "2026-11-20T08:00:00Z",
         "answers": '{"in_my_hands": true, "allowed": true, "realistic": true}'},
    ],
    "owed_replies": [
        {"id": 2, "who": "Frau Schneider", "channel": "voicemail", "about": "Rückerstattung",
         "received": "2026-11-26T09:12:00Z", "reply_by": "2026-11-26T13:12:00Z",
         "reply_by_manual": 0, "urgent": 0, "status": "open",
         "created": "2026-11-26T09:12:00Z", "updated": "2026-11-26T09:12:00Z"},
        {"id": 5, "who": "Jim Baker", "channel": "email", "about": "Delivery date",
         "received": "2026-11-24T07:00:00Z", "reply_by": "2026-11-24T16:00:00Z",
         "reply_by_manual": 1, "urgent": 1, "returned": "2026-11-24T11:00:00Z",
         "status": "returned", "created": "2026-11-24T07:00:00Z",
         "updated": "2026-11-24T11:00:00Z", "note": "☎ called instead"},
    ],
    "concerns": [
        {"id": 3, "title": "ACME unhappy about the delay", "who": "Jim Baker", "heat": 4,
         "note": "Threatened to escalate", "status": "open", "created": "2026-11-22T08:00:00Z",
         "updated": "2026-11-25T08:00:00Z", "told_at": "2026-11-23T08:00:00Z",
         "told_heat": 3, "source_id": 1},
    ],
    "concern_log": [
        {"id": 1, "concern_id": 3, "at": "2026-11-22T08:00:00Z", "kind": "created", "heat": 3},
        {"id": 2, "concern_id": 3, "at": "2026-11-23T08:00:00Z", "kind": "told", "heat": 3},
        {"id": 3, "concern_id": 3, "at": "2026-11-25T08:00:00Z", "kind": "heat", "heat": 4,
         "note": "Jim threatened to escalate"},
    ],
    "briefings": [
        {"id": 1, "generated_at": "2026-11-23T08:00:00Z", "sent_at": "2026-11-23T08:05:00Z",
         "lang": "de", "format": "text", "text": "Lagebericht: ACME ist unzufrieden.",
         "payload": "{}"},
    ],
    "settings": [
        {"key": "manager_name", "value": '"Anna Weber"'},
        {"key": "backups_keep", "value": "5"},
    ],
    "notifications": [
        {"key": "reply-due:2", "item_id": 2, "first_at": "2026-11-26T13:12:00Z",
         "last_at": "2026-11-26T13:12:00Z", "count": 1},
    ],
}


def make_v1(path: Path) -> None:
    from coach.storage.migrations import MIGRATIONS

    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    for table, rows in V1_ROWS.items():
        for row in rows:
            conn.execute(f"INSERT INTO {table} ({', '.join(row)}) "
                         f"VALUES ({', '.join('?' for _ in row)})", tuple(row.values()))
    conn.execute("UPDATE counters SET value = 5 WHERE name = 'item'")
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    # Users' files are in WAL mode (coach.storage.store sets it), so this one is too.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


MAKERS = {1: make_v1}

if __name__ == "__main__":
    versions = [int(v) for v in sys.argv[1:]] or sorted(MAKERS)
    for version in versions:
        target = HERE / f"schema-v{version}.db"
        MAKERS[version](target)
        print(target)
