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


def from_db(value: str | None) -> datetime | None:
    if not value:
        return None
    # fromisoformat reads the stored "...Z" form (Python 3.11+) many times faster than strptime,
    # which matters when a list streams 100,000 rows.
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"stored time without zone: {value!r}")
    return parsed


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
