"""Coaching at capture on the command line: what `coach add`, `reply` and `done` say on stderr.

The words only; the rules they rest on live in the core (dates, promise check, close loop).
"""

from __future__ import annotations

from datetime import datetime

from coach.errors import CoachError
from coach.i18n import _
from coach.rules.capture import for_someone_else


def title_and_due(title: str, due: datetime | None, now: datetime,
                  given: bool) -> tuple[str, datetime | None, list[str]]:
    """Read a trailing date off the title when --due was not given, like quick capture."""
    from coach.timing.dates import split_when
    from coach.timing.display import day_and_time

    notes = []
    if not given:
        rest, found = split_when(title, now)
        if found is not None and rest:
            title, due = rest, found
            notes.append(_('coach: read the due time from the title: {when} ("{title}").')
                         .format(when=day_and_time(found), title=rest))
        else:
            notes.append(_('coach: no due time. A promise without a date is easy to miss; '
                           'add one with --due ("tomorrow 10am").'))
    if due is not None and due < now:
        notes.append(_("coach: the due time has already passed; the commitment is overdue."))
    return title, due, notes


def check_skipped(recipient: str | None) -> list[str]:
    if not for_someone_else(recipient):
        return []
    return [_("coach: the promise check was skipped (it counts as skipped in the "
              "statistics). Run it with --check control=yes,authority=yes,date=yes,"
              "facts=yes,manager=yes, or say --check skip.")]


def check_reply_times(received: datetime, reply_by: datetime | None, now: datetime) -> None:
    """Refuse what cannot be true for a new owed reply."""
    from coach.timing.display import day_and_time

    if received > now:
        raise CoachError(_("It cannot have come in the future ({when}).").format(
            when=day_and_time(received)))
    if reply_by is not None and reply_by < received:
        raise CoachError(_("The reply-by time cannot be before the call or message came in."))
    if reply_by is not None and reply_by < now:
        raise CoachError(_("The reply-by time {when} has already passed; give a later "
                           "one.").format(when=day_and_time(reply_by)))


def close_loop_hint(store, item) -> str | None:
    from coach.model.commitment import Commitment
    from coach.rules import close_loop
    from coach.storage import settings

    if not isinstance(item, Commitment):
        return None  # also None: nothing found
    manager = settings.get(store, "manager_name") or ""
    if not close_loop.needs_loop(item, manager):
        return None
    return _("Close the loop: tell your manager it is done. Suggested message:\n{message}"
             ).format(message=close_loop.message(item, manager))
