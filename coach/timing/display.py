"""How times and items read for a person: local time, relative phrases, in their language."""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo

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

    seconds = (moment - now).total_seconds()
    if abs(seconds) < 60:
        return _within_a_minute(seconds)
    return _phrases(now, _locale())(moment)


def _within_a_minute(seconds: float) -> str:
    # Babel says "in 0 seconds" for a change made a moment ago; and a promise due in 28
    # seconds is not due "just now" (a reminder sent before its due time said so).
    return _("in under a minute") if seconds > 0 else _("just now")


@functools.lru_cache(maxsize=4)
def _phrases(now: datetime, locale: str) -> Relative:
    # A reminder pass words thousands of times against one `now`: each phrase once.
    return Relative(now, locale)


@functools.lru_cache(maxsize=8)
def _parsed(name: str):
    """Babel's Locale for a name, made once: Babel parses the name anew on every call."""
    from babel import Locale

    return Locale.parse(name)


class Relative:
    """relative() for many times against one `now`, as a long list needs it.

    Babel's phrase depends only on the direction, the unit and the rounded count, so each
    distinct phrase is formatted once (a list of 50,000 items has a few hundred), and the
    locale is looked up once rather than per row.
    """

    def __init__(self, now: datetime, locale: str | None = None) -> None:
        from babel.dates import TIMEDELTA_UNITS

        self.now = now
        self.locale = _parsed(locale or _locale())
        self._units = TIMEDELTA_UNITS
        self._phrases: dict[tuple, str] = {}

    def __call__(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        seconds = (moment - self.now).total_seconds()
        size = abs(seconds)
        if size < 60:  # as relative(): never "in 0 seconds"
            return _within_a_minute(seconds)
        for unit, per in self._units:  # babel's own choice of unit (threshold 1.0)
            value = size / per
            if value >= 1.0 or unit == "second":
                if unit == "second" and value > 0:
                    value = max(1.0, value)
                key = (seconds >= 0, unit, int(round(value)))
                break
        phrase = self._phrases.get(key)
        if phrase is None:
            from babel.dates import format_timedelta

            phrase = self._phrases[key] = format_timedelta(
                moment - self.now, add_direction=True, locale=self.locale, threshold=1.0)
        return phrase


def local(moment: datetime | None, tz: tzinfo | None = None, fmt: str = "short") -> str:
    if moment is None:
        return ""
    from babel.dates import format_datetime

    from coach.timing.dates import local_tz

    return format_datetime(moment, format=fmt, tzinfo=tz or local_tz(), locale=_locale())


def long_day(day: date) -> str:
    """'Thursday, November 26, 2026' / 'Donnerstag, 26. November 2026': a day named in full,
    in the locale's own order (a local date: the caller has already taken it in local time)."""
    from babel.dates import format_date

    return format_date(day, "full", locale=_locale())


def day_of_year(day: date) -> str:
    """'Thursday, 26 November' / 'Donnerstag, 26. November' / 'Thursday, November 26': the
    locale's full date without its year (a fixed pattern would drop German's "26.")."""
    import re

    from babel import Locale
    from babel.dates import format_date

    locale = _locale()
    pattern = Locale.parse(locale).date_formats["full"].pattern
    return format_date(day, re.sub(r"[,\s]*y+\.?", "", pattern).strip(" ,"), locale=locale)


def day_and_time(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """'Thu, 26 Nov 2026, 15:00' / 'Do., 26. Nov. 2026, 15:00': each locale's own order."""
    if moment is None:
        return ""
    from babel.dates import format_skeleton, format_time

    from coach.timing.dates import local_tz

    here = moment.astimezone(tz or local_tz())
    return f"{format_skeleton('yMMMEd', here, locale=_locale())}, " \
           f"{format_time(here, 'short', locale=_locale())}"


class DayAndTime:
    """day_and_time() for many times, as a long list needs it: the day's words are made
    once per day and the clock time once per minute, each by Babel as day_and_time does."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        from coach.timing.dates import local_tz

        self.tz = tz or local_tz()
        self.locale = _locale()
        self._days: dict = {}
        self._times: dict = {}

    def __call__(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        from babel.dates import format_skeleton, format_time

        here = moment.astimezone(self.tz)
        day = self._days.get(here.date())
        if day is None:
            day = self._days[here.date()] = format_skeleton("yMMMEd", here, locale=self.locale)
        clock = self._times.get((here.hour, here.minute))
        if clock is None:
            clock = self._times[(here.hour, here.minute)] = format_time(
                here, "short", locale=self.locale)
        return f"{day}, {clock}"


def decimal(value: float, pattern: str = "0.0") -> str:
    """A number as the locale writes it: '22.0', '22,0'."""
    from babel.numbers import format_decimal

    return format_decimal(value, pattern, locale=_locale())
