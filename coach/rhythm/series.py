"""Recurring commitments as a series of occurrences: each occurrence is its own commitment.

Completing an occurrence (through coach.ops.finish.finish_item) creates the next one; skipping
one moves the open occurrence to the next date and records the skip. Statistics therefore
count occurrences, never series: every occurrence kept or late is one promise.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, records
from coach.model import recurrence as rec
from coach.model.commitment import Commitment
from coach.storage.store import Store
from coach.timing.timeutil import to_db

# What a new occurrence takes over from the one before it.
CARRIED = ("recipient", "note", "urgent", "confidence", "from_manager", "report_back",
           "rule", "rule_start", "rule_tz")


def new_series(title: str, recurrence: rec.Recurrence, now: datetime,
               **fields: Any) -> Commitment:
    """A recurring commitment whose first occurrence is due at the rule's first time."""
    fields.pop("due", None)
    return commitment.new(title, now, due=recurrence.first(), **rec.to_fields(recurrence),
                          **fields)


def add(store: Store, item: Commitment) -> Commitment:
    """Insert the first occurrence; the series is named after its id."""
    with store.write():
        commitment.add(store, item)
        if item.rule and item.series_id is None:
            records.update(store, item, series_id=item.id)
    return item


def parse_every(text: str, now: datetime, tz: tzinfo, working_days=rec.WORKDAYS,
                ) -> rec.Recurrence:
    return rec.parse(text, now, tz, tuple(working_days))


def continue_after(store: Store, done: Commitment, now: datetime) -> Commitment | None:
    """After an occurrence was finished: the next occurrence, or None for a one-off.

    The next one follows the later of its due time and now, so an occurrence finished late
    does not leave a trail of occurrences that are overdue the moment they appear.
    """
    found = rec.of(done)
    if found is None:
        return None
    after = max(done.due or now, now)
    due = found.after(after)
    if due is None:
        return None
    fields = {name: getattr(done, name) for name in CARRIED}
    nxt = Commitment(title=done.title, created=now, updated=now, due=due,
                     series_id=done.series_id or done.id, **fields)
    commitment.add(store, nxt)
    done.extra["next_id"] = nxt.id
    return nxt


def skip(store: Store, item: Commitment, now: datetime, note: str | None = None) -> Commitment:
    """Skip this occurrence: it moves to the next date, and the skip is recorded."""
    found = rec.of(item)
    if found is None or not item.is_open:
        raise CoachError(_("Item {id} is not an open recurring commitment; only an occurrence "
                           "of a rule can be skipped.").format(id=item.id))
    note = commitment.clean_text(note, limit=commitment.MAX_NOTE)
    skipped = item.due
    due = found.after(max(skipped or now, now))
    with store.write() as conn:
        conn.execute("INSERT INTO occurrence_skips (series_id, commitment_id, due, at, note) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (item.series_id or item.id, item.id, to_db(skipped), to_db(now), note))
        records.update(store, item, due=due, updated=now)
    item.extra["skipped"] = skipped
    return item


def skip_occurrence(store: Store, item_id: object, now: datetime,
                    note: str | None = None):
    """The operation behind `coach skip` and Today's S: what changed, for undo and reloads."""
    from coach.ops.changed import COMMITMENT, of
    from coach.ops.items import require

    with store.write():
        item = require(store, item_id)
        if not isinstance(item, Commitment):
            raise CoachError(_("Item {id} is not a commitment.").format(id=item.id))
        skip(store, item, now, note)
    return of(COMMITMENT, item.id, detail=item)


def skips(store: Store, series_id: int) -> list[dict[str, Any]]:
    return [dict(row) for row in store.conn.execute(
        "SELECT due, at, note FROM occurrence_skips WHERE series_id = ? ORDER BY due",
        (series_id,))]


def occurrence_counts(store: Store, since: datetime, until: datetime) -> dict[str, int]:
    """Occurrences of recurring commitments settled in the period, and skips recorded."""
    lo, hi = to_db(since), to_db(until)
    done, kept = store.conn.execute(
        "SELECT count(*), coalesce(sum(closed <= due), 0) FROM commitments "
        "WHERE rule IS NOT NULL AND status = 'done' AND closed >= ? AND closed <= ?",
        (lo, hi)).fetchone()
    skipped = store.conn.execute(
        "SELECT count(*) FROM occurrence_skips WHERE at >= ? AND at <= ?", (lo, hi)).fetchone()[0]
    series = store.conn.execute(
        "SELECT count(*) FROM commitments WHERE rule IS NOT NULL "
        "AND status = 'open'").fetchone()[0]
    return {"occurrences_done": done, "occurrences_kept_on_time": kept,
            "occurrences_skipped": skipped, "rules_active": series}
