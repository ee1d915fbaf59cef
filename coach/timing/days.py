"""Day phrases of the WHEN grammar: "Friday", "Dienstag nächste Woche", "KW 50", "3.12.",
"end of the month", "the 15th", "in 3 Werktagen".

`day_part` answers (date, implied time) or None; the implied time is an hour, "work_start",
"work_end", "later", or None (the end of the working day). Numeric dates follow the locale's
day order (`Context.order`); where it is unknown they are refused, never guessed.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from coach.timing import words as w
from coach.timing.phrase import Context, WhenError, _, _strip, count

Day = tuple[date, int | str | None]
MAX_WORKING_DAYS = 3660
WEEKDAY_PAST_DAYS = 182

_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NUMERIC_RE = re.compile(r"([0-9]{1,2})([./])([0-9]{1,2})(?:\2([0-9]{4}|[0-9]{2})?)?\.?")
_DAY_MONTH_RE = re.compile(
    r"(?:the )?([0-9]{1,2})(?:\.|st|nd|rd|th)? (?:of )?([a-z]+)\.?(?: ([0-9]{4}))?")
_MONTH_DAY_RE = re.compile(
    r"([a-z]+)\.? (?:the )?([0-9]{1,2})(?:st|nd|rd|th)?\.?(?: ([0-9]{4}))?")
_ORDINAL_RE = re.compile(r"(?:the )?([0-9]{1,2})(?:st|nd|rd|th|\.)|the ([0-9]{1,2})")
_CALENDAR_WEEK_RE = re.compile(
    r"(?:the )?(?:calendar week|kalenderwoche|week|woche|kw|cw|wk) ?([0-9]{1,2})"
    r"(?:(?: |/| of )([0-9]{4}))?")
_RELATIVE_DAY_RE = re.compile(r"in ([0-9]{1,4}|[a-z]+) ([a-z]+(?: [a-z]+)?)")


def weekday(token: str) -> int | None:
    token = token.rstrip(".")
    return w.WEEKDAYS.get(token, w.WEEKDAY_SHORT.get(token))


def day_part(words: list[str], ctx: Context) -> Day | None:
    s = " ".join(words)
    if found := _relative_day(s, ctx):
        return found, None
    words, _seen = _strip(words, w.DAY_CONNECTORS | {"in"})
    s = " ".join(words)
    if s in w.FIXED_DAYS:
        offset, implied = w.FIXED_DAYS[s]
        return ctx.today + timedelta(days=offset), implied
    for reader in (_weekday_day, _position_day, _week_day, _calendar_day):
        if (found := reader(words, ctx)) is not None:
            return found, None
    return None


def _relative_day(s: str, ctx: Context) -> date | None:
    """'in 3 Tagen' or 'in 3 Werktagen' as a day, for when a clock time comes with it."""
    m = _RELATIVE_DAY_RE.fullmatch(s)
    if not m or (n := count(m[1])) is None:
        return None
    if m[2] in w.WORKING_DAY_UNITS:
        return working_day_after(ctx.today, n, ctx)
    unit = w.UNITS.get(m[2])
    try:
        if unit == "days":
            return ctx.today + timedelta(days=n)
        if unit == "weeks":
            return ctx.today + timedelta(weeks=n)
        if unit == "months":
            return add_months(ctx.today, n)
    except (OverflowError, ValueError):
        raise WhenError(s) from None
    return None


def working_day_after(today: date, n: int, ctx: Context) -> date:
    """The n-th working day after today (0: today)."""
    if n > MAX_WORKING_DAYS or not ctx.days:
        raise WhenError(str(n))
    day, found = today, 0
    while found < n:
        day += timedelta(days=1)
        found += day.weekday() in ctx.days
    return day


def add_months(day: date, n: int) -> date:
    """Same day n months later; the 31st becomes the month's last day where it has none."""
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _coming(today: date, target: int) -> date:
    # "next Friday" is read like "Friday": the coming one, never today. That is what most
    # people mean, and it keeps "next" from silently skipping a week.
    return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)


