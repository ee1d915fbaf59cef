"""Due times typed by people ("tomorrow 10am", "morgen 10 Uhr") turned into UTC instants.

The phrase is read by an own grammar (`coach.timing.grammar` and `coach.timing.days`, words
in `coach.timing.words`) and is understood exactly or refused with a hint: there is no
library fallback that could guess. Bare hours follow the working hours, numeric dates the
locale's day order. Every wall time is built in the user's zone and returned as aware UTC.
"""

from __future__ import annotations

import functools
import os
import re
from datetime import UTC, datetime, time, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

from coach.timing import words as w
from coach.timing.phrase import Context, WhenError, _

__all__ = ["WhenError", "day_order", "format_iso", "is_recurring", "is_vague", "local_tz",
           "not_working_day", "parse_when", "split_when"]

MAX_LEN = 200
DEFAULT_HOUR = 17  # the default end of the working day
MIN_YEAR, MAX_YEAR = 1970, 2200


class Hours(Protocol):
    """The working week: `coach.storage.settings.WorkingHours` (not imported: it pulls SQLite
    into the window's start-up)."""

    days: frozenset[int]
    start: time
    end: time


def local_tz() -> tzinfo:
    """The user's zone: $TZ if it names a zone, else the system's, else UTC."""
    name = os.environ.get("TZ", "").strip().lstrip(":")  # POSIX allows ":Europe/Berlin"
    if name:
        try:
            return ZoneInfo(name)
        except (KeyError, ValueError, OSError):
            pass
    return _system_zone()


@functools.cache
def _system_zone() -> tzinfo:
    # /etc/localtime as a link into the zone database names the zone at once; tzlocal reads
    # the same link but costs 40-60 ms to import and ask, in every process that shows a time.
    try:
        target = os.readlink("/etc/localtime")
        name = target.split("/zoneinfo/", 1)[1] if "/zoneinfo/" in target else ""
        if name and not name.startswith(("posix/", "right/")):
            return ZoneInfo(name)
    except (OSError, KeyError, ValueError):
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
    r"\b(?:soon|asap|when you can|whenever|some ?time|some day|someday|eventually"
    r"|at some point|bald|baldmoeglichst|demnaechst|so schnell wie moeglich|zeitnah"
    r"|so ?bald wie moeglich|irgendwann|bei gelegenheit"
    r"|later(?! today)|(?<!heute )spaeter(?! heute))\b"
)


def is_vague(text: str) -> bool:
    """True if the text names no concrete time, only a wish ("soon", "bald", "asap")."""
    return bool(_VAGUE_RE.search(normalize(text)))


_RECURRING_RE = re.compile(
    r"\b(?:" + "|".join(sorted(w.RECURRING_WORDS | set(w.WEEKDAY_ADVERBS))) + r")\b"
    r"|\bon (?:" + "|".join(n + "s" for n in w.WEEKDAY_NAMES[0]) + r")\b"
    r"|^(?:" + "|".join(n + "s" for n in w.WEEKDAY_NAMES[0]) + r")\b"
)


def is_recurring(text: str) -> bool:
    """True for a rule rather than a date: "freitags", "every Friday", "jeden Montag 9 Uhr".

    Recurring commitments read such phrases; a single due time never does.
    """
    from coach.model.recurrence import looks_recurring  # the rule grammar (issue 22)

    return bool(_RECURRING_RE.search(normalize(text))) or looks_recurring(text)


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_COMPOUND_RE = re.compile(  # "Freitagabend" is "Freitag abend", "KW50" is "KW 50"
    r"\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
    r"(morgen|vormittag|mittag|nachmittag|abend|frueh)\b"
    r"|\b(kw|cw|wk)([0-9]{1,2})\b"
)


def normalize(text: str) -> str:
    """Lower case, umlauts folded ("nächste" is "naechste"), one space, no final ! or ?.

    Dots stay: "3.12.", "15." and "Fr." need them.
    """
    s = text.lower().translate(_FOLD).replace("’", "'")
    s = re.sub(r"[,;]", " ", s).replace("@", " @ ")
    s = _COMPOUND_RE.sub(lambda m: f"{m[1]} {m[2]}" if m[1] else f"{m[3]} {m[4]}", s)
    words = " ".join(s.split()).rstrip("!?").split()
    # A full stop at the end belongs to the sentence unless it makes an ordinal or a short form.
    if words and words[-1].endswith(".") and not re.fullmatch(
            r"[0-9]{1,2}\.|[0-9.]+|[a-z]{2,3}\.|[ap]\.m\.", words[-1]):
        words[-1] = words[-1].rstrip(".")
    return " ".join(words)


def day_order(locale: str | None) -> str | None:
    """'dmy' or 'mdy' from the locale's short date pattern; None when it cannot be known."""
    if not locale:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        pattern = Locale.parse(locale).date_formats["short"].pattern
    except (ValueError, UnknownLocaleError, KeyError, TypeError):
        return None
    positions = {c: pattern.find(c) for c in "dMy"}
    if -1 in positions.values() or positions["y"] < min(positions["d"], positions["M"]):
        return None  # year first (or missing): "3/12" has no agreed reading there
    return "dmy" if positions["d"] < positions["M"] else "mdy"


DEFAULT_DAYS, DEFAULT_START, DEFAULT_END = frozenset(range(5)), time(9), time(DEFAULT_HOUR)


