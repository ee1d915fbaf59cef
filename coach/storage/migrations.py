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


def _v5_sync(conn: sqlite3.Connection) -> None:
    # CalDAV task sync (coach/sync): the account, one record per synced item, and a log per
    # commitment so a value that lost a conflict stays where the user can see and restore it.
    conn.execute("CREATE TABLE sync_account (id INTEGER PRIMARY KEY CHECK (id = 1), "
                 "url TEXT NOT NULL, user TEXT NOT NULL, list_name TEXT NOT NULL, "
                 "password_command TEXT, calendar_url TEXT, sync_token TEXT, "
                 "last_sync TEXT, last_result TEXT, last_ok INTEGER, created TEXT NOT NULL)")
    conn.execute("CREATE TABLE sync_items (uid TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                 "item_id INTEGER NOT NULL, href TEXT NOT NULL, etag TEXT, schedule_tag TEXT, "
                 "base TEXT, hash TEXT, pending TEXT, state TEXT NOT NULL DEFAULT 'live', "
                 "saved TEXT, updated TEXT NOT NULL)")
    conn.execute("CREATE INDEX idx_sync_items_item ON sync_items(kind, item_id)")
    conn.execute("CREATE UNIQUE INDEX idx_sync_items_href ON sync_items(href)")
    conn.execute("CREATE TABLE commitment_log (id INTEGER PRIMARY KEY, "
                 "commitment_id INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, "
                 "field TEXT, old TEXT, new TEXT, source TEXT)")
    conn.execute("CREATE INDEX idx_commitment_log ON commitment_log(commitment_id, at)")
    # Where a commitment came from when it was not typed in ("sync"), and whether the window
    # has asked its by-when and promise-check questions yet.
    conn.execute("ALTER TABLE commitments ADD COLUMN origin TEXT")
    conn.execute("ALTER TABLE commitments ADD COLUMN prompted INTEGER NOT NULL DEFAULT 1")


def _v6_mail(conn: sqlite3.Connection) -> None:
    # The mail scan (coach/mail): where each folder's scan stopped, the headers needed to
    # match replies to threads (never bodies), the suggestions with their evidence sentence,
    # and the senders the user never wants suggestions from.
    # One statement at a time: executescript would commit the step's transaction early.
    for statement in (
        "CREATE TABLE mail_folders (role TEXT PRIMARY KEY, name TEXT NOT NULL, "
        "uidvalidity INTEGER NOT NULL, last_uid INTEGER NOT NULL)",
        "CREATE TABLE mail_messages (role TEXT NOT NULL, message_id TEXT NOT NULL, "
        "thread TEXT NOT NULL, in_reply_to TEXT, refs TEXT, sender TEXT, sender_name TEXT, "
        "recipients TEXT, copied TEXT, subject TEXT, date TEXT NOT NULL, "
        "mine INTEGER NOT NULL DEFAULT 0, asks INTEGER NOT NULL DEFAULT 0, "
        "PRIMARY KEY (role, message_id))",
        "CREATE INDEX idx_mail_thread ON mail_messages(thread, date)",
        "CREATE INDEX idx_mail_reply_to ON mail_messages(in_reply_to)",
        "CREATE TABLE mail_suggestions (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
        "status TEXT NOT NULL DEFAULT 'open', message_id TEXT NOT NULL, thread TEXT, "
        "sender TEXT, sender_name TEXT, person TEXT, subject TEXT, evidence TEXT, "
        "date TEXT NOT NULL, due TEXT, urgent INTEGER NOT NULL DEFAULT 0, item_id INTEGER, "
        "created TEXT NOT NULL, updated TEXT NOT NULL, UNIQUE (kind, message_id))",
        "CREATE INDEX idx_mail_suggestions ON mail_suggestions(status, date)",
        "CREATE INDEX idx_mail_suggestions_thread ON mail_suggestions(thread)",
        "CREATE TABLE mail_blocked (address TEXT PRIMARY KEY, at TEXT NOT NULL)",
        "CREATE TABLE mail_state (key TEXT PRIMARY KEY, value TEXT)",
    ):
        conn.execute(statement)