def week_ref(words: list[str], ctx: Context) -> date | None:
    """The Monday of a named week: "next week", "KW 50", "week 50 2027"."""
    s = " ".join(words)
    if s in w.WEEKS:
        return _monday(ctx.today) + timedelta(weeks=w.WEEKS[s])
    m = _CALENDAR_WEEK_RE.fullmatch(s)
    if not m:
        return None
    week = int(m[1])
    years = [int(m[2])] if m[2] else [ctx.today.year, ctx.today.year + 1]
    for year in years:
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            if m[2] or week != 53:
                raise WhenError(s, _("There is no calendar week {week} in {year}.").format(
                    week=week, year=year)) from None
            continue
        if m[2] or monday + timedelta(days=6) >= ctx.today:
            return monday
    raise WhenError(s, _("There is no calendar week {week} in {year}.").format(
        week=week, year=years[-1]))


def _working_days(first: date, last: date, ctx: Context, phrase: str) -> list[date]:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    found = [d for d in days if d.weekday() in ctx.days]
    if not found:
        raise WhenError(phrase, _("There is no working day in that time."))
    return found


def _weekday_day(words: list[str], ctx: Context) -> date | None:
    if not words:
        return None
    if len(words) == 1 and (day := weekday(words[0])) is not None:
        return _coming(ctx.today, day)
    if len(words) == 2 and (day := weekday(words[1])) is not None:
        if words[0] in w.NEXT | w.THIS:
            return _coming(ctx.today, day)
        if words[0] in ("uebernaechsten", "uebernaechster"):
            return _coming(ctx.today, day) + timedelta(weeks=1)
    day = weekday(words[0])
    if day is not None:  # "Tuesday next week", "Dienstag der nächsten Woche", "Fri 27.11."
        rest, _seen = _strip(words[1:], {"of", "in", "on", "am", "the"})
        if (monday := week_ref(rest, ctx)) is not None:
            return monday + timedelta(days=day)
        if (on := _calendar_day(words[1:], ctx)) is not None:
            if not _YEAR_RE.search(" ".join(words[1:])):
                on = _year_by_weekday(on, day, ctx.today)
            return _agrees(on, day, " ".join(words))
    day = weekday(words[-1])
    if day is not None and len(words) > 1:  # "next week Tuesday", "nächste Woche am Dienstag"
        rest = words[:-1]
        if rest and rest[-1] in ("on", "am"):
            rest = rest[:-1]
        if (monday := week_ref(rest, ctx)) is not None:
            return monday + timedelta(days=day)
    return None


_YEAR_RE = re.compile(r"[0-9]{4}|[0-9]+[./][0-9]+[./][0-9]+")


def _year_by_weekday(on: date, day: int, today: date) -> date:
    """'Mon 23 Nov' without a year: the year in which 23 Nov is a Monday, from half a year
    back to a year ahead.

    In that span a date falls on a given weekday at most once (the same date a year apart
    is one or two weekdays later), so the weekday settles the year exactly, and a date the
    app printed for last week (an overdue item, a log entry) parses back to it.
    """
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidate = on.replace(year=year)
        except ValueError:
            continue
        if candidate.weekday() == day and -WEEKDAY_PAST_DAYS <= (candidate - today).days <= 366:
            return candidate
    return on


def _agrees(on: date, day: int, phrase: str) -> date:
    """A weekday said with a date must be that date's weekday; otherwise one of them is wrong."""
    if on.weekday() != day:
        from babel.dates import format_date

        from coach.i18n import babel_locale

        raise WhenError(phrase, _("{date} is a {weekday}.").format(
            date=format_date(on, "medium", locale=babel_locale()),
            weekday=format_date(on, "EEEE", locale=babel_locale())))
    return on


def _position(words: list[str]) -> tuple[str, list[str]] | None:
    for n in (3, 2, 1):
        key = " ".join(words[:n])
        if len(words) > n and key in w.POSITIONS:
            return w.POSITIONS[key], words[n:]
    return None


def _position_day(words: list[str], ctx: Context) -> date | None:
    s = " ".join(words)
    if s in w.COMPOUND_POSITIONS:
        where, span, ahead = w.COMPOUND_POSITIONS[s]
        return _in_span(where, span, ahead, None, ctx, s)
    found = _position(words)
    if found is None:
        return None
    where, rest = found
    if (monday := week_ref(rest, ctx)) is not None:
        return _in_week(where, monday, ctx, s)
    rest_s = " ".join(rest)
    if rest_s in w.MONTH_REFS:
        return _in_span(where, "month", w.MONTH_REFS[rest_s], None, ctx, s)
    m = re.fullmatch(r"([a-z]+)\.?(?: ([0-9]{4}))?", rest_s)
    if m and m[1] in w.MONTHS:
        return _in_span(where, "month", None, (w.MONTHS[m[1]], m[2]), ctx, s)
    return None


