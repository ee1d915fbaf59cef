"""Arithmetic in working time: "4 working hours from Friday 16:00" is Monday 12:00."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from coach.storage.settings import WorkingHours

MAX_DAYS = 400  # a calendar with no working day would otherwise loop forever


def _at(day: datetime, clock, tz: tzinfo) -> datetime:
    return datetime.combine(day.date(), clock, tzinfo=tz)


def add_working_hours(start: datetime, hours: float, wh: WorkingHours, tz: tzinfo) -> datetime:
    """The instant `hours` of working time after `start` (time outside work does not count)."""
    remaining = timedelta(hours=hours)
    cursor = start.astimezone(tz)
    for _ in range(MAX_DAYS):
        if cursor.weekday() in wh.days:
            begin, end = _at(cursor, wh.start, tz), _at(cursor, wh.end, tz)
            if cursor < begin:
                cursor = begin
            if cursor < end:
                # Differences between aware datetimes in one zone are wall-clock based;
                # go through UTC so a DST change inside the working day counts right.
                available = end.astimezone(UTC) - cursor.astimezone(UTC)
                if remaining <= available:
                    return (cursor.astimezone(UTC) + remaining).astimezone(UTC)
                remaining -= available
        next_day = (cursor + timedelta(days=1)).date()
        cursor = datetime.combine(next_day, wh.start, tzinfo=tz)
    return start.astimezone(UTC) + timedelta(hours=hours)


def end_of_working_day_after(start: datetime, days: int, wh: WorkingHours,
                             tz: tzinfo) -> datetime:
    """End of the `days`-th working day after the day of `start`."""
    cursor = start.astimezone(tz)
    found = 0
    for _ in range(MAX_DAYS):
        cursor = datetime.combine((cursor + timedelta(days=1)).date(), wh.end, tzinfo=tz)
        if cursor.weekday() in wh.days:
            found += 1
            if found >= days:
                return cursor.astimezone(UTC)
    return start.astimezone(UTC) + timedelta(days=days)
