"""How times and items read for a person: local time, relative phrases, in their language."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo

from coach.i18n import current_language

DEFAULT_LOCALES = {"de": "de_DE", "en": "en_GB"}


def babel_locale() -> str:
    """The locale for dates, numbers and weeks: the system's, if it is in the language shown.

    de_AT or en_US keep their own formats and first weekday; a language chosen against the
    system (COACH_LANG=de on an English system) gets that language's usual country.
    """
    lang = current_language()
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(var, "")
        if not value:
            continue
        code = value.split(".")[0].split("@")[0]
        if code.split("_")[0].lower() == lang and "_" in code:
            from babel import Locale, UnknownLocaleError

            try:
                return str(Locale.parse(code))
            except (ValueError, UnknownLocaleError):
                pass
        break
    return DEFAULT_LOCALES.get(lang, "en_GB")


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
    if abs((moment - now).total_seconds()) < 60:
        from coach.i18n import _

        return _("just now")  # never "in 0 seconds" or "0 seconds ago"
    from babel.dates import format_timedelta

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