def _pick(where: str, days: list[date]) -> date:
    if where == "start":
        return days[0]
    if where == "end":
        return days[-1]
    return days[len(days) // 2]


def _in_week(where: str, monday: date, ctx: Context, phrase: str) -> date:
    day = _pick(where, _working_days(monday, monday + timedelta(days=6), ctx, phrase))
    if day < ctx.today and monday == _monday(ctx.today):
        if where != "end":
            raise WhenError(phrase, _("That day is already past."))
        # "end of the week" said on the weekend means the coming one.
        day = _pick(where, _working_days(monday + timedelta(weeks=1),
                                         monday + timedelta(days=13), ctx, phrase))
    return day


def _in_span(where: str, span: str, ahead: int | None, named: tuple[int, str | None] | None,
             ctx: Context, phrase: str) -> date:
    if span == "week":
        return _in_week(where, _monday(ctx.today) + timedelta(weeks=ahead or 0), ctx, phrase)
    today = ctx.today
    if named is not None:
        month, year = named
        first = date(int(year) if year else today.year, month, 1)
        if not year and (first.year, first.month) < (today.year, today.month):
            first = first.replace(year=first.year + 1)
    else:
        first = add_months(today.replace(day=1), ahead or 0)

    def pick_in(first: date) -> date:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        days = _working_days(first, last, ctx, phrase)
        if where == "middle":
            return next((d for d in days if d.day >= 15), days[-1])
        return _pick(where, days)

    day = pick_in(first)
    if day < today:
        if where != "end" or named and named[1]:
            raise WhenError(phrase, _("That day is already past."))
        day = pick_in(add_months(first, 12 if named else 1))
    return day


def _week_day(words: list[str], ctx: Context) -> date | None:
    """A week on its own: its first working day, or its last once the first has passed."""
    monday = week_ref(words, ctx)
    if monday is None:
        return None
    days = _working_days(monday, monday + timedelta(days=6), ctx, " ".join(words))
    return days[0] if days[0] >= ctx.today else days[-1]


def _calendar_day(words: list[str], ctx: Context) -> date | None:
    s = " ".join(words)
    today = ctx.today
    if m := _ISO_DATE_RE.fullmatch(s):
        return next_date(today, int(m[2]), int(m[3]), m[1], s)
    if m := _NUMERIC_RE.fullmatch(s):
        return _numeric(m, ctx, s)
    if (m := _DAY_MONTH_RE.fullmatch(s)) and m[2] in w.MONTHS:
        return next_date(today, w.MONTHS[m[2]], int(m[1]), m[3], s)
    if (m := _MONTH_DAY_RE.fullmatch(s)) and m[1] in w.MONTHS:
        return next_date(today, w.MONTHS[m[1]], int(m[2]), m[3], s)
    if m := _ORDINAL_RE.fullmatch(s):
        return _day_of_month(int(m[1] or m[2]), today, s)
    return None


def _numeric(m: re.Match[str], ctx: Context, s: str) -> date:
    example = _('write it as "2026-12-03" or "3 December"')
    if ctx.order is None:
        raise WhenError(s, _("The order of day and month is not known here: {example}.")
                        .format(example=example))
    first, second = int(m[1]), int(m[3])
    day, month = (first, second) if ctx.order == "dmy" else (second, first)
    if not 1 <= month <= 12:
        shown = _("day.month") if ctx.order == "dmy" else _("month/day")
        raise WhenError(s, _("Read as {order}, that is no date: {example}.").format(
            order=shown, example=example))
    return next_date(ctx.today, month, day, m[4], s)


def next_date(today: date, month: int, day: int, year: str | None, phrase: str) -> date:
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
    raise WhenError(phrase, _("There is no such day in the calendar."))


def _day_of_month(day: int, today: date, phrase: str) -> date:
    """'the 15th': the next 15th from today on, in the first month that has that day."""
    month_start = today.replace(day=1)
    for ahead in range(13):
        first = add_months(month_start, ahead)
        if day <= calendar.monthrange(first.year, first.month)[1] and day >= 1:
            candidate = first.replace(day=day)
            if candidate >= today:
                return candidate
    raise WhenError(phrase, _("There is no such day in the calendar."))
