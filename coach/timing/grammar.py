"""The WHEN grammar: a phrase is a day part and a time part, in either order.

`parse` answers a UTC instant, None when the phrase is not a date at all, or raises WhenError
(with a hint of what would work) when it is one but cannot be read without guessing. The day
phrases live in `coach.timing.days`; this module reads times and puts the two together.

Rules that keep it from guessing:
- A bare hour (1 to 11, "at 3", "Monday 9", "um 3 Uhr") is read as the one of its two clock
  readings that falls in the working hours; if neither or both do, the nearer one to the
  working day wins, and a tie is refused.
- A number alone is not a time: it needs "at"/"um", a clock suffix, a day, or a day part.
- Numeric dates follow the locale's day order; see `days.numeric`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from coach.timing import words as w
from coach.timing.days import add_months, day_part, working_day_after
from coach.timing.phrase import Context, WhenError, _, _strip, count


def wall(day: date, hour: int, minute: int, tz: tzinfo) -> datetime:
    # fold=0: a time skipped by spring-forward lands after the gap (02:30 -> 03:30 CEST),
    # a time repeated in autumn is its first occurrence.
    try:
        return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)
    except (ValueError, OverflowError):
        raise WhenError(f"{day} {hour}:{minute}") from None


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    bare: bool  # 1..11 without am/pm: morning or afternoon is still open
    part: int | None = None  # a day part said with it ("abends"): settles a bare hour


_CLOCK_RE = re.compile(
    r"(?P<h>[0-9]{1,2})(?:(?P<sep>[:.h])(?P<m>[0-9]{2})(?::00)?)?"
    r" ?(?P<suf>a\.?m\.?|p\.?m\.?|uhr|h|o'?clock)?\.?"
)
_HALF_RE = re.compile(r"(halb|viertel nach|viertel vor|half past|quarter past|quarter to)"
                      r" ([0-9]{1,2})(?: uhr| o'?clock)?")


def _numbers(s: str) -> str:
    """Number words as digits, for times only ("um drei", "three o'clock")."""
    return " ".join(str(w.NUMBERS[t]) if t in w.NUMBERS else t for t in s.split())


def _clock(s: str, marked: bool, with_day: bool) -> Clock | None:
    s = _numbers(s)
    if m := _HALF_RE.fullmatch(s):
        hour = int(m[2])
        if not 1 <= hour <= 12:
            raise WhenError(s)
        shift = {"halb": (-1, 30), "viertel nach": (0, 15), "viertel vor": (-1, 45),
                 "half past": (0, 30), "quarter past": (0, 15), "quarter to": (-1, 45)}[m[1]]
        hour = (hour + shift[0] - 1) % 12 + 1  # "halb eins" is 12:30
        return Clock(hour, shift[1], bare=hour != 12)
    m = _CLOCK_RE.fullmatch(s)
    if not m:
        return None
    suf = (m["suf"] or "").replace(".", "")
    # A bare "10" is a number and "10.30" a date, unless something marks them as a time.
    if m["sep"] == "." and suf not in ("uhr", "h") and not marked:
        return None
    if not (marked or m["sep"] or suf or with_day):
        return None
    if m["sep"] == "h" and suf:
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if suf in ("am", "pm"):
        if not 1 <= hour <= 12 or minute > 59:
            raise WhenError(s)
        return Clock(hour % 12 + (12 if suf == "pm" else 0), minute, bare=False)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise WhenError(s)
    if hour == 24:
        raise WhenError(s, _('Write midnight as "23:59" or as 0:00 of the next day.'))
    # "09:30" with its zero is a 24-hour time; "9:30" and "9" could still be 21:30 and 21:00.
    return Clock(hour, minute, bare=1 <= hour <= 11 and not m["h"].startswith("0"))


def time_part(words: list[str], ctx: Context, after_day: bool, with_day: bool) -> Clock | None:
    """A time of day, a day part, or both ("morning at 10", "10 Uhr abends")."""
    words, seen = _strip(words, w.TIME_CONNECTORS)
    marked = bool(seen & w.TIME_MARKERS)
    if not words:
        return None
    s = " ".join(words)
    parts = dict(w.DAYPARTS, **w.DAYPARTS_AFTER_DAY) if after_day else w.DAYPARTS
    if s in parts:
        return _daypart(parts[s], ctx)
    if clock := _clock(s, marked, with_day):
        return clock
    for part, value in parts.items():
        rest = None
        if s.startswith(part + " "):
            rest = s.removeprefix(part + " ")
        elif s.endswith(" " + part):
            rest = s.removesuffix(" " + part)
        if rest is None or isinstance(value, str):
            continue
        inner, _seen = _strip(rest.split(), w.TIME_CONNECTORS)
        if inner and (clock := _clock(" ".join(inner), True, True)):
            return Clock(clock.hour, clock.minute, clock.bare, part=value)
    return None


def _daypart(value: int | str, ctx: Context) -> Clock:
    if value == "work_start":
        return Clock(ctx.start.hour, ctx.start.minute, bare=False)
    if value == "work_end":
        return Clock(ctx.end.hour, ctx.end.minute, bare=False)
    assert isinstance(value, int)
    return Clock(value, 0, bare=False, part=value)


def resolve(clock: Clock, ctx: Context, day_part: int | None = None) -> tuple[int, int]:
    """The clock time meant: a bare hour settled by a day part or by the working hours."""
    if not clock.bare:
        return clock.hour, clock.minute
    part = clock.part if clock.part is not None else day_part
    if part is not None:
        return (clock.hour + 12 if part >= 12 else clock.hour), clock.minute
    morning, afternoon = time(clock.hour, clock.minute), time(clock.hour + 12, clock.minute)

    def distance(t: time) -> int:
        if ctx.start <= t <= ctx.end:
            return 0
        minutes = t.hour * 60 + t.minute
        edges = (ctx.start.hour * 60 + ctx.start.minute, ctx.end.hour * 60 + ctx.end.minute)
        return min(abs(minutes - edge) for edge in edges)

    early, late = distance(morning), distance(afternoon)
    if early == late:
        raise WhenError(f"{clock.hour}", _(
            'Is that {morning} or {afternoon}? Write it with 24 hours, e.g. "{afternoon}".'
        ).format(morning=morning.strftime("%H:%M"), afternoon=afternoon.strftime("%H:%M")))
    return (clock.hour if early < late else clock.hour + 12), clock.minute


# --- putting the parts together ---------------------------------------------------------------

_RELATIVE_RE = re.compile(r"in ([0-9]{1,6}|[a-z]+) ([a-z]+(?: [a-z]+)?)")
_HALF_HOUR = {"in half an hour", "in a half hour", "in einer halben stunde",
              "in einer halben std", "in 1/2 stunde"}
_ISO_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[t ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(?:\.[0-9]+)?"
    r" ?(z|[+-][0-9]{2}:?[0-9]{2})?"
)



def relative(s: str, ctx: Context) -> datetime | None:
    """'in 2 hours' exactly; 'in 3 days' at the same wall-clock time; working days end-of-day."""
    if s in _HALF_HOUR:
        return ctx.now.astimezone(UTC) + timedelta(minutes=30)
    m = _RELATIVE_RE.fullmatch(s)
    if not m or (n := count(m[1])) is None:
        return None
    if m[2] in w.WORKING_DAY_UNITS:

        day = working_day_after(ctx.today, n, ctx)
        return wall(day, ctx.end.hour, ctx.end.minute, ctx.tz)
    unit = w.UNITS.get(m[2])
    if unit is None:
        return None
    try:
        if unit in ("minutes", "hours"):
            return ctx.now.astimezone(UTC) + timedelta(**{unit: n})
        # Days and weeks count calendar days, so "in 3 days" keeps the wall-clock time
        # across a DST change instead of drifting by an hour.
        local = ctx.now.astimezone(ctx.tz).replace(tzinfo=None, fold=0)
        if unit == "months":

            later = datetime.combine(add_months(local.date(), n), local.time())
        else:
            later = local + timedelta(**{unit: n})
        return later.replace(tzinfo=ctx.tz).astimezone(UTC)
    except (OverflowError, ValueError):
        raise WhenError(s) from None


def iso(s: str, tz: tzinfo) -> datetime | None:
    m = _ISO_RE.fullmatch(s)
    if not m:
        return None
    offset = {"z": "+00:00", None: ""}.get(m[7], m[7])
    try:
        value = datetime.fromisoformat(f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}{offset}")
        # Without an offset it is a wall time in the user's zone (fold=0, as in wall).
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(UTC)
    except (ValueError, OverflowError):
        raise WhenError(s) from None


def parse(s: str, ctx: Context) -> datetime | None:
    """A normalized phrase as a UTC instant; None if it is not a date; WhenError if unsure."""
    words = s.split()
    if not words or len(words) > 12:
        return None
    bare, _seen = _strip(words, w.DAY_CONNECTORS)
    for whole in (" ".join(bare), s):
        for parsed in (relative(whole, ctx), iso(whole, ctx.tz)):
            if parsed is not None:
                return parsed
    refused: WhenError | None = None
    for i in range(len(words) + 1):
        left, right = words[:i], words[i:]
        for day_w, time_w, day_first in ((left, right, True), (right, left, False)):
            try:
                found = _combine(day_w, time_w, day_first, ctx, s)
            except WhenError as exc:
                # One reading of the words is impossible; another split may still read them
                # whole ("Fr., 15. Jan." is not "Fr., 15." + "Jan.").
                refused = refused or exc
                continue
            if found is not None:
                return found
    if refused is not None:
        raise refused
    return None


def _combine(day_w: list[str], time_w: list[str], day_first: bool, ctx: Context,
             s: str) -> datetime | None:

    if (time_w and day_w and not day_first and day_w[0].replace(".", "") in ("am", "pm")
            and re.fullmatch(r"[0-9:.]+", time_w[-1])):
        return None  # "12 am tomorrow": "am" belongs to the clock, not "am Montag"
    day = day_part(day_w, ctx) if day_w else None
    if day_w and day is None:
        return None
    with_day = day is not None
    clock = time_part(time_w, ctx, day_first and with_day, with_day) if time_w else None
    if (time_w and clock is None) or not (day or clock):
        return None
    if day is None:  # a time alone: the next time the clock shows it
        hour, minute = resolve(clock, ctx)
        result = wall(ctx.today, hour, minute, ctx.tz)
        if result < ctx.now:
            result = wall(ctx.today + timedelta(days=1), hour, minute, ctx.tz)
        return result
    on, implied = day
    if clock is None:
        return _implied(on, implied, ctx, s)
    if isinstance(implied, str):
        return None  # "later today at 3", "tomorrow end of day 10": not one time
    hour, minute = resolve(clock, ctx, implied)
    return wall(on, hour, minute, ctx.tz)


def _implied(on: date, implied: int | str | None, ctx: Context, s: str) -> datetime:
    """A day said without a clock time: the time it implies, else the end of the working day."""
    if implied == "later":
        result = wall(on, ctx.end.hour, ctx.end.minute, ctx.tz)
        if result <= ctx.now:
            raise WhenError(s, _('The working day is over: name a time, e.g. "today 20:00".'))
        return result
    if isinstance(implied, int):
        return wall(on, implied, 0, ctx.tz)
    clock = _daypart(implied, ctx) if implied else _daypart("work_end", ctx)
    return wall(on, clock.hour, clock.minute, ctx.tz)
