"""Recurring commitment (wiederkehrende Zusage): a rule such as "every Friday 9am".

A phrase in English or German becomes an RFC 5545 RRULE (via dateutil.rrule) plus the local
wall time of its first occurrence and the name of the user's time zone. Occurrences are
computed as wall times in that zone and only then turned into UTC instants, so "Friday
9am" stays at 9 am on both sides of a DST change. A phrase is understood exactly or
refused; nothing is guessed.

The date grammar (coach.timing.dates) asks ``looks_recurring`` to send recurring phrases
here; CalDAV sync reads ``rrule_of`` and ``start_of`` to carry the rule in a VTODO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from coach.errors import CoachError
from coach.i18n import _

DEFAULT_HOUR = 17  # a rule without a time means the end of the working day, as in dates
WORKDAYS = (0, 1, 2, 3, 4)
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_LEN = 200

_WEEKDAYS = {
    name: i
    for names in (
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        ("mo", "di", "mi", "do", "fr", "sa", "so"),
    )
    for i, name in enumerate(names)
} | {"sonnabend": 5, "tues": 1, "thur": 3, "thurs": 3}
# "mondays", "montags": a weekday in the plural or the German adverb is itself a rule.
_WEEKDAY_ADVERBS = {name + suffix: i for name, i in _WEEKDAYS.items() if len(name) > 3
                    for suffix in ("s",)}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "ein": 1, "einen": 1,
            "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "sechs": 6, "other": 2,
            "second": 2, "zweite": 2, "zweiten": 2, "third": 3, "dritte": 3, "dritten": 3}
_UNITS = {
    **dict.fromkeys(("day", "days", "tag", "tage"), "DAILY"),
    **dict.fromkeys(("week", "weeks", "woche", "wochen"), "WEEKLY"),
    **dict.fromkeys(("month", "months", "monat", "monate", "monats"), "MONTHLY"),
}
_WORKDAY_WORDS = {"workday", "workdays", "weekday", "weekdays", "working day", "working days",
                  "business day", "business days", "werktag", "werktags", "arbeitstag",
                  "arbeitstage", "wochentag", "wochentags"}
_ADVERBS = {
    **dict.fromkeys(("daily", "taeglich"), ("DAILY", 1)),
    **dict.fromkeys(("weekly", "woechentlich"), ("WEEKLY", 1)),
    **dict.fromkeys(("biweekly", "fortnightly", "zweiwoechentlich", "vierzehntaegig"),
                    ("WEEKLY", 2)),
    **dict.fromkeys(("monthly", "monatlich"), ("MONTHLY", 1)),
}
_EVERY = {"every", "each", "jeden", "jede", "jedes", "jedem", "alle"}
_FILLERS = {"on", "am", "at", "um", "the", "den", "dem", "of", "des", "and", "und", "on the",
            "at the", "im", "in", "a", "an", "jeweils", "immer"}
_CLOCK_RE = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))? ?(am|pm|a\.m\.|p\.m\.|uhr|h|o'?clock)?")
_MONTHDAY_RE = re.compile(r"([0-9]{1,2})(?:\.|st|nd|rd|th)")
_ORDINAL_WORDS = {"first": 1, "erste": 1, "ersten": 1, "last": -1, "letzte": -1, "letzten": -1}
_RECURRING_RE = re.compile(
    r"\b(every|each|jede[nmrs]?|daily|weekly|monthly|biweekly|fortnightly|taeglich"
    r"|woechentlich|zweiwoechentlich|monatlich|werktags|wochentags|alle ([0-9]+|zwei|drei|vier)"
    r" (tage|wochen|monate)|(mon|tues|wednes|thurs|fri|satur|sun)days"
    r"|(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)s)\b")


class RecurrenceError(CoachError):
    """A phrase that is not a rule we can be sure about."""


def _refuse(phrase: str) -> RecurrenceError:
    shown = " ".join(phrase.split())
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return RecurrenceError(
        _('Cannot understand the rule "{phrase}"; try "every Friday 9am", "jeden Freitag '
          '9 Uhr", "every 2 weeks on Monday", "monatlich am 1." or "each workday 17:00".')
        .format(phrase=shown))


def _normalize(text: str) -> str:
    s = text.lower()
    for umlaut, ascii_form in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(umlaut, ascii_form)
    s = re.sub(r"[,;/]", " ", s)
    s = re.sub(r"\b(working|business) (days?)\b", r"\1_\2", s)
    return " ".join(s.split()).rstrip("!").strip()


def looks_recurring(text: str) -> bool:
    """True if the text names a repetition ("every Friday", "jeden Monat", "werktags").

    The date grammar uses this to refuse such a phrase as a single date and to point to
    ``coach add --every``.
    """
    return bool(_RECURRING_RE.search(_normalize(text)))


@dataclass(frozen=True)
class Rule:
    """What repeats: frequency, interval, weekdays or day of month, and a wall-clock time."""

    freq: str  # DAILY, WEEKLY, MONTHLY
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    monthday: int | None = None
    hour: int = DEFAULT_HOUR
    minute: int = 0

    def rrule_text(self) -> str:
        """The RRULE value (RFC 5545), without DTSTART: the time lives in the start."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.weekdays:
            parts.append("BYDAY=" + ",".join(DAY_CODES[d] for d in sorted(self.weekdays)))
        if self.monthday is not None:
            parts.append(f"BYMONTHDAY={self.monthday}")
        return ";".join(parts)