def _v7_open_urgent_indexes(conn: sqlite3.Connection) -> None:
    # The window's first page of a big list: overdue and urgent first, by due time, read
    # from these (partial, covering) indexes instead of a lookup in the table per item.
    conn.execute("CREATE INDEX IF NOT EXISTS idx_commitments_open_urgent "
                 "ON commitments(urgent, due, status) WHERE status = 'open'")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_replies_open_urgent "
                 "ON owed_replies(urgent, reply_by, status) WHERE status = 'open'")


def _v8_rhythm(conn: sqlite3.Connection) -> None:
    # Recurring commitments (coach.model.recurrence): every occurrence is its own commitment
    # row carrying the rule, the local wall time of the first occurrence and the zone name,
    # so "Friday 9am" stays 9 am across DST; series_id is the first occurrence's id.
    for column in ("rule TEXT", "rule_start TEXT", "rule_tz TEXT", "series_id INTEGER"):
        conn.execute(f"ALTER TABLE commitments ADD COLUMN {column}")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_commitments_series "
                 "ON commitments(series_id) WHERE series_id IS NOT NULL")
    conn.execute("CREATE TABLE occurrence_skips (id INTEGER PRIMARY KEY, "
                 "series_id INTEGER NOT NULL, due TEXT NOT NULL, at TEXT NOT NULL, note TEXT)")
    # The end-of-day review (coach.rhythm.review): one row per reviewed working day.
    conn.execute("CREATE TABLE reviews (day TEXT PRIMARY KEY, done_at TEXT NOT NULL, "
                 "caught INTEGER NOT NULL DEFAULT 0, caught_what TEXT)")


def _v9_renegotiations(conn: sqlite3.Connection) -> None:
    # Renegotiate: each honest move of a commitment's date, and whether it came before the
    # old due time (the statistics count "renegotiated in time" apart from "late").
    conn.execute(
        "CREATE TABLE renegotiations (id INTEGER PRIMARY KEY, commitment_id INTEGER NOT NULL "
        "REFERENCES commitments(id), at TEXT NOT NULL, old_due TEXT, new_due TEXT NOT NULL, "
        "reason TEXT, in_time INTEGER NOT NULL)")
    conn.execute("CREATE INDEX idx_renegotiations ON renegotiations(commitment_id, at)")
    conn.execute("CREATE INDEX idx_renegotiations_at ON renegotiations(at)")


# A version-4 UUID made by SQLite itself, so every way an item is inserted gets one: 32
# random hex digits first, then shaped (a scalar subquery would be evaluated only once).
_SHAPE_UID = ("substr(uid, 1, 8) || '-' || substr(uid, 9, 4) || '-4' || substr(uid, 14, 3) "
              "|| '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(uid, 18, 3) "
              "|| '-' || substr(uid, 21, 12)")


