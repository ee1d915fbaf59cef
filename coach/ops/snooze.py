"""Snooze: the next reminder about a commitment or an owed reply waits until a later time.

The item itself does not change (its due or reply-by time stays what was promised); only the
record of what was notified learns when to speak again. A duration ("2h", "2 Stunden",
"90 min") counts from now; anything else is a time ("tomorrow 9am", "15:00").
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from coach.errors import CoachError
from coach.i18n import _
from coach.storage.store import Store

_DURATION = re.compile(r"(\d{1,4})\s*([^\W\d_]+)\.?", re.UNICODE)
UNITS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "minute", "minuten"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"), 3600),
    **dict.fromkeys(("d", "day", "days", "tag", "tage", "tagen"), 86400),
}


def parse_until(text: str, now: datetime, tz: tzinfo | None = None) -> datetime:
    """WHEN of `coach snooze`: a duration from now or a time, which must lie ahead."""
    from datetime import timedelta

    from coach.timing.dates import WhenError, parse_when

    phrase = " ".join(str(text).split())
    duration = _DURATION.fullmatch(phrase)
    if duration and duration[2].casefold() in UNITS:
        until = now + timedelta(seconds=int(duration[1]) * UNITS[duration[2].casefold()])
    else:
        try:
            until = parse_when(phrase, now, tz)
        except WhenError as exc:
            raise CoachError(str(exc)) from None
    if until <= now:
        raise CoachError(_("The snooze must end in the future, not {when}.").format(
            when=phrase))
    return until


def snooze(store: Store, item_id: int, until: datetime, now: datetime):
    """Hold the reminders of an open commitment or owed reply until `until`."""
    from coach.model.concern import Concern
    from coach.ops.items import find
    from coach.reminders import notified

    item = find(store, item_id)
    if item is None:
        raise CoachError(_("There is no item with id {id}.").format(id=item_id))
    if isinstance(item, Concern):
        raise CoachError(_("Item {id} is a concern; only commitments and owed replies "
                           "have reminders to snooze.").format(id=item.id))
    if not item.is_open:
        raise CoachError(_("Item {id} is already closed ({status}).").format(
            id=item.id, status=_(item.status)))
    notified.snooze(store, item.id, until, now, key=notified.key_for(item))
    return item