def _context(now: datetime, tz: tzinfo, hours: Hours | None, locale: str | None) -> Context:
    if hours is None:
        # The settings' default working week (a test keeps the two equal); not imported from
        # there, because settings sits on the store, which must not be under the grammar.
        days, start, end = DEFAULT_DAYS, DEFAULT_START, DEFAULT_END
    else:
        days, start, end = hours.days, hours.start, hours.end
    if locale is None:
        from coach.i18n import babel_locale

        locale = babel_locale()
    return Context(now, tz, frozenset(days), start, end, day_order(locale))


def _hint() -> str:
    return _('Try "tomorrow 10am", "Friday 15:00", "morgen 10 Uhr" or "2026-12-03".')


def _in_range(value: datetime, phrase: str) -> datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise WhenError(phrase, _("Dates must lie between {first} and {last}.").format(
            first=MIN_YEAR, last=MAX_YEAR))
    return value


def parse_when(text: str, now: datetime, tz: tzinfo | None = None, *,
               hours: Hours | None = None, locale: str | None = None) -> datetime:
    """A typed due time as an aware UTC datetime; WhenError (with a hint) rather than a guess.

    `hours` are the working hours that settle bare hours ("at 3") and "end of day" (default:
    the settings' defaults); `locale` sets the day order of numeric dates (default: the
    locale of the language shown).
    """
    if now.tzinfo is None:
        raise ValueError("parse_when needs a timezone-aware now")
    tz = tz or local_tz()
    if not text.strip() or len(text) > MAX_LEN:
        raise WhenError(text)
    s = normalize(text)
    if is_recurring(text):
        raise WhenError(text, _('A repeating date is a rule, not a due time: record it with '
                                '--every (quick add understands it too), or give the next one, '
                                'e.g. "Friday 9am".'))
    from coach.timing.grammar import parse

    try:
        parsed = parse(s, _context(now, tz, hours, locale))
    except WhenError as exc:
        raise WhenError(text, exc.hint) from None  # quote what the user typed
    if parsed is None:
        raise WhenError(text, None if len(re.sub(r"\W", "", text)) < 3 else _hint())
    return _in_range(parsed, text)


def not_working_day(moment: datetime, tz: tzinfo | None = None, hours: Hours | None = None,
                    locale: str | None = None) -> str | None:
    """'Saturday — not a working day' when the moment falls on a day off, else None."""
    local = moment.astimezone(tz or local_tz())
    days = hours.days if hours is not None else frozenset(range(5))
    if local.weekday() in days:
        return None
    from babel.dates import format_date

    if locale is None:
        from coach.i18n import babel_locale

        locale = babel_locale()
    return _("{weekday} — not a working day").format(
        weekday=format_date(local.date(), "EEEE", locale=locale))


# Words after which a weekday or a name is a person's name: "Termin mit Herrn Freitag".
TITLES = {"herr", "herrn", "hr", "hrn", "frau", "fr", "mr", "mrs", "ms", "miss", "dr", "prof",
          "professor", "doktor"}


def split_when(text: str, now: datetime, tz: tzinfo | None = None, *,
               hours: Hours | None = None,
               locale: str | None = None) -> tuple[str, datetime | None]:
    """Quick capture: split a trailing due time off a title ("Call Jim tomorrow 10am").

    Only what the grammar reads exactly is split off; a weekday or name right after a title
    (Herr, Frau, Mr, Dr …) stays in the title, and so does a recurring phrase.
    """
    if now.tzinfo is None:
        raise ValueError("split_when needs a timezone-aware now")
    tz = tz or local_tz()
    from coach.timing.grammar import parse

    ctx = _context(now, tz, hours, locale)
    found = [(m.start(), m[0]) for m in re.finditer(r"\S+", text)]
    # Longest first, and never the whole text: a capture always keeps a title.
    for k in range(min(len(found) - 1, 10), 0, -1):
        start = found[-k][0]
        before = normalize(found[-k - 1][1]).rstrip(".")
        tail = normalize(text[start:])
        around = " ".join(m[1] for m in found[-k - 2:])
        if before in TITLES or is_recurring(around) or _lone_short(tail):
            continue
        try:
            parsed = parse(tail, ctx)
            if parsed is not None:
                parsed = _in_range(parsed, tail)
        except WhenError:
            parsed = None
        if parsed is None:
            continue
        return text[:start].rstrip(" \t,;:-–—"), parsed
    return text.strip(), None


def _lone_short(tail: str) -> bool:
    """'so', 'do', 'mi' at the end of a title are words, not weekdays; 'Fr.' with its dot is."""
    words = [t for t in tail.split() if t not in w.DAY_CONNECTORS]
    return len(words) == 1 and words[0] in w.WEEKDAY_SHORT


def parse_exact(text: str, now: datetime, tz: tzinfo | None = None) -> datetime | None:
    """For dates found in text nobody typed for us (a sentence in a sent email), where a
    wrong guess would be a wrong promise: None, not an error, when the text is not a date we
    are sure about."""
    if now.tzinfo is None:
        raise ValueError("parse_exact needs a timezone-aware now")
    if not text.strip() or len(text) > MAX_LEN:
        return None
    try:
        return parse_when(text, now, tz or local_tz())
    except WhenError:
        return None