def _clock(words: list[str], i: int) -> tuple[int, int, int] | None:
    """(hour, minute, words used) for a time at words[i]: "9am", "9 uhr", "17:00", "at 9"."""
    marked = words[i] in ("at", "um", "@", "gegen")
    j = i + 1 if marked else i
    if j >= len(words):
        return None
    text = words[j]
    used = j - i + 1
    suffixes = ("am", "pm", "uhr", "h", "a.m.", "p.m.", "oclock", "o'clock")
    # "9 am" is a time; but "am" also opens a German date ("um 9 am 1."): not a suffix then.
    if j + 1 < len(words) and words[j + 1] in suffixes and text.isdigit() \
            and not (words[j + 1] == "am" and j + 2 < len(words)):
        text, used = text + words[j + 1], used + 1
    m = _CLOCK_RE.fullmatch(text)
    if not m or not (marked or m[2] or m[3]):
        return None
    hour, minute, suffix = int(m[1]), int(m[2] or 0), (m[3] or "").replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute, used


def parse_rule(text: str, working_days: tuple[int, ...] = WORKDAYS) -> Rule:
    """The phrase as a Rule; RecurrenceError if any word is not understood."""
    if not text or not text.strip() or len(text) > MAX_LEN:
        raise _refuse(text or "")
    words = _normalize(text).replace("working_day", "workday").replace(
        "business_day", "workday").split()
    freq: str | None = None
    interval = 1
    weekdays: list[int] = []
    monthday: int | None = None
    clock: tuple[int, int] | None = None
    saw_every = False
    i = 0
    while i < len(words):
        w = words[i]
        if w in _EVERY and not saw_every:
            saw_every = True
        elif w in _ADVERBS and freq is None:
            freq, interval = _ADVERBS[w]
        elif w in _WORKDAY_WORDS or w in ("workday", "workdays"):
            freq, weekdays = "WEEKLY", list(working_days)
        elif w in _WEEKDAY_ADVERBS and not saw_every:
            freq = freq or "WEEKLY"
            weekdays.append(_WEEKDAY_ADVERBS[w])
        elif w in _WEEKDAYS and len(w) > 2 or (w in _WEEKDAYS and saw_every):
            freq = freq or "WEEKLY"
            weekdays.append(_WEEKDAYS[w])
        elif w in _UNITS and (saw_every or interval != 1):
            if freq is not None and freq != _UNITS[w]:
                raise _refuse(text)
            freq = _UNITS[w]
        elif (w.isdigit() or w in _NUMBERS) and saw_every and freq is None \
                and i + 1 < len(words) and words[i + 1] in _UNITS:
            interval = int(w) if w.isdigit() else _NUMBERS[w]
        elif (m := _MONTHDAY_RE.fullmatch(w)) or (
                w in _ORDINAL_WORDS and freq in ("MONTHLY", None)):
            value = int(m[1]) if m else _ORDINAL_WORDS[w]
            if monthday is not None or not (1 <= value <= 31 or value == -1):
                raise _refuse(text)
            monthday = value
        elif w in _FILLERS:
            found = _clock(words, i) if w in ("at", "um") else None
            if found:
                if clock is not None:
                    raise _refuse(text)
                clock, i = found[:2], i + found[2]
                continue
        elif found := _clock(words, i):
            if clock is not None:
                raise _refuse(text)
            clock, i = found[:2], i + found[2]
            continue
        else:
            raise _refuse(text)
        i += 1
    if monthday is not None:
        if freq is None and saw_every:
            freq = "MONTHLY"
        if freq != "MONTHLY" or weekdays:
            raise _refuse(text)
    if freq is None or not (saw_every or _any_adverb(words)):
        raise _refuse(text)
    if interval < 1 or interval > 99:
        raise _refuse(text)
    if freq == "MONTHLY" and monthday is None:
        raise _refuse(text)  # "monthly" alone: which day? Never guessed.
    if freq == "WEEKLY" and not weekdays:
        raise _refuse(text)  # "weekly" alone: which weekday? Never guessed.
    hour, minute = clock or (DEFAULT_HOUR, 0)
    return Rule(freq, interval, tuple(sorted(set(weekdays))), monthday, hour, minute)


