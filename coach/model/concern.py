"""Concern (Warnsignal): a situation heating up that the manager should hear about early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from coach.errors import CoachError
from coach.i18n import _
from coach.model import records
from coach.model.commitment import EMPTY_TITLE, MAX_NOTE, clean_text
from coach.model.labels import HEAT_LABELS  # noqa: F401 - re-exported vocabulary
from coach.storage.store import Store

OPEN, RESOLVED = "open", "resolved"
STATUSES = (OPEN, RESOLVED)
HEAT_MIN, HEAT_MAX = 1, 5


@dataclass
class Concern:
    TABLE: ClassVar[str] = "concerns"
    TIMES: ClassVar[frozenset[str]] = frozenset({"created", "updated", "resolved", "told_at"})
    FLAGS: ClassVar[frozenset[str]] = frozenset()

    title: str
    heat: int
    created: datetime
    updated: datetime
    id: int | None = None
    who: str | None = None
    note: str | None = None
    status: str = OPEN
    resolved: datetime | None = None
    told_at: datetime | None = None
    told_heat: int | None = None
    source_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


@dataclass
class LogEntry:
    TABLE: ClassVar[str] = "concern_log"
    TIMES: ClassVar[frozenset[str]] = frozenset({"at"})
    FLAGS: ClassVar[frozenset[str]] = frozenset()

    concern_id: int
    at: datetime
    kind: str  # created, heat, note, told, resolved
    id: int | None = None
    heat: int | None = None
    note: str | None = None


def check_heat(value: object) -> int:
    try:
        heat = int(str(value))
    except ValueError:
        heat = 0
    if not HEAT_MIN <= heat <= HEAT_MAX:
        raise CoachError(
            _("Heat must be a whole number from {low} to {high}, not {value}.").format(
                low=HEAT_MIN, high=HEAT_MAX, value=value
            )
        )
    return heat


def _log(store: Store, concern: Concern, now: datetime, kind: str,
         note: str | None = None) -> None:
    # The log has its own rowid sequence: its ids are never typed by a user.
    with store.write() as conn:
        conn.execute(
            "INSERT INTO concern_log (concern_id, at, kind, heat, note) VALUES (?, ?, ?, ?, ?)",
            (concern.id, records.to_db(now), kind, concern.heat, note),
        )


def new(title: str, now: datetime, heat: object = 2, **fields) -> Concern:
    title = clean_text(title, EMPTY_TITLE)
    fields["who"] = clean_text(fields.get("who"))
    fields["note"] = clean_text(fields.get("note"), limit=MAX_NOTE)
    return Concern(title=title, heat=check_heat(heat), created=now, updated=now, **fields)


def add(store: Store, concern: Concern) -> Concern:
    with store.write():
        records.insert(store, concern)
        _log(store, concern, concern.created, "created", concern.note)
    return concern


def set_heat(store: Store, concern: Concern, heat: object, now: datetime,
             note: str | None = None) -> Concern:
    heat = check_heat(heat)
    note = clean_text(note, limit=MAX_NOTE)
    with store.write():
        records.update(store, concern, heat=heat, updated=now)
        _log(store, concern, now, "heat", note)
    return concern


def mark_told(store: Store, concern: Concern, now: datetime, note: str | None = None) -> Concern:
    """The manager heard of it at this heat; nudges stay quiet until heat rises again."""
    with store.write():
        records.update(store, concern, told_at=now, told_heat=concern.heat, updated=now)
        _log(store, concern, now, "told", note)
    return concern


def resolve(store: Store, concern: Concern, now: datetime) -> Concern:
    with store.write():
        records.update(store, concern, status=RESOLVED, resolved=now, updated=now)
        _log(store, concern, now, "resolved")
    return concern


def log_of(store: Store, concern_id: int) -> list[LogEntry]:
    return records.select(store, LogEntry, "concern_id = ?", (concern_id,), order="at, id")


def list_open(store: Store, limit: int | None = None) -> list[Concern]:
    return records.select(store, Concern, "status = 'open'", order="heat DESC, updated DESC",
                          limit=limit)
