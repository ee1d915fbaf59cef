"""Versioned schema migrations, from an empty file to the current schema.

Each step runs inside one transaction together with the bump of PRAGMA user_version, so a
step that fails leaves the file exactly as it was. Steps are append-only: never edit one that
has shipped, add the next instead (tests keep a database of every shipped version).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _v1(conn: sqlite3.Connection) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["counters"].create({"name": str, "value": int}, pk="name")
    db["counters"].insert({"name": "item", "value": 0})
    db["commitments"].create(
        {
            "id": int,
            "title": str,
            "recipient": str,
            "due": str,
            "note": str,
            "urgent": int,
            "status": str,
            "created": str,
            "updated": str,
            "closed": str,
            "outcome": str,
            "confidence": float,
            "from_manager": int,
            "report_back": int,
            "loop_closed": str,
            "loop_state": str,
            "awaiting_ok": int,
            "parent_id": int,
            "source_id": int,
        },
        pk="id",
        not_null={"title", "status", "created", "updated"},
        defaults={"status": "open", "urgent": 0, "from_manager": 0, "report_back": 0,
                  "awaiting_ok": 0},
    )
    db["promise_checks"].create(
        {"commitment_id": int, "result": str, "answers": str, "checked_at": str},
        pk="commitment_id",
        foreign_keys=[("commitment_id", "commitments", "id")],
        not_null={"result", "checked_at"},
    )
    db["owed_replies"].create(
        {
            "id": int,
            "who": str,
            "channel": str,
            "about": str,
            "received": str,
            "reply_by": str,
            "reply_by_manual": int,
            "urgent": int,
            "returned": str,
            "note": str,
            "status": str,
            "created": str,
            "updated": str,
        },
        pk="id",
        not_null={"who", "channel", "received", "reply_by", "status", "created", "updated"},
        defaults={"status": "open", "urgent": 0, "reply_by_manual": 0},
    )
    db["concerns"].create(
        {
            "id": int,
            "title": str,
            "who": str,
            "heat": int,
            "note": str,
            "status": str,
            "created": str,
            "updated": str,
            "resolved": str,
            "told_at": str,
            "told_heat": int,
            "source_id": int,
        },
        pk="id",
        not_null={"title", "heat", "status", "created", "updated"},
        defaults={"status": "open", "heat": 2},
    )
    db["concern_log"].create(
        {"id": int, "concern_id": int, "at": str, "kind": str, "heat": int, "note": str},
        pk="id",
        foreign_keys=[("concern_id", "concerns", "id")],
        not_null={"concern_id", "at", "kind"},
    )
    db["briefings"].create(
        {"id": int, "generated_at": str, "sent_at": str, "lang": str, "format": str,
         "text": str, "payload": str},
        pk="id",
        not_null={"generated_at", "text"},
    )
    db["settings"].create({"key": str, "value": str}, pk="key")
    # What was notified, so the window and `coach remind --once` never notify twice.
    db["notifications"].create(
        {"key": str, "item_id": int, "first_at": str, "last_at": str, "count": int},
        pk="key",
    )
    conn.execute("CREATE INDEX idx_commitments_open ON commitments(status, due)")
    conn.execute("CREATE INDEX idx_replies_open ON owed_replies(status, reply_by)")
    conn.execute("CREATE INDEX idx_concerns_open ON concerns(status, heat)")
    conn.execute("CREATE INDEX idx_concern_log ON concern_log(concern_id, at)")


def _v2_notification_snooze(conn: sqlite3.Connection) -> None:
    # "Snooze 1 h" from a notification: the next reminder for that thing waits until then.
    conn.execute("ALTER TABLE notifications ADD COLUMN snoozed_until TEXT")


def _v3_briefing_indexes(conn: sqlite3.Connection) -> None:
    # The briefing's "done since", "waiting for your OK" and close-the-loop sections stay
    # index lookups on 100,000 commitments instead of scans.
    conn.execute("CREATE INDEX IF NOT EXISTS idx_commitments_closed "
                 "ON commitments(status, closed)")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_commitments_awaiting "
                 "ON commitments(awaiting_ok, status, due)")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_commitments_loop "
                 "ON commitments(loop_state) WHERE loop_state IS NOT NULL")


def _v4_reply_returned_index(conn: sqlite3.Connection) -> None:
    # The trust figures read the replies returned in the last 90 days; without this index
    # that is a scan of every reply ever returned.
    conn.execute("CREATE INDEX IF NOT EXISTS idx_replies_returned "
                 "ON owed_replies(status, returned)")


def _v5_renegotiations(conn: sqlite3.Connection) -> None:
    # Renegotiate: each honest move of a commitment's date, and whether it came before the
    # old due time (the statistics count "renegotiated in time" apart from "late").
    conn.execute(
        "CREATE TABLE renegotiations (id INTEGER PRIMARY KEY, commitment_id INTEGER NOT NULL "
        "REFERENCES commitments(id), at TEXT NOT NULL, old_due TEXT, new_due TEXT NOT NULL, "
        "reason TEXT, in_time INTEGER NOT NULL)")
    conn.execute("CREATE INDEX idx_renegotiations ON renegotiations(commitment_id, at)")
    conn.execute("CREATE INDEX idx_renegotiations_at ON renegotiations(at)")


MIGRATIONS: list[Migration] = [_v1, _v2_notification_snooze, _v3_briefing_indexes,
                               _v4_reply_returned_index, _v5_renegotiations]
SCHEMA_VERSION = len(MIGRATIONS)
