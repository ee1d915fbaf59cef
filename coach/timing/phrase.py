"""The pieces every part of the WHEN grammar shares: the error, the reading context, and
small word helpers. `grammar` (times) and `days` (day phrases) both build on it, so neither
needs the other at import time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from coach.timing import words as w


def _(message: str) -> str:
    # The catalog may be unavailable (early start-up, stripped installs); never fail on that.
    try:
        from coach.i18n import _ as t
    except ImportError:
        return message
    return t(message)


class WhenError(ValueError):
    """A phrase that is not a date we can be sure about; ``phrase`` is what the user typed,
    ``hint`` (if any) says what would work instead."""

    def __init__(self, phrase: str, hint: str | None = None) -> None:
        self.phrase = phrase
        self.hint = hint
        shown = " ".join(phrase.split())  # one line, even for pasted text
        if len(shown) > 40:
            shown = shown[:39] + "…"
        message = _('Cannot understand the date "{phrase}".').format(phrase=shown)
        super().__init__(f"{message} {hint}" if hint else message)


@dataclass(frozen=True)
class Context:
    """What a phrase is read against: the clock, the zone, the working hours, the day order."""

    now: datetime
    tz: tzinfo
    days: frozenset[int]  # working weekdays, Monday = 0
    start: time  # working hours
    end: time
    order: str | None  # "dmy", "mdy", or None when the locale's order is unknown

    @property
    def today(self) -> date:
        return self.now.astimezone(self.tz).date()



def _strip(words: list[str], connectors: set[str]) -> tuple[list[str], set[str]]:
    """Leading connector words removed (one- and two-word ones), and which they were."""
    seen: set[str] = set()
    while words:
        two = " ".join(words[:2]) if len(words) > 1 else None
        if two in connectors and len(words) > 2:
            seen.add(two)
            words = words[2:]
        elif words[0] in connectors and len(words) > 1:
            seen.add(words[0])
            words = words[1:]
        else:
            break
    return words, seen



def count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return w.NUMBERS.get(word) or w.ONE.get(word)
