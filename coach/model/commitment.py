"""Commitment (Zusage): something you promised someone, by when, and how it ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from coach.i18n import N_
from coach.model import records, validate
from coach.storage.store import Store

OPEN, DONE, RENEGOTIATED, DROPPED = "open", "done", "renegotiated", "dropped"
STATUSES = (OPEN, DONE, RENEGOTIATED, DROPPED)
STATUS_LABELS = {
    OPEN: N_("open"), DONE: N_("done"), RENEGOTIATED: N_("renegotiated"), DROPPED: N_("dropped"),
}
# How a closed commitment ended, for calibrating the promise check.
KEPT, LATE = "kept", "late"
OUTCOMES = (KEPT, LATE, RENEGOTIATED, DROPPED)

MAX_TITLE, MAX_NOTE = validate.MAX_TITLE, validate.MAX_NOTE


@dataclass
class Commitment:
    TABLE: ClassVar[str] = "commitments"
    TIMES: ClassVar[frozenset[str]] = frozenset({"due", "created", "updated", "closed",
                                                 "loop_closed"})
    FLAGS: ClassVar[frozenset[str]] = frozenset({"urgent", "from_manager", "report_back",
                                                 "awaiting_ok"})

    title: str
    created: datetime
    updated: datetime
    id: int | None = None
    recipient: str | None = None
    due: datetime | None = None
    note: str | None = None
    urgent: bool = False
    status: str = OPEN
    closed: datetime | None = None
    outcome: str | None = None
    confidence: float | None = None
    from_manager: bool = False
    report_back: bool = False
    loop_closed: datetime | None = None
    awaiting_ok: bool = False
    parent_id: int | None = None
    # Close the loop: None, "pending" (tell the manager), "told", or "briefing" (next briefing)
    loop_state: str | None = None
    source_id: int | None = None  # the owed reply it came from, if any
    # Recurring (coach.model.recurrence): RRULE, first wall time, zone; first occurrence's id.
    rule: str | None = None
    rule_start: str | None = None
    rule_tz: str | None = None
    series_id: int | None = None
    # Generated texts as message + parameters (coach.wording.texts); None: all typed.
    texts: str | None = None
    extra: dict = field(default_factory=dict, metadata={"stored": False})

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


EMPTY_TITLE = N_("The title must not be empty.")
EMPTY_NAME = N_("The name must not be empty.")


def clean_text(value: str | None, empty_message: str | None = None,
               limit: int = MAX_TITLE) -> str | None:
    """Kept for callers not yet moved to coach.model.validate, which holds the rules."""
    return validate.text(value, validate.TITLE if empty_message else None,
                         required=bool(empty_message), limit=limit, multiline=limit > MAX_TITLE)


def new(title: str, now: datetime, **fields) -> Commitment:
    title = validate.title(title)
    fields["recipient"] = validate.line(fields.get("recipient"), validate.RECIPIENT)
    fields["note"] = validate.note(fields.get("note"))
    return Commitment(title=title, created=now, updated=now, **fields)


def add(store: Store, commitment: Commitment) -> Commitment:
    return records.insert(store, commitment)


def get(store: Store, item_id: int) -> Commitment | None:
    return records.fetch(store, Commitment, item_id)


def close(store: Store, commitment: Commitment, now: datetime, status: str = DONE,
          outcome: str | None = None) -> Commitment:
    """Close it and record how it ended: kept on time or late, unless the caller knows."""
    if outcome is None:
        if status == DONE:
            late = commitment.due is not None and now > commitment.due
            outcome = LATE if late else KEPT
        else:
            outcome = status
    return records.update(store, commitment, status=status, closed=now, outcome=outcome,
                          updated=now)


def list_open(store: Store, limit: int | None = None) -> list[Commitment]:
    return records.select(store, Commitment, "status = 'open'",
                          order="due IS NULL, due, id", limit=limit)
