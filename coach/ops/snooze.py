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
# The unit words are the date grammar's ("in 2 Stunden"); a snooze takes minutes to days,
# and a bare "m" for minutes.
SECONDS = {"minutes": 60, "hours": 3600, "days": 86400}


def _seconds(word: str) -> int | None:
    from coach.timing.words import UNITS

    unit = "minutes" if word == "m" else UNITS.get(word)
    return SECONDS.get(unit) if unit else None


def parse_until(text: str, now: datetime, tz: tzinfo | None = None) -> datetime:
    """WHEN of `coach snooze`: a duration from now or a time, which must lie ahead."""
    from datetime import timedelta

    from coach.timing.dates import WhenError, parse_when

    phrase = " ".join(str(text).split())
    duration = _DURATION.fullmatch(phrase)
    step = _seconds(duration[2].casefold()) if duration else None
    if step:
        until = now + timedelta(seconds=int(duration[1]) * step)
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
