"""Due times typed by people ("tomorrow 10am", "morgen 10 Uhr") turned into UTC instants.

A small own grammar covers the common English and German forms, because dateparser gets
several of them wrong in German. dateparser is only the last resort in ``parse_when``.
Every wall time is built in the user's zone and returned as an aware UTC datetime.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

MAX_LEN = 200
DEFAULT_HOUR = 17  # a day without a time means the end of the working day


def _(message: str) -> str:
    # The catalog may be unavailable (early start-up, stripped installs); never fail on that.
    try:
        from coach.i18n import _ as t
    except ImportError:
        return message
    return t(message)


class WhenError(ValueError):
    """A phrase that is not a date we can be sure about; ``phrase`` is what the user typed."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        shown = " ".join(phrase.split())  # one line, even for pasted text
        if len(shown) > 40:
            shown = shown[:39] + "…"
        super().__init__(_('Cannot understand the date "{phrase}".').format(phrase=shown))


def local_tz() -> tzinfo:
    """The user's zone: $TZ if it names a zone, else the system's, else UTC."""
    name = os.environ.get("TZ", "").strip().lstrip(":")  # POSIX allows ":Europe/Berlin"
    if name:
        try:
            return ZoneInfo(name)
        except (KeyError, ValueError, OSError):
            pass
    try:
        import tzlocal

        return tzlocal.get_localzone()
    except Exception:  # a broken system zone must not stop the app; UTC is honest
        return UTC


def format_iso(dt: datetime, tz: tzinfo | None = None) -> str:
    """ISO 8601 with offset in ``tz`` (default: local), to the second."""
    if dt.tzinfo is None:
        raise ValueError("format_iso needs a timezone-aware datetime")
    return dt.astimezone(tz or local_tz()).isoformat(timespec="seconds")


_VAGUE_RE = re.compile(
    r"\b(?:soon|asap|when you can|whenever|later|some ?time|some day|someday|eventually"
    r"|at some point|bald|baldmoeglichst|demnaechst|so schnell wie moeglich|zeitnah"
    r"|so ?bald wie moeglich|irgendwann|spaeter|bei gelegenheit)\b"
)


def is_vague(text: str) -> bool:
    """True if the text names no concrete time, only a wish ("soon", "bald", "asap")."""
    return bool(_VAGUE_RE.search(_normalize(text)))


def _normalize(text: str) -> str:
    s = text.lower()
    # Umlauts folded so "naechsten" and "nächsten" are the same word.
    for umlaut, ascii_form in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(umlaut, ascii_form)
    s = re.sub(r"[,;]", " ", s)
    return " ".join(s.split()).rstrip(".!").strip()