def _any_adverb(words: list[str]) -> bool:
    return any(w in _ADVERBS or w in _WEEKDAY_ADVERBS or w in ("werktags", "wochentags")
               for w in words)


def zone_name(tz: tzinfo) -> str:
    """The IANA name of a zone ("Europe/Berlin"); fixed offsets and UTC read as "UTC"."""
    name = getattr(tz, "key", None) or getattr(tz, "zone", None)
    if name:
        return str(name)
    return "UTC"


def zone(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name) if name and name != "UTC" else UTC
    except (KeyError, ValueError, OSError):
        return UTC


@dataclass(frozen=True)
class Recurrence:
    """A stored rule: RRULE text, the local wall time of the first occurrence, the zone."""

    rule: str
    start: datetime  # naive: a wall time in `tz`
    tz: str

    def _rrule(self):
        from dateutil.rrule import rrulestr

        return rrulestr(self.rule, dtstart=self.start)

    def _instant(self, wall: datetime) -> datetime:
        # fold=0: a time skipped by spring-forward lands after the gap, as in coach.timing.
        return wall.replace(tzinfo=zone(self.tz)).astimezone(UTC)

    def _wall(self, moment: datetime) -> datetime:
        return moment.astimezone(zone(self.tz)).replace(tzinfo=None)

    def first(self) -> datetime:
        return self._instant(self.start)

    def after(self, moment: datetime) -> datetime | None:
        """The first occurrence strictly after the instant `moment`, as UTC."""
        wall = self._rrule().after(self._wall(moment), inc=False)
        return self._instant(wall) if wall is not None else None

    def between(self, start: datetime, end: datetime) -> list[datetime]:
        walls = self._rrule().between(self._wall(start), self._wall(end), inc=True)
        return [self._instant(w) for w in walls]

    def describe(self) -> str:
        return describe(self.rule, self.start)


def plan(rule: Rule, now: datetime, tz: tzinfo) -> Recurrence:
    """Anchor a rule at its first occurrence from now on, in the user's zone."""
    from dateutil.rrule import rrulestr

    local = now.astimezone(tz)
    today = datetime.combine(local.date(), time(rule.hour, rule.minute))
    # The first matching day ignores the interval: "every 2 weeks on Monday" starts on the
    # coming Monday, then counts two weeks from there.
    single = Rule(rule.freq, 1, rule.weekdays, rule.monthday, rule.hour, rule.minute)
    series = rrulestr(single.rrule_text(), dtstart=today)
    wall = series.after(local.replace(tzinfo=None), inc=True)
    if wall is None:  # pragma: no cover - an unbounded rule always has a next one
        raise _refuse(rule.rrule_text())
    return Recurrence(rule.rrule_text(), wall, zone_name(tz))


