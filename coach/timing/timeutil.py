"""UTC timestamps as stored, and the clock the edges of the app read.

Rules never read the clock themselves; the CLI and the window pass ``now`` in. Tests and
scripts can pin the clock with COACH_NOW (an ISO 8601 time with offset).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from coach.errors import CoachError
from coach.i18n import _
from coach.model import validate

STORED_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def now() -> datetime:
    pinned = os.environ.get("COACH_NOW")
    if pinned:
        try:
            value = datetime.fromisoformat(pinned)
        except ValueError:
            raise CoachError(
                _('COACH_NOW is not an ISO 8601 time: "{value}"').format(value=pinned)
            ) from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return datetime.now(UTC).replace(microsecond=0)


def to_db(value: datetime | None) -> str | None:
    """Stored form: UTC, second precision, sortable as text; out-of-range times refused."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime reached the store")
    return validate.canonical(validate.when(value))


# What a reader gets for a stored time it cannot use (an older version let in years like
# 999 or 9999, or text that is no time at all): the start of 1970, which every calculation
# and every time zone can handle, and which sorts such an item to the top, where the user
# sees it marked as damaged and can fix or delete it. Compared by identity (`is`).
DAMAGED_TIME = datetime(1970, 1, 1, tzinfo=UTC)


def from_db(value: str | None) -> datetime | None:
    """A stored time; never raises, so one damaged row cannot hide every other row."""
    if value is None:
        return None
    # fromisoformat reads the stored "...Z" form (Python 3.11+) many times faster than strptime,
    # which matters when a list streams 100,000 rows.
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return DAMAGED_TIME
    if parsed.tzinfo is None or not validate.YEAR_MIN <= parsed.year <= validate.YEAR_MAX:
        return DAMAGED_TIME
    return parsed


def is_damaged(value: object) -> bool:
    return value is DAMAGED_TIME


def iso(value: datetime | None, tz=None) -> str | None:
    """ISO 8601 with offset, in the user's zone (or the one given)."""
    if value is None:
        return None
    if tz is None:
        from coach.timing.dates import local_tz

        tz = local_tz()
    return value.astimezone(tz).isoformat(timespec="seconds")


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