def _v10_item_uids(conn: sqlite3.Connection) -> None:
    # An item's stable identity across export and import: ids are renumbered on import,
    # so only the UUID tells that an item in a file is one this database already holds.
    for table in ("commitments", "owed_replies", "concerns"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
        conn.execute(f"UPDATE {table} SET uid = lower(hex(randomblob(16)))")
        conn.execute(f"UPDATE {table} SET uid = {_SHAPE_UID}")
        conn.execute(f"CREATE UNIQUE INDEX idx_{table}_uid ON {table}(uid)")
        conn.execute(f"CREATE TRIGGER {table}_uid AFTER INSERT ON {table} "
                     f"WHEN NEW.uid IS NULL BEGIN "
                     f"UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; "
                     f"UPDATE {table} SET uid = {_SHAPE_UID} WHERE id = NEW.id; END")


def _v11_concern_fields(conn: sqlite3.Connection) -> None:
    # A concern's note is a fact or an action only if the user said which: what happened,
    # what I am doing and what I need are fields of their own. The old `note` stays a plain
    # note, never guessed into one of them.
    for column in ("happened", "doing", "need"):
        conn.execute(f"ALTER TABLE concerns ADD COLUMN {column} TEXT")


def _v12_skip_occurrence(conn: sqlite3.Connection) -> None:
    # A skip names the occurrence it moved, so undo (coach.ops.undo, which takes an item's
    # rows by its id) takes the skip back with it. Older skips: the newest occurrence of the
    # series that existed at the time, which is the one that was open and got moved.
    conn.execute("ALTER TABLE occurrence_skips ADD COLUMN commitment_id INTEGER")
    conn.execute(
        "UPDATE occurrence_skips SET commitment_id = (SELECT c.id FROM commitments c WHERE "
        "c.series_id = occurrence_skips.series_id AND c.created <= occurrence_skips.at "
        "ORDER BY c.created DESC, c.id DESC LIMIT 1)")
    conn.execute("CREATE INDEX idx_occurrence_skips_item ON occurrence_skips(commitment_id)")


def _v13_generated_texts(conn: sqlite3.Connection) -> None:
    # Texts the app writes (a get-back title, "sent in a briefing") as a message key plus
    # parameters (coach.wording.texts), so they read in the language shown, not in the one
    # active when they were made. NULL for everything typed by the user and for older rows.
    for table in ("commitments", "owed_replies", "concerns", "concern_log", "mail_suggestions"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN texts TEXT")


# The columns a list reads to judge an item (coach.ops.listing.rows.COLUMNS without the id
# and the generated texts): coach.ops.listing.static keeps the time-independent part of
# urgency with each row, and these triggers forget it when one of them changes.
STATIC_INPUTS = {
    "commitments": ("title", "recipient", "due", "urgent", "note", "status", "created",
                    "from_manager"),
    "owed_replies": ("about", "who", "reply_by", "urgent", "note", "status", "received",
                     "channel"),
    "concerns": ("title", "who", "updated", "heat", "note", "status", "told_heat"),
}


def _v14_static_urgency(conn: sqlite3.Connection) -> None:
    # NULL until a list reads the row (then it is filled in, once): an edit or a new row
    # leaves it NULL again; the stamp names the settings the stored parts were made with.
    conn.execute("CREATE TABLE urgency_static (stamp TEXT)")
    conn.execute("INSERT INTO urgency_static (stamp) VALUES (NULL)")
    for table, inputs in STATIC_INPUTS.items():
        conn.execute(f"ALTER TABLE {table} ADD COLUMN static_points REAL")
        conn.execute(f"ALTER TABLE {table} ADD COLUMN static_flags INTEGER")
        conn.execute(f"CREATE INDEX idx_{table}_static_unset ON {table}(id) "
                     "WHERE static_points IS NULL")
        # Not led by status: the planner would take it for other lists' `status = ?`.
        conn.execute(f"CREATE INDEX idx_{table}_static ON {table}(static_points)")
        conn.execute(
            f"CREATE TRIGGER {table}_static_forget AFTER UPDATE OF {', '.join(inputs)} "
            f"ON {table} BEGIN UPDATE {table} SET static_points = NULL, static_flags = NULL "
            "WHERE id = NEW.id; END")
        # A row put back whole (undo, restore, import) may carry a part made under other
        # settings: it is made afresh.
        conn.execute(
            f"CREATE TRIGGER {table}_static_new AFTER INSERT ON {table} "
            "WHEN NEW.static_points IS NOT NULL OR NEW.static_flags IS NOT NULL "
            f"BEGIN UPDATE {table} SET static_points = NULL, static_flags = NULL "
            "WHERE id = NEW.id; END")


MIGRATIONS: list[Migration] = [_v1, _v2_notification_snooze, _v3_briefing_indexes,
                               _v4_reply_returned_index, _v5_sync, _v6_mail,
                               _v7_open_urgent_indexes, _v8_rhythm,
                               _v9_renegotiations, _v10_item_uids,
                               _v11_concern_fields, _v12_skip_occurrence,
                               _v13_generated_texts,
                               _v14_static_urgency]
SCHEMA_VERSION = len(MIGRATIONS)