def parse(text: str, now: datetime, tz: tzinfo,
          working_days: tuple[int, ...] = WORKDAYS) -> Recurrence:
    """A phrase as a stored Recurrence whose first occurrence is at or after now."""
    return plan(parse_rule(text, working_days), now, tz)


def split_recurring(text: str, now: datetime, tz: tzinfo,
                    working_days: tuple[int, ...] = WORKDAYS) -> tuple[str, Recurrence | None]:
    """Quick capture: split a trailing rule off a title ("Weekly report every Friday 9am")."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    for k in range(min(len(spans) - 1, 10), 0, -1):
        tail = text[spans[-k][0]:]
        if not looks_recurring(tail):
            continue
        try:
            found = parse(tail, now, tz, working_days)
        except RecurrenceError:
            continue
        return text[:spans[-k][0]].rstrip(" \t,;:-–—"), found
    return text.strip(), None


# --- stored form ---------------------------------------------------------------------------

def from_fields(rule: str | None, start: str | None, tz: str | None) -> Recurrence | None:
    if not rule or not start:
        return None
    return Recurrence(rule, datetime.fromisoformat(start), tz or "UTC")


def to_fields(recurrence: Recurrence) -> dict[str, Any]:
    return {"rule": recurrence.rule, "rule_start": recurrence.start.isoformat(timespec="minutes"),
            "rule_tz": recurrence.tz}


def of(item: Any) -> Recurrence | None:
    """The Recurrence of a commitment (duck typed), None for a one-off."""
    return from_fields(getattr(item, "rule", None), getattr(item, "rule_start", None),
                       getattr(item, "rule_tz", None))


def rrule_of(item: Any) -> str | None:
    """The seam for CalDAV sync: the RRULE value to put in the commitment's VTODO.

    The VTODO's DTSTART/DUE carry the wall time in the zone ``start_of`` names (TZID), so
    the server expands the rule the way this app does.
    """
    found = of(item)
    return found.rule if found else None


def start_of(item: Any) -> tuple[datetime, str] | None:
    """(local wall time of the first occurrence, IANA zone name) for DTSTART;TZID=…"""
    found = of(item)
    return (found.start, found.tz) if found else None


def describe(rule: str, start: datetime | None = None) -> str:
    """A short, translated reading of a rule: "every Friday, 09:00"."""
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    freq, interval = parts.get("FREQ"), int(parts.get("INTERVAL", "1"))
    from babel.dates import get_day_names

    from coach.i18n import current_language

    # Not coach.timing.display: the date grammar imports this module (no import cycle).
    names = get_day_names("wide", locale="de_DE" if current_language() == "de" else "en_GB")
    days = [DAY_CODES.index(code) for code in parts.get("BYDAY", "").split(",") if code]
    clock = f", {start:%H:%M}" if start else ""
    if freq == "WEEKLY" and tuple(days) == WORKDAYS and interval == 1:
        return _("every workday") + clock
    if freq == "WEEKLY":
        listed = _(" and ").join(names[d] for d in days)
        if interval == 1:
            return _("every {days}").format(days=listed) + clock
        return _("every {n} weeks on {days}").format(n=interval, days=listed) + clock
    if freq == "MONTHLY":
        day = int(parts.get("BYMONTHDAY", "1"))
        if day == -1:
            return _("monthly on the last day") + clock
        return _("monthly on day {n}").format(n=day) + clock
    if interval == 1:
        return _("every day") + clock
    return _("every {n} days").format(n=interval) + clock


def occurrences(recurrence: Recurrence, start: datetime, days: int) -> list[datetime]:
    """The occurrences in the `days` after `start` (a calendar view, the tests)."""
    return recurrence.between(start, start + timedelta(days=days))
