"""Whole rows as an import brings them, checked column by column with coach.model.validate.

Kept apart from the field checks only for size; the rules themselves live in validate.
"""

from __future__ import annotations

import json
import math
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import validate as v

TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "commitments": ("due", "created", "updated", "closed", "loop_closed"),
    "owed_replies": ("received", "reply_by", "returned", "created", "updated"),
    "concerns": ("created", "updated", "resolved", "told_at"),
    "concern_log": ("at",),
    "promise_checks": ("checked_at",),
    "briefings": ("generated_at", "sent_at"),
    "notifications": ("first_at", "last_at", "snoozed_until"),
}
_ID_COLUMNS = frozenset({"id", "parent_id", "source_id", "concern_id", "commitment_id",
                         "item_id"})
_FLAG_COLUMNS = frozenset({"urgent", "from_manager", "report_back", "awaiting_ok",
                           "reply_by_manual"})
MAX_BRIEFING = 2_000_000


def _one_of(*choices: str | None):
    def check(key: str, value: object) -> object:
        if value not in choices:
            raise CoachError(_('"{value}" is not allowed for "{name}"; use one of: {choices}.')
                             .format(value=v.shown(value), name=key,
                                     choices=", ".join(str(c) for c in choices if c)))
        return value
    return check


def _optional_heat(_key: str, value: object) -> int | None:
    return None if value is None else v.heat(value)


def _confidence(key: str, value: object) -> float | None:
    if value is not None and not (isinstance(value, int | float) and not isinstance(value, bool)
                                  and 0 <= value <= 1):
        raise CoachError(_('"{name}" must be a number from 0 to 1, not {value}.').format(
            name=key, value=v.shown(value)))
    return None if value is None else v.number(key, value, 0, 1, whole=False)


_COLUMN_RULES: dict[str, dict[str, Any]] = {
    "commitments": {
        "title": lambda _k, x: v.title(x), "recipient": lambda _k, x: v.line(x, v.RECIPIENT),
        "note": lambda _k, x: v.note(x), "status": lambda _k, x: v.status("commitment", x),
        "outcome": _one_of(None, "kept", "late", "renegotiated", "dropped"),
        "loop_state": _one_of(None, "pending", "told", "briefing"),
        "confidence": _confidence,
    },
    "owed_replies": {
        "who": lambda _k, x: v.name(x, v.WHO), "about": lambda _k, x: v.line(x, v.ABOUT),
        "note": lambda _k, x: v.note(x), "channel": lambda _k, x: v.channel(x),
        "status": lambda _k, x: v.status("reply", x),
    },
    "concerns": {
        "title": lambda _k, x: v.title(x), "who": lambda _k, x: v.line(x, v.WHO),
        "note": lambda _k, x: v.note(x), "heat": lambda _k, x: v.heat(x),
        "told_heat": _optional_heat, "status": lambda _k, x: v.status("concern", x),
        "happened": lambda _k, x: v.note(x), "doing": lambda _k, x: v.note(x),
        "need": lambda _k, x: v.note(x),
    },
    "concern_log": {
        "kind": _one_of("created", "heat", "note", "told", "resolved"),
        "heat": _optional_heat, "note": lambda _k, x: v.note(x),
    },
    "promise_checks": {
        "result": _one_of("safe", "own-part", "not-yet", "skipped"),
        "answers": lambda k, x: v.text(x, k, limit=v.MAX_NOTE, multiline=True),
    },
    "briefings": {
        "lang": _one_of(None, "en", "de"),
        "format": _one_of(None, "text", "markdown", "html", "json"),
        "text": lambda k, x: v.text(x, k, required=True, limit=MAX_BRIEFING, multiline=True),
        "payload": lambda k, x: v.text(x, k, limit=MAX_BRIEFING, multiline=True),
    },
}


def row(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """One imported row checked column by column; times come back in the stored form.

    Columns without a rule of their own still may not carry a number SQLite cannot hold or
    text it cannot store; the store's own constraints catch the rest.
    """
    if table == "settings":
        return _settings_row(values)
    rules = _COLUMN_RULES.get(table, {})
    times = TIME_COLUMNS.get(table, ())
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key in rules:
            value = rules[key](key, value)
        elif key in times:
            value = None if value is None else v.stored_time(value, key)
        elif key in _ID_COLUMNS:
            value = None if value is None else v.item_id(value)
        elif key in _FLAG_COLUMNS:
            value = _one_of(0, 1, False, True, None)(key, value)
        elif isinstance(value, int) and not isinstance(value, bool):
            if not -v.ID_MAX - 1 <= value <= v.ID_MAX:
                raise CoachError(_('"{name}": the number {value} is too large to store (at most '
                                   '{high}).').format(name=key, value=v.shown(value),
                                                      high=v.ID_MAX))
        elif isinstance(value, float) and not math.isfinite(value):
            raise CoachError(_('"{name}" holds a number that is not finite.').format(name=key))
        elif isinstance(value, str):
            v.text(value, key, limit=v.MAX_NOTE, multiline=True)  # checked, kept as it is
        clean[key] = value
    return clean


def _settings_row(values: dict[str, Any]) -> dict[str, Any]:
    key, raw = values.get("key"), values.get("value")
    try:
        decoded = json.loads(raw) if isinstance(raw, str) else None
    except (ValueError, RecursionError):
        decoded = None
    if not isinstance(raw, str) or (decoded is None and raw.strip() != "null"):
        raise CoachError(_('Setting "{key}" is not stored as JSON.').format(key=v.shown(key)))
    from coach.storage.settings import DEFAULTS

    return {**values, "value": json.dumps(v.setting(key, decoded, DEFAULTS),
                                          ensure_ascii=False)}
