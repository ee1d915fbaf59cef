"""Renegotiate (neu vereinbaren): move a commitment's date honestly, with a message.

The new date is recorded with the old one and whether the move came before the old due
time ("in time") or after it (then the promise was already late). The commitment stays open
with the new due time and its reminders start afresh. The message to the recipient is in the
app's language: "I need until Tuesday, 3 pm for …, because …".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from coach.errors import CoachError
from coach.i18n import _
from coach.model import records
from coach.model.commitment import MAX_NOTE, Commitment, clean_text
from coach.storage.store import Store
from coach.timing.timeutil import to_db


@dataclass(frozen=True)
class Renegotiated:
    item: Commitment
    old_due: datetime | None
    in_time: bool
    message: str


def message(item: Commitment, new_due: datetime, reason: str | None,
            tz: tzinfo | None = None) -> str:
    from coach.timing.display import day_and_time

    when = day_and_time(new_due, tz)
    if reason:
        return _("I need until {when} for “{title}”, because {reason}. I am sorry for the "
                 "change.").format(when=when, title=item.title, reason=reason.rstrip("."))
    return _("I need until {when} for “{title}”. I am sorry for the change.").format(
        when=when, title=item.title)


def renegotiate(store: Store, item, new_due: datetime, now: datetime,
                reason: str | None = None, tz: tzinfo | None = None) -> Renegotiated:
    from coach.reminders import notified

    if not isinstance(item, Commitment):
        raise CoachError(_("Item {id} is not a commitment; only promises can be "
                           "renegotiated.").format(id=item.id))
    if not item.is_open:
        raise CoachError(_("Item {id} is already closed ({status}).").format(
            id=item.id, status=_(item.status)))
    if new_due <= now:
        raise CoachError(_("The new date must lie in the future."))
    reason = clean_text(reason, limit=MAX_NOTE)
    old = item.due
    in_time = old is None or now <= old
    with store.write() as conn:
        conn.execute(
            "INSERT INTO renegotiations (commitment_id, at, old_due, new_due, reason, in_time)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (item.id, to_db(now), to_db(old), to_db(new_due), reason, int(in_time)))
        records.update(store, item, due=new_due, updated=now)
        notified.restart(store, item.id)
    return Renegotiated(item, old, in_time, message(item, new_due, reason, tz))


def counts(store: Store, since: datetime, until: datetime) -> dict[str, int]:
    """Renegotiations in a period: before the old due time (in time) and after it (late)."""
    row = store.conn.execute(
        "SELECT COALESCE(SUM(in_time), 0), COALESCE(SUM(1 - in_time), 0) FROM renegotiations "
        "WHERE at >= ? AND at <= ?", (to_db(since), to_db(until))).fetchone()
    return {"in_time": int(row[0]), "late": int(row[1])}