_WEEKDAYS = {
    name: i
    for names in (
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    )
    for i, name in enumerate(names)
} | {"sonnabend": 5}
_MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "jaenner": 1, "feb": 2, "february": 2, "februar": 2,
    "mar": 3, "march": 3, "maerz": 3, "mrz": 3, "apr": 4, "april": 4, "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7, "juli": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "okt": 10, "oktober": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12, "dez": 12, "dezember": 12,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1,
    "two": 2, "zwei": 2, "three": 3, "drei": 3, "four": 4, "vier": 4, "five": 5, "fuenf": 5,
    "six": 6, "sechs": 6, "seven": 7, "sieben": 7, "eight": 8, "acht": 8, "nine": 9,
    "neun": 9, "ten": 10, "zehn": 10, "twelve": 12, "zwoelf": 12,
}  # fmt: skip
_UNITS = {
    **dict.fromkeys(("min", "mins", "minute", "minutes", "minuten"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"), "hours"),
    **dict.fromkeys(("d", "day", "days", "tag", "tage", "tagen"), "days"),
    **dict.fromkeys(("w", "wk", "week", "weeks", "woche", "wochen"), "weeks"),
}
# Day parts as hours; "morgen" is only a day part after a day word ("heute Morgen").
_DAYPARTS = {
    **dict.fromkeys(("morning", "in the morning", "morgens", "frueh", "vormittag",
                     "vormittags", "am morgen", "am vormittag"), 9),
    **dict.fromkeys(("noon", "at noon", "midday", "mittag", "mittags", "zu mittag"), 12),
    **dict.fromkeys(("afternoon", "in the afternoon", "nachmittag", "nachmittags",
                     "am nachmittag"), 14),
    **dict.fromkeys(("evening", "in the evening", "abend", "abends", "am abend"), 19),
}  # fmt: skip
_FIXED_DAYS = {  # phrase -> (days from today, hour)
    "today": (0, None), "heute": (0, None), "tomorrow": (1, None), "morgen": (1, None),
    "day after tomorrow": (2, None), "the day after tomorrow": (2, None),
    "uebermorgen": (2, None), "tonight": (0, 19), "this morning": (0, 9),
    "this afternoon": (0, 14), "this evening": (0, 19),
    **dict.fromkeys(("end of day", "end of the day", "eod", "end of business", "cob",
                     "close of business", "feierabend", "ende des tages"), (0, 17)),
}  # fmt: skip
_NEXT_WEEK = {"next week", "naechste woche", "kommende woche"}
_END_OF_WEEK = {"end of week", "end of the week", "end of this week", "eow",
                "ende der woche", "ende dieser woche"}  # fmt: skip
# Leading words that only say "due at": dropped before parsing.
_CONNECTORS = {"by", "bis", "until", "till", "on", "am", "zum", "due", "spaetestens"}

_WEEKDAY_RE = re.compile(
    r"(?:(?:on|am) )?(?:(next|this|coming|naechste[nr]?|kommende[nr]?|diese[nr]?) )?([a-z]+)"
)
_DMY_RE = re.compile(r"(?:(?:on|am) )?([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}|[0-9]{2}))?")
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DAY_MONTH_RE = re.compile(
    r"(?:(?:on|am|the) )?([0-9]{1,2})(?:\.|st|nd|rd|th)? (?:of )?([a-z]+)\.?(?: ([0-9]{4}))?"
)
_MONTH_DAY_RE = re.compile(r"([a-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?(?: ([0-9]{4}))?")
_CLOCK_RE = re.compile(
    r"(?P<at>(?:at|um|gegen|@) ?)?(?P<h>[0-9]{1,2})(?:(?P<sep>[:.])(?P<m>[0-9]{2}))?"
    r" ?(?P<suf>a\.?m\.?|p\.?m\.?|uhr|o'?clock)?"
)
_ISO_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[t ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(?:\.[0-9]+)?"
    r" ?(z|[+-][0-9]{2}:?[0-9]{2})?"
)
_RELATIVE_RE = re.compile(r"in ([0-9]{1,6}|[a-z]+) ?([a-z]+)")
_HALF_HOUR = {"in half an hour", "in a half hour", "in einer halben stunde"}
_COMPOUND_RE = re.compile(  # "Freitagabend" is "Freitag abend"
    r"\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
    r"(morgen|vormittag|mittag|nachmittag|abend)\b"
)


def _wall(day: date, hour: int, minute: int, tz: tzinfo) -> datetime:
    # fold=0: a time skipped by spring-forward lands after the gap (02:30 -> 03:30 CEST),
    # a time repeated in autumn is its first occurrence.
    try:
        return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)
    except (ValueError, OverflowError):
        raise WhenError(f"{day} {hour}:{minute}") from None


def _next_date(today: date, month: int, day: int, year: str | None) -> date:
    """The date itself if the year is given, else its next occurrence from today on."""
    if year:
        years: range | list[int] = [int(year) + (2000 if len(year) == 2 else 0)]
    else:
        years = range(today.year, today.year + 9)  # 9 years always reach a 29 February
    for y in years:
        try:
            candidate = date(y, month, day)
        except ValueError:
            continue
        if year or candidate >= today:
            return candidate
    raise WhenError(f"{day}.{month}.")


def _day(s: str, today: date) -> tuple[date, int | None] | None:
    """A day phrase as (date, implied hour or None)."""
    if s in _FIXED_DAYS:
        offset, hour = _FIXED_DAYS[s]
        return today + timedelta(days=offset), hour
    if s in _NEXT_WEEK:
        return today + timedelta(days=7 - today.weekday()), None
    if s in _END_OF_WEEK:  # this Friday; on a weekend the coming one
        return today + timedelta(days=(4 - today.weekday()) % 7), None
    if (m := _WEEKDAY_RE.fullmatch(s)) and m[2] in _WEEKDAYS:
        # "next Friday" is read like "Friday": the coming one, never today. That is what
        # most people mean, and it keeps "next" from silently skipping a week.
        return today + timedelta(days=(_WEEKDAYS[m[2]] - today.weekday() - 1) % 7 + 1), None
    if m := _ISO_DATE_RE.fullmatch(s):
        return _next_date(today, int(m[2]), int(m[3]), m[1]), None
    if m := _DMY_RE.fullmatch(s):
        return _next_date(today, int(m[2]), int(m[1]), m[3]), None
    if (m := _DAY_MONTH_RE.fullmatch(s)) and m[2] in _MONTHS:
        return _next_date(today, _MONTHS[m[2]], int(m[1]), m[3]), None
    if (m := _MONTH_DAY_RE.fullmatch(s)) and m[1] in _MONTHS:
        return _next_date(today, _MONTHS[m[1]], int(m[2]), m[3]), None
    return None


def _clock(s: str) -> tuple[int, int, bool] | None:
    """A clock time as (hour, minute, has am/pm)."""
    m = _CLOCK_RE.fullmatch(s)
    if not m:
        return None
    suf = (m["suf"] or "").replace(".", "")
    # A bare "10" is a number, and "10.30" a date, unless something marks them as a time.
    if (m["sep"] == "." and suf != "uhr") or not (m["at"] or m["sep"] or suf):
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if suf in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise WhenError(s)
        hour = hour % 12 + (12 if suf == "pm" else 0)
    if hour > 23 or minute > 59:
        raise WhenError(s)
    return hour, minute, suf in ("am", "pm")


def _time(s: str, after_day: bool) -> tuple[int, int, bool] | None:
    """A time of day, a day part, or both ("morning at 10", "10 Uhr abends")."""
    parts = dict(_DAYPARTS, morgen=9) if after_day else _DAYPARTS
    if s in parts:
        return parts[s], 0, True
    if clock := _clock(s):
        return clock
    for part, part_hour in parts.items():
        rest = s.removeprefix(part + " ") if s.startswith(part + " ") else None
        if rest is None and s.endswith(" " + part):
            rest = s.removesuffix(" " + part)
        if rest is not None and (clock := _clock(rest)):
            hour, minute, meridiem = clock
            if part_hour >= 12 and hour < 12 and not meridiem:  # "8 Uhr abends" is 20:00
                hour += 12
            return hour, minute, True
    return None


def _relative(s: str, now: datetime, tz: tzinfo) -> datetime | None:
    if s in _HALF_HOUR:
        return now.astimezone(UTC) + timedelta(minutes=30)
    m = _RELATIVE_RE.fullmatch(s)
    if not m or m[2] not in _UNITS:
        return None
    n = int(m[1]) if m[1].isdigit() else _NUMBERS.get(m[1])
    if n is None:
        return None
    unit = _UNITS[m[2]]
    try:
        if unit in ("minutes", "hours"):
            return now.astimezone(UTC) + timedelta(**{unit: n})
        # Days and weeks count calendar days, so "in 3 days" keeps the wall-clock time
        # across a DST change instead of drifting by an hour.
        local = now.astimezone(tz)
        later = local.replace(tzinfo=None, fold=0) + timedelta(**{unit: n})
        return later.replace(tzinfo=tz).astimezone(UTC)
    except OverflowError:
        raise WhenError(s) from None


def _iso(s: str, tz: tzinfo) -> datetime | None:
    m = _ISO_RE.fullmatch(s)
    if not m:
        return None
    offset = {"z": "+00:00", None: ""}.get(m[7], m[7])
    try:
        value = datetime.fromisoformat(f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}{offset}")
        # Without an offset it is a wall time in the user's zone (fold=0, as in _wall).
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(UTC)
    except (ValueError, OverflowError):
        raise WhenError(s) from None


def _parse_own(text: str, now: datetime, tz: tzinfo) -> datetime | None:
    """The own grammar: a UTC datetime, None if not ours, WhenError if ours but impossible."""
    words = _COMPOUND_RE.sub(r"\1 \2", _normalize(text)).split()
    while words and words[0] in _CONNECTORS and len(words) > 1:
        words.pop(0)
    if not words or len(words) > 10:
        return None
    s = " ".join(words)
    for parsed in (_relative(s, now, tz), _iso(s, tz)):
        if parsed is not None:
            return parsed
    today = now.astimezone(tz).date()
    for i in range(len(words) + 1):
        left, right = " ".join(words[:i]), " ".join(words[i:])
        for day_s, time_s, day_first in ((left, right, True), (right, left, False)):
            day = _day(day_s, today) if day_s else None
            clock = _time(time_s, after_day=day_first and bool(day_s)) if time_s else None
            if (day_s and day is None) or (time_s and clock is None) or not (day or clock):
                continue
            if day is None:  # a time alone: the next time the clock shows it
                hour, minute, _meridiem = clock
                result = _wall(today, hour, minute, tz)
                return result if result >= now else _wall(today + timedelta(1), hour, minute, tz)
            on, implied = day
            if clock is None:
                return _wall(on, implied if implied is not None else DEFAULT_HOUR, 0, tz)
            hour, minute, meridiem = clock
            if implied is not None and implied >= 12 and hour < 12 and not meridiem:
                hour += 12  # "tonight at 8" is 20:00
            return _wall(on, hour, minute, tz)
    return None


def parse_when(text: str, now: datetime, tz: tzinfo | None = None) -> datetime:
    """A typed due time as an aware UTC datetime; WhenError rather than a guess."""
    if now.tzinfo is None:
        raise ValueError("parse_when needs a timezone-aware now")
    tz = tz or local_tz()
    if not text.strip() or len(text) > MAX_LEN:
        raise WhenError(text)
    try:
        parsed = _parse_own(text, now, tz)
    except WhenError:
        raise WhenError(text) from None  # quote what the user typed, not our fragment
    if parsed is not None:
        return parsed
    # dateparser turns "a" or "5" into some date; too little to go on is an error instead.
    if is_vague(text) or len(re.sub(r"\W", "", text)) < 3:
        raise WhenError(text)
    return _parse_dateparser(text, now, tz)


def _parse_dateparser(text: str, now: datetime, tz: tzinfo) -> datetime:
    import dateparser  # slow to import; most phrases never need it

    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": now.astimezone(tz).replace(tzinfo=None),
    }
    try:
        parsed = dateparser.parse(text, languages=["en", "de"], settings=settings)
        if parsed is not None:  # naive means a wall time in the user's zone
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)).astimezone(UTC)
    except Exception:  # dateparser has crashed on odd input before; that is still "unknown"
        pass
    raise WhenError(text)


def split_when(text: str, now: datetime, tz: tzinfo | None = None) -> tuple[str, datetime | None]:
    """Quick capture: split a trailing due time off a title ("Call Jim tomorrow 10am")."""
    if now.tzinfo is None:
        raise ValueError("split_when needs a timezone-aware now")
    tz = tz or local_tz()
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    # Longest first, and never the whole text: a capture always keeps a title.
    for k in range(min(len(spans) - 1, 10), 0, -1):
        start = spans[-k][0]
        try:
            parsed = _parse_own(text[start:], now, tz)
        except WhenError:
            parsed = None
        if parsed is None:
            continue
        return text[:start].rstrip(" \t,;:-–—"), parsed
    return text.strip(), None


def parse_exact(text: str, now: datetime, tz: tzinfo | None = None) -> datetime | None:
    """The own grammar only, never the dateparser fallback: for dates found in text nobody
    typed for us (a sentence in a sent email), where a wrong guess would be a wrong promise.
    None when the text is not a date we are sure about."""
    if now.tzinfo is None:
        raise ValueError("parse_exact needs a timezone-aware now")
    if not text.strip() or len(text) > MAX_LEN:
        return None
    try:
        return _parse_own(text, now, tz or local_tz())
    except WhenError:
        return None
