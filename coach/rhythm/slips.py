"""What slips: an overdue promise is done, renegotiated with an honest message, or dropped
with a note to the recipient. Each returns the message to send (None when done).

Renegotiating closes the old commitment as "renegotiated" (counted apart from late) and
records the new date as a new commitment that points back to it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment
from coach.model.commitment import Commitment
from coach.rhythm.series import CARRIED
from coach.storage.store import Store


def _open(item: Commitment) -> None:
    if not item.is_open:
        raise CoachError(_("Item {id} is already closed ({status}).").format(
            id=item.id, status=_(item.status)))


def _when(moment: datetime | None, now: datetime, tz: tzinfo) -> str:
    from coach.rules.promise_check import say_when

    return say_when(moment, now, tz) if moment else _("the agreed date")


def greeting(who: str | None) -> str:
    return _("Hello {who},").format(who=who) if who else _("Hello,")


def renegotiate_message(item: Commitment, new_due: datetime, now: datetime, tz: tzinfo,
                        reason: str | None = None) -> str:
    lines = [greeting(item.recipient),
             _("I'm sorry: I won't manage “{title}” by {old}.").format(
                 title=item.title, old=_when(item.due, now, tz))]
    if reason:
        lines.append(_("The reason: {reason}.").format(reason=reason.rstrip(".")))
    lines.append(_("I can deliver it by {new}, and I'll tell you at once if anything "
                   "changes.").format(new=_when(new_due, now, tz)))
    return "\n".join(lines)


def drop_message(item: Commitment, note: str | None) -> str:
    lines = [greeting(item.recipient),
             _("I have to let go of “{title}”; I can't keep this promise.").format(
                 title=item.title)]
    if note:
        lines.append(note.strip())
    lines.append(_("I'm sorry, and I wanted you to hear it from me now rather than wait."))
    return "\n".join(lines)


def renegotiate(store: Store, item: Commitment, new_due: datetime, now: datetime, tz: tzinfo,
                reason: str | None = None) -> tuple[Commitment, str]:
    """Close it as renegotiated, record the new date; returns (new commitment, message)."""
    _open(item)
    if new_due <= now:
        raise CoachError(_("The new date must be in the future."))
    reason = commitment.clean_text(reason)
    message = renegotiate_message(item, new_due, now, tz, reason)
    with store.write():
        commitment.close(store, item, now, status=commitment.RENEGOTIATED)
        fields = {name: getattr(item, name) for name in CARRIED}
        moved = Commitment(title=item.title, created=now, updated=now, due=new_due,
                           parent_id=item.id, series_id=item.series_id, **fields)
        commitment.add(store, moved)
    return moved, message


def drop(store: Store, item: Commitment, now: datetime, note: str | None = None) -> str:
    """Drop it (a recurring one's series ends here); returns the note to the recipient."""
    _open(item)
    note = commitment.clean_text(note, limit=commitment.MAX_NOTE)
    message = drop_message(item, note)
    commitment.close(store, item, now, status=commitment.DROPPED)
    return message
