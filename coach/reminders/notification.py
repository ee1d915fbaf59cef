"""What the scheduler hands to the notifiers, and the record of what was already notified.

Plain data, imported by every source (replies, commitments, concerns, briefing, digest,
review) and by the scheduler that combines them; it imports none of them, so the package has
no cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import cached_property

from coach.i18n import N_
from coach.storage.settings import WorkingHours

ACTION_LABELS = {
    "returned": N_("Mark returned"),
    "done": N_("Done"),
    "snooze": N_("Snooze 1 h"),
    "renegotiate": N_("Ask for more time"),
    "open": N_("Open"),
    "brief": N_("Brief now"),  # concern nudge: open the briefing with that concern on top
    "review": N_("Start the review"),  # the end-of-day review (or its catch-up) in the window
}
SNOOZE = timedelta(hours=1)


@dataclass(frozen=True)
class Notification:
    key: str  # what a later notification about the same thing replaces
    kind: str
    title: str
    body: str
    item_ids: tuple[int, ...]
    actions: tuple[str, ...] = ()
    urgent: bool = False
    # Rows of the "what was notified" record that delivery updates.
    record_keys: tuple[str, ...] = ()
    line: str = ""  # how this one reads as a line of a grouped notification
    # The item each record row belongs to (finishing it forgets the row); by default the
    # item_ids in order. The digest names many items but its row belongs to none.
    record_items: tuple[int | None, ...] | None = None

    def records(self) -> list[tuple[str, int | None]]:
        items = self.item_ids if self.record_items is None else self.record_items
        return list(zip(self.record_keys, items, strict=False))


@dataclass(frozen=True, slots=True)
class Notified:
    """One row of the record: when a thing was first and last notified, and how often.

    Slots: a pass that finds 50,000 items due again keeps each one's row until the
    notifications are out (Claim.previous), and a row without a __dict__ is half the size.
    """

    key: str
    item_id: int | None
    first_at: datetime
    last_at: datetime
    count: int
    snoozed_until: datetime | None = None


class Deferred:
    """A due notification not worded yet: what grouping needs, and how to word it.

    On a big database thousands of items fall due in one pass and are grouped into one
    notification that words five of them; wording each one (and holding the words) cost
    seconds and tens of MB. `note` words it, once; the scheduler does so for what it sends
    on its own and for the lines a group shows.
    """

    __slots__ = ("_args", "_make", "_note", "item_ids", "key", "kind", "urgent")

    def __init__(self, key: str, kind: str, item_id: int, urgent: bool,
                 make: Callable[..., Notification], *args) -> None:
        self.key, self.kind, self.item_ids, self.urgent = key, kind, (item_id,), urgent
        self._make: Callable[..., Notification] | None = make
        self._args = args  # make(*args) words it
        self._note: Notification | None = None

    @property
    def record_keys(self) -> tuple[str, ...]:
        return (self.key,)

    @property
    def note(self) -> Notification:
        if self._note is None:
            self._note = self._make(*self._args)
            self._make, self._args = None, ()
        return self._note

    @property
    def line(self) -> str:
        return self.note.line

    @property
    def title(self) -> str:
        return self.note.title


class Gathered:
    """The due notifications of one kind, as a grouped notification needs them.

    A first pass over a big database finds tens of thousands due at once; a group words only
    its first `limit` lines, so only those are kept whole, and of the others only what the
    group lists: their items, their record keys, whether any is urgent, and how many.
    """

    __slots__ = ("count", "item_ids", "limit", "record_keys", "shown", "urgent")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.shown: list[Notification | Deferred] = []
        self.count = 0
        self.item_ids: list[int] = []
        self.record_keys: list[str] = []
        self.urgent = False

    @classmethod
    def of(cls, notes, limit: int) -> Gathered:
        found = cls(limit)
        for note in notes:
            found.add(note)
        return found

    def add(self, note: Notification | Deferred) -> None:
        if len(self.shown) < self.limit:
            self.shown.append(note)
        self.count += 1
        self.item_ids.extend(note.item_ids)
        self.record_keys.extend(note.record_keys)
        self.urgent = self.urgent or bool(note.urgent)


def worded(note: Notification | Deferred) -> Notification:
    return note.note if isinstance(note, Deferred) else note


@dataclass(frozen=True)
class Candidate:
    """Something that wants to be notified at `at` (already moved out of quiet/pause)."""

    key: str
    kind: str
    at: datetime
    single: Notification | Deferred | None


@dataclass(frozen=True)
class Plan:
    due: list[Notification] = field(default_factory=list)
    next_wake: datetime | None = None


@dataclass(frozen=True)
class Context:
    values: Mapping
    now: datetime
    tz: tzinfo
    notified: Mapping[str, Notified]

    @cached_property
    def hours(self) -> WorkingHours:
        # Asked once per item and candidate: read from the settings once per pass.
        return WorkingHours.from_settings(self.values)

    @cached_property
    def deadlines(self) -> dict:
        """advice → its deadline at `now` (coach.reminders.quiet.advice_deadline)."""
        return {}


def after_delivery(record: Notified | None, key: str, item_id: int | None,
                   now: datetime) -> Notified:
    """The record row once a notification about `key` was delivered at `now`."""
    if record is None:
        return Notified(key=key, item_id=item_id, first_at=now, last_at=now, count=1)
    return Notified(key=key, item_id=item_id, first_at=record.first_at, last_at=now,
                    count=record.count + 1, snoozed_until=record.snoozed_until)
