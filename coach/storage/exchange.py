"""Export to and import from a versioned JSON file; calendar export as iCalendar.

Import is all-or-nothing: one transaction, validated row by row before it commits.
Items whose ids are taken already get new ids, and references follow them. An item whose
UUID this database holds already is skipped, so importing a file twice adds nothing.
"""

from __future__ import annotations

import codecs
import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import validate, validate_rows
from coach.storage import files
from coach.storage.migrations import SCHEMA_VERSION
from coach.storage.store import Store
from coach.timing.timeutil import to_db

FORMAT = "trust-coach-export"
FORMAT_VERSION = 1
ITEM_TABLES = ("commitments", "owed_replies", "concerns")
TABLES = ITEM_TABLES + ("promise_checks", "concern_log", "briefings", "settings",
                        "notifications")
MAX_IMPORT_BYTES = 200 * 1024 * 1024


def _columns(store: Store, table: str) -> list[str]:
    return [row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")]


def export_data(store: Store, now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": SCHEMA_VERSION,
        "exported_at": to_db(now),
        "tables": {
            table: [_exported(row) for row in store.conn.execute(
                f"SELECT * FROM {table} ORDER BY 1")]
            for table in TABLES
        },
    }


# Kept by a list to order itself (coach.ops.listing.static), made afresh from the rest:
# not data, so not exported (an older version would refuse the unknown fields).
_DERIVED = ("static_points", "static_flags")


def _exported(row: Any) -> dict[str, Any]:
    values = dict(row)
    for name in _DERIVED:
        values.pop(name, None)
    return values


def refuse_overwrite(path: Path, force: bool) -> None:
    files.check_target(path, force)


def write_file(path: Path, text: str, force: bool = True) -> None:
    """Atomic and private (coach.storage.files); callers check the target first."""
    files.write_text(path, text, force)


def export_file(store: Store, path: Path, now: datetime, force: bool = False) -> int:
    refuse_overwrite(path, force)
    data = export_data(store, now)
    write_file(path, json.dumps(data, ensure_ascii=False, indent=1), force)
    return sum(len(data["tables"][t]) for t in ITEM_TABLES)


def read_export(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CoachError(_("Cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    if size > MAX_IMPORT_BYTES:
        # Checked before reading, so a huge file never lands in memory.
        raise CoachError(_("{path} is too large to import ({mb} MB; at most {limit} MB).").format(
            path=path, mb=size // 2**20, limit=MAX_IMPORT_BYTES // 2**20))
    not_export = _("{path} is not a Trust Coach export.").format(path=path)
    try:
        # A pipe or device (/dev/stdin, /dev/zero) reports size 0: read with a cap, and give
        # up at once when the start is not a JSON object rather than reading on.
        with open(path, "rb") as fh:
            raw = fh.read(64 * 1024)
            if not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                raise CoachError(not_export)
            # Random bytes can start with "{" too: text that is not UTF-8 is no export.
            codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
            raw += fh.read(MAX_IMPORT_BYTES + 1 - len(raw))
        if len(raw) > MAX_IMPORT_BYTES:
            raise CoachError(_("{path} is too large to import (more than {limit} MB).").format(
                path=path, limit=MAX_IMPORT_BYTES // 2**20))
        data = json.loads(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise CoachError(not_export) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CoachError(not_export)
    if not isinstance(data.get("version"), int) or data["version"] > FORMAT_VERSION:
        raise CoachError(_("{path} comes from a newer version of Trust Coach; please update "
                           "the app to import it.").format(path=path))
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
        for rows in tables.values()
    ):
        raise CoachError(not_export)
    return data


_DECLARED = {"TEXT": (str,), "INTEGER": (int,), "FLOAT": (int, float), "REAL": (int, float)}


def _check_types(table: str, row: dict[str, Any], types: dict[str, str]) -> None:
    """Values of the declared column type only: a number where a time belongs would make
    every later `coach list` fail, long after the import said it went well."""
    for name, value in row.items():
        allowed = _DECLARED.get(types.get(name, "").upper())
        if value is not None and allowed and not isinstance(value, allowed):
            raise CoachError(_('The export has a bad value for "{name}" in {table}.').format(
                name=name[:40], table=table))


def import_data(store: Store, data: dict[str, Any]) -> tuple[int, int]:
    """Add everything in the export; returns the number of items added, and of items
    skipped because this database holds them already (the same UUID)."""
    tables = data["tables"]
    id_map: dict[int, int] = {}
    added = skipped = 0
    try:
        with store.write() as conn:
            columns = {t: set(_columns(store, t)) for t in TABLES}
            types = {t: {r[1]: r[2] for r in conn.execute(f"PRAGMA table_info({t})")}
                     for t in TABLES}

            def insert(table: str, row: dict[str, Any], *, or_ignore: bool = False) -> None:
                unknown = set(row) - columns[table]
                if unknown:
                    raise CoachError(_("The export has unknown fields in {table}: {names}.").format(
                        table=table, names=", ".join(sorted(unknown))[:80]))
                _check_types(table, row, types[table])
                row = validate_rows.row(table, row)
                names = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
                conn.execute(f"{verb} INTO {table} ({names}) VALUES ({marks})",
                             tuple(row.values()))

            # Every item's id is decided before anything is inserted, so that references
            # (parent_id, source_id, the checks and the concern log) follow in one pass.
            incoming = []
            for table in ITEM_TABLES:
                for row in tables.get(table, []):
                    if not isinstance(row.get("id"), int) or isinstance(row["id"], bool):
                        raise CoachError(_("The export has an item without an id in {table}.")
                                         .format(table=table))
                    validate.item_id(row["id"])
                    incoming.append((table, dict(row)))
            highest = conn.execute("SELECT value FROM counters WHERE name = 'item'").fetchone()[0]
            for table in ITEM_TABLES:
                highest = max(highest, conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
                              or 0)
            next_free = max([highest] + [row["id"] for _table, row in incoming]) + 1
            used: set[int] = set()
            present: set[int] = set()  # new ids of items this database holds already
            fresh = []
            for table, row in incoming:
                old = row["id"]
                uid = row.get("uid")
                known = conn.execute(f"SELECT id FROM {table} WHERE uid = ?",
                                     (uid,)).fetchone() if isinstance(uid, str) else None
                if known:
                    # The same item, imported before (or never gone): skipped, and anything
                    # in the file that refers to it refers to the one already here.
                    id_map[old] = known[0]
                    present.add(known[0])
                    continue
                taken = old in used or any(
                    conn.execute(f"SELECT 1 FROM {t} WHERE id = ?", (old,)).fetchone()
                    for t in ITEM_TABLES)
                new = next_free if taken else old
                next_free += taken
                used.add(new)
                id_map[old] = new
                row["id"] = new
                fresh.append((table, row))
            references = {"commitments": ("parent_id", "source_id"), "concerns": ("source_id",)}
            for table, row in fresh:
                for name in references.get(table, ()):
                    if row.get(name) is not None:
                        # A reference to an item outside the export would point at a stranger.
                        row[name] = id_map.get(row[name])
                insert(table, row)
                added += 1
            skipped = len(incoming) - len(fresh)
            for row in tables.get("promise_checks", []):
                row = dict(row, commitment_id=id_map.get(row.get("commitment_id"), -1))
                if row["commitment_id"] not in present:
                    insert("promise_checks", row)
            for table, ref in (("concern_log", "concern_id"), ("briefings", None)):
                for row in tables.get(table, []):
                    row = dict(row)
                    if ref:
                        row[ref] = id_map.get(row.get(ref), -1)
                        if row[ref] in present:
                            continue
                    elif conn.execute("SELECT 1 FROM briefings WHERE generated_at IS ? AND "
                                      "text IS ?", (row.get("generated_at"),
                                                    row.get("text"))).fetchone():
                        continue  # this briefing is in the history already
                    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?",
                                    (row.get("id"),)).fetchone():
                        row.pop("id")
                    insert(table, row)
            for table in ("settings", "notifications"):
                for row in tables.get(table, []):
                    insert(table, row, or_ignore=True)
            conn.execute("UPDATE counters SET value = max(value, ?) WHERE name = 'item'",
                         (next_free - 1,))
    except CoachError as exc:
        # Say which part of the file is wrong: the user fixes the file, not the app.
        raise CoachError(_("The export was not imported, nothing was changed: {reason}").format(
            reason=exc)) from None
    except sqlite3.Error as exc:
        from coach.storage.backup import explain_database_error

        raise CoachError(_("The export could not be imported: {reason}").format(
            reason=explain_database_error(exc, store.path.parent))) from None
    return added, skipped


def ics_file(store: Store, path: Path, now: datetime, force: bool = False) -> int:
    """Due times of open commitments and reply-by times of open replies as calendar events."""
    from datetime import timedelta

    from icalendar import Calendar, Event

    from coach import __version__
    from coach.model.commitment import list_open as open_commitments
    from coach.model.owed_reply import list_open as open_replies
    from coach.model.validate import visible

    refuse_overwrite(path, force)
    cal = Calendar()
    cal.add("prodid", f"-//Trust Coach//{__version__}//EN")
    cal.add("version", "2.0")
    count = 0
    for c in open_commitments(store):
        if c.due is None:
            continue
        event = Event()
        event.add("uid", f"commitment-{c.id}@trust-coach")
        # RFC 5545 allows no control characters in text values: shown, never passed on.
        event.add("summary", visible(c.title + (f" → {c.recipient}" if c.recipient else "")))
        event.add("dtstart", c.due)
        event.add("dtend", c.due + timedelta(minutes=15))
        event.add("dtstamp", now)
        if c.note:
            event.add("description", visible(c.note, keep_lines=True))
        cal.add_component(event)
        count += 1
    for r in open_replies(store):
        event = Event()
        event.add("uid", f"reply-{r.id}@trust-coach")
        from coach.wording.german import obj

        event.add("summary", visible(_("Reply to {who}").format(who=obj(r.who))
                                     + (f": {r.about}" if r.about else "")))
        event.add("dtstart", r.reply_by)
        event.add("dtend", r.reply_by + timedelta(minutes=15))
        event.add("dtstamp", now)
        cal.add_component(event)
        count += 1
    write_file(path, cal.to_ical().decode("utf-8"), force)
    return count
