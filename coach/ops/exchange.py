"""Import as a user action: every row of the file passes the checks a typed command passes,
with the same message, before anything is written; then one transaction adds it all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, concern, owed_reply
from coach.model.commitment import EMPTY_NAME, EMPTY_TITLE, MAX_NOTE, clean_text
from coach.ops import items
from coach.ops.changed import BRIEFING, ITEM_KINDS, SETTINGS, Changed
from coach.storage import settings
from coach.storage.store import Store

# Each item table's text fields: (name, message when empty or None, limit).
_TEXT = {
    "commitments": (("title", EMPTY_TITLE, None), ("recipient", None, None),
                    ("note", None, MAX_NOTE)),
    "owed_replies": (("who", EMPTY_NAME, None), ("about", None, None), ("note", None, MAX_NOTE)),
    "concerns": (("title", EMPTY_TITLE, None), ("who", None, None), ("note", None, MAX_NOTE)),
}
_STATUSES = {"commitments": commitment.STATUSES, "owed_replies": owed_reply.STATUSES,
             "concerns": concern.STATUSES}
INT_LIMIT = 2**63  # SQLite's integers; a bigger one would fail deep inside the driver


def _check_id(value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise CoachError(_('"{id}" is not an item id (ids are whole numbers).').format(
            id=str(value)[:40]))
    items.parse_id(value)  # the command line's limit, with its message


def check_row(table: str, row: dict[str, Any]) -> None:
    """The command line's checks, for one row of an export file."""
    for name, value in row.items():
        if isinstance(value, int) and not isinstance(value, bool) \
                and not -INT_LIMIT <= value < INT_LIMIT:
            if name == "id" or name.endswith("_id"):
                _check_id(value)
            raise CoachError(_('The export has a bad value for "{name}" in {table}.').format(
                name=name[:40], table=table))
    if table in _TEXT:
        _check_id(row.get("id"))
        for name in ("parent_id", "source_id"):
            _check_id(row.get(name))
        for name, empty, limit in _TEXT[table]:
            if name in row or empty:
                clean_text(_text(table, name, row.get(name)), empty,
                           **({"limit": limit} if limit else {}))
        if "status" in row:
            commitment.check_status(row["status"], _STATUSES[table])
    if table == "owed_replies" and "channel" in row:
        owed_reply.check_channel(_text(table, "channel", row["channel"]))
    if table in ("concerns", "concern_log") and row.get("heat") is not None:
        concern.check_heat(row["heat"])
    if table == "concerns" and row.get("told_heat") is not None:
        concern.check_heat(row["told_heat"])
    if table == "concern_log" and row.get("note") is not None:
        clean_text(_text(table, "note", row["note"]), limit=MAX_NOTE)
    if table == "settings":
        value = row.get("value")
        if not isinstance(row.get("key"), str) or not isinstance(value, str):
            raise CoachError(_("The export has a bad setting in {table}.").format(table=table))
        settings.parse(row["key"], value)


def _text(table: str, name: str, value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise CoachError(_('The export has a bad value for "{name}" in {table}.').format(
            name=name, table=table))
    return value


def import_data(store: Store, data: dict[str, Any]) -> Changed:
    """Add everything in an export (already read); `detail` is the number of items added."""
    from coach.storage import exchange

    for table, rows in data["tables"].items():
        for row in rows:
            check_row(table, row)
    added = exchange.import_data(store, data)
    return Changed(frozenset(ITEM_KINDS) | {BRIEFING, SETTINGS}, detail=added)


def import_file(store: Store, path: Path) -> Changed:
    from coach.storage import exchange

    return import_data(store, exchange.read_export(path))
