"""Concern (Warnsignal): a situation heating up that the manager should hear about early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from coach.i18n import N_
from coach.model import records, validate
from coach.model.labels import HEAT_LABELS  # noqa: F401 - re-exported vocabulary
from coach.storage.store import Store

OPEN, RESOLVED = "open", "resolved"
HEAT_MIN, HEAT_MAX = validate.HEAT_MIN, validate.HEAT_MAX
# What the briefing tells the manager, each only as the user said it (never read out of the
# note): the field and the label a message about its value names.
ACCOUNT = {"happened": N_("What happened"), "doing": N_("What I am doing"),
           "need": N_("What I need")}


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
    happened: str | None = None
    doing: str | None = None
    need: str | None = None
    # Generated texts as message + parameters (coach.wording.texts); None: all typed.
    texts: str | None = None

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
    # Generated texts as message + parameters (coach.wording.texts); None: all typed.
    texts: str | None = None


def check_heat(value: object) -> int:
    return validate.heat(value)


def _log(store: Store, concern: Concern, now: datetime, kind: str,
         note: str | None = None, message: dict | None = None) -> None:
    """One log entry; a `message` (coach.wording.texts) is a note the app wrote, kept so it
    reads in the language shown."""
    stored = None
    if message is not None:
        from coach.wording import texts

        note, stored = texts.made(texts.NOTE, message)
    # The log has its own rowid sequence: its ids are never typed by a user.
    with store.write() as conn:
        conn.execute(
            "INSERT INTO concern_log (concern_id, at, kind, heat, note, texts) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (concern.id, records.to_db(now), kind, concern.heat, note, stored),
        )


def new(title: str, now: datetime, heat: object = 2, **fields) -> Concern:
    title = validate.title(title)
    fields["who"] = validate.line(fields.get("who"), validate.WHO)
    fields["note"] = validate.note(fields.get("note"))
    for name, label in ACCOUNT.items():
        fields[name] = validate.note(fields.get(name), label)
    return Concern(title=title, heat=check_heat(heat), created=now, updated=now, **fields)


def add(store: Store, concern: Concern) -> Concern:
    with store.write():
        records.insert(store, concern)
        written = None  # the note as the app's message, if the app wrote it
        if concern.texts:
            from coach.wording import texts

            written = texts.load(concern.texts).get(texts.NOTE)
        _log(store, concern, concern.created, "created", concern.note, written)
    return concern


def set_heat(store: Store, concern: Concern, heat: object, now: datetime,
             note: str | None = None, message: dict | None = None) -> Concern:
    heat = check_heat(heat)
    note = validate.note(note)
    with store.write():
        records.update(store, concern, heat=heat, updated=now)
        _log(store, concern, now, "heat", note, message)
    return concern


def mark_told(store: Store, concern: Concern, now: datetime, note: str | None = None,
              message: dict | None = None) -> Concern:
    """The manager heard of it at this heat; nudges stay quiet until heat rises again."""
    with store.write():
        records.update(store, concern, told_at=now, told_heat=concern.heat, updated=now)
        _log(store, concern, now, "told", note, message)
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
