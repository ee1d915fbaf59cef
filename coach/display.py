"""How times and items read for a person: local time, relative phrases, in their language."""

from __future__ import annotations

from datetime import datetime, tzinfo

from coach.i18n import current_language


def _locale() -> str:
    return {"de": "de_DE", "en": "en_GB"}.get(current_language(), "en_GB")


def relative(moment: datetime | None, now: datetime) -> str:
    """'in 2 hours', 'vor 3 Tagen': Babel knows each language's phrasing."""
    if moment is None:
        return ""
    from babel.dates import format_timedelta

    return format_timedelta(moment - now, add_direction=True, locale=_locale(),
                            threshold=1.0)


def local(moment: datetime | None, tz: tzinfo | None = None, fmt: str = "short") -> str:
    if moment is None:
        return ""
    from babel.dates import format_datetime

    from coach.dates import local_tz

    return format_datetime(moment, format=fmt, tzinfo=tz or local_tz(), locale=_locale())
