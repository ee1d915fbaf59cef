"""The settings a person may change by name (`coach settings KEY VALUE`), each validated.

Text typed on a command line becomes the stored JSON value, or a clear error and no change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.storage import settings
from coach.storage.store import Store

_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_EMAIL = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # how values are shown
DAY_NAMES = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{name: i for i, name in enumerate(("mo", "di", "mi", "do", "fr", "sa", "so"))},
}
TRUE = {"yes", "true", "on", "1", "ja", "an", "ein"}
FALSE = {"no", "false", "off", "0", "nein", "aus"}


def _clock(text: str) -> str:
    m = _CLOCK.fullmatch(text.strip())
    if not m:
        raise CoachError(_('"{value}" is not a time of day; write it as HH:MM, e.g. 09:00.')
                         .format(value=text))
    return f"{int(m[1]):02d}:{m[2]}"


def _clock_or_off(text: str) -> str | None:
    """The review's time, or "off" for no end-of-day review (stored as null)."""
    if text.strip().lower() in FALSE:
        return None
    return _clock(text)


def _weekday_or_off(text: str) -> int | None:
    """The briefing day as a weekday name (mon, fr …), or "off" for no briefing day."""
    value = text.strip().lower()
    if value in FALSE:
        return None
    if value in DAY_NAMES:
        return DAY_NAMES[value]
    raise CoachError(_('"{value}" is not a weekday; write e.g. fri, or off.').format(
        value=text))


def _name(text: str) -> str:
    from coach.model.commitment import clean_text

    return clean_text(text, limit=200) or ""


def _email(text: str) -> str:
    value = text.strip()
    if value and not _EMAIL.fullmatch(value):
        raise CoachError(_('"{value}" is not an email address.').format(value=text))
    return value


def _language(text: str) -> str | None:
    value = text.strip().lower()
    if value in ("system", "auto", ""):
        return None
    if value not in ("en", "de"):
        raise CoachError(_('Unknown language "{value}"; use en, de or system.').format(
            value=text))
    return value


def _days(text: str) -> list[int]:
    value = text.strip().lower()
    if "-" in value and "," not in value:
        first, _sep, last = value.partition("-")
        if first in DAY_NAMES and last in DAY_NAMES and DAY_NAMES[first] <= DAY_NAMES[last]:
            return list(range(DAY_NAMES[first], DAY_NAMES[last] + 1))
    days = set()
    for part in filter(None, (p.strip() for p in value.split(","))):
        if part in DAY_NAMES:
            days.add(DAY_NAMES[part])
        elif part.isdigit() and int(part) < 7:
            days.add(int(part))
        else:
            raise CoachError(_('"{value}" is not a list of weekdays, e.g. mon-fri or '
                               'mon,tue,thu.').format(value=text))
    if not days:
        raise CoachError(_("At least one working day is needed."))
    return sorted(days)


def _number(low: float, high: float, whole: bool = True) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = int(text) if whole else float(text.replace(",", "."))
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise CoachError(_('"{value}" must be a number from {low} to {high}.').format(
                value=text, low=low, high=high))
        return int(value) if float(value).is_integer() else value
    return parse


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise CoachError(_('"{value}" must be yes or no.').format(value=text))


# The keys `coach settings` lists and sets, with their parsers, in a stable order.
PARSERS: dict[str, Callable[[str], Any]] = {
    "manager_name": _name,
    "manager_email": _email,
    "language": _language,
    "working_days": _days,
    "work_start": _clock,
    "work_end": _clock,
    "quiet_start": _clock,
    "quiet_end": _clock,
    "commitment_lead_day_start": _flag,
    "commitment_lead_hours": _number(0, 40, whole=False),
    "morning_digest": _flag,
    "reply_hours_call": _number(1, 40),
    "reply_days_email": _number(1, 10),
    "concern_nudge_heat": _number(1, 5),
    "concern_nudge_rise": _number(1, 4),
    "briefing_quiet_days": _number(1, 30),
    "review_time": _clock_or_off,  # the end-of-day review (coach.rhythm.review)
    "briefing_weekday": _weekday_or_off,  # the weekly briefing day (coach.rhythm.weekly)
}


def check_key(key: str) -> str:
    if key not in PARSERS:
        raise CoachError(_('Unknown setting "{key}"; `coach settings` lists them.').format(
            key=key))
    return key


def parse(key: str, text: str, current: dict[str, Any]) -> Any:
    value = PARSERS[check_key(key)](text)
    merged = dict(current, **{key: value})
    if key in ("work_start", "work_end") and merged["work_start"] >= merged["work_end"]:
        raise CoachError(_("The working day must start before it ends ({start}–{end}).")
                         .format(start=merged["work_start"], end=merged["work_end"]))
    return value


def values(store: Store) -> dict[str, Any]:
    every = settings.get_all(store)
    return {key: every.get(key) for key in PARSERS}


def put(store: Store, key: str, text: str) -> Any:
    value = parse(key, text, settings.get_all(store))
    settings.put(store, key, value)
    return value


def shown(key: str, value: Any) -> str:
    """How a value reads on a terminal; the same text `put` accepts back."""
    if key == "working_days":
        return ",".join(WEEKDAYS[d] for d in value)
    if key == "language" and value is None:
        return "system"
    if key in ("review_time", "briefing_weekday") and value is None:
        return "off"
    if key == "briefing_weekday":
        return WEEKDAYS[value]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
