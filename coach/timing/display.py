"""How times and items read for a person: local time, relative phrases, in their language."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from coach.i18n import _, babel_locale


def first_weekday() -> int:
    """0 = Monday … 6 = Sunday, as the locale's calendars start the week."""
    from babel import Locale

    return Locale.parse(babel_locale()).first_week_day


def _locale() -> str:
    return babel_locale()


def relative(moment: datetime | None, now: datetime) -> str:
    """'in 2 hours', 'vor 3 Tagen': Babel knows each language's phrasing."""
    if moment is None:
        return ""
    from babel.dates import format_timedelta

    if abs(moment - now) < timedelta(minutes=1):
        # Babel says "in 0 seconds" for a change made a moment ago.
        return _("just now")
    return format_timedelta(moment - now, add_direction=True, locale=_locale(),
                            threshold=1.0)


def local(moment: datetime | None, tz: tzinfo | None = None, fmt: str = "short") -> str:
    if moment is None:
        return ""
    from babel.dates import format_datetime

    from coach.timing.dates import local_tz

    return format_datetime(moment, format=fmt, tzinfo=tz or local_tz(), locale=_locale())


def day_and_time(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """'Thu, 26 Nov 2026, 15:00' / 'Do., 26. Nov. 2026, 15:00': each locale's own order."""
    if moment is None:
        return ""
    from babel.dates import format_skeleton, format_time

    from coach.timing.dates import local_tz

    here = moment.astimezone(tz or local_tz())
    return f"{format_skeleton('yMMMEd', here, locale=_locale())}, " \
           f"{format_time(here, 'short', locale=_locale())}"


def decimal(value: float, pattern: str = "0.0") -> str:
    """A number as the locale writes it: '22.0', '22,0'."""
    from babel.numbers import format_decimal

    return format_decimal(value, pattern, locale=_locale())
