"""When a notification may go out: outside quiet hours and any pause; the shared back-off.

Owed replies and commitments nag the same way once they are due: at the due time, then
every 2 working hours four times (about one working day), then once a working day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta, tzinfo

from coach.reminders.notification import Context, Notified
from coach.storage.settings import WorkingHours
from coach.timing.working_hours import add_working_hours

REPEAT_WORKING_HOURS = 2  # after the due time, nudge again every 2 working hours ...
FAST_REPEATS = 4  # ... this many times (about one working day), then once a working day


def clock(text: str) -> time:
    hour, minute = str(text).split(":")
    return time(int(hour), int(minute))


def wall(day, at: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def quiet_end_after(moment: datetime, values: Mapping, tz: tzinfo) -> datetime | None:
    """If `moment` falls in quiet hours, the instant they end; otherwise None."""
    start, end = clock(values["quiet_start"]), clock(values["quiet_end"])
    if start == end:
        return None  # no quiet hours
    local = moment.astimezone(tz)
    now_clock = local.time()
    if start < end:
        quiet = start <= now_clock < end
        end_day = local.date()
    else:  # over midnight, e.g. 20:00 → 07:00
        quiet = now_clock >= start or now_clock < end
        end_day = local.date() + timedelta(days=1) if now_clock >= start else local.date()
    if not quiet:
        return None
    return wall(end_day, end, tz).astimezone(moment.tzinfo)


def paused_until(values: Mapping) -> datetime | None:
    raw = values.get("paused_until")
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        return None  # a damaged setting must not stop reminders for good
    return value if value.tzinfo else None


def allowed_at(moment: datetime, values: Mapping, tz: tzinfo) -> datetime:
    """The first instant at or after `moment` outside quiet hours and any pause."""
    pause = paused_until(values)
    for _round in range(3):
        if pause is not None and moment < pause:
            moment = pause
        later = quiet_end_after(moment, values, tz)
        if later is None:
            break
        moment = later
    return moment


def working_day_hours(wh: WorkingHours) -> float:
    start = wh.start.hour + wh.start.minute / 60
    end = wh.end.hour + wh.end.minute / 60
    return max(end - start, 1.0)


def in_working_hours(moment: datetime, wh: WorkingHours, tz: tzinfo) -> bool:
    local = moment.astimezone(tz)
    return local.weekday() in wh.days and wh.start <= local.time() < wh.end


def next_after_due(due: datetime, record: Notified | None, ctx: Context) -> datetime:
    """Back-off: at the due time, then every 2 working hours, then once a working day."""
    if record is None or record.count == 0 or record.last_at < due:
        # Nothing sent yet for the current due time (it may have been moved later).
        base = due
        if record is not None and record.snoozed_until and record.snoozed_until > base:
            base = record.snoozed_until
        return base
    if record.snoozed_until and record.snoozed_until > record.last_at:
        return record.snoozed_until
    wh = ctx.hours
    step = REPEAT_WORKING_HOURS if record.count <= FAST_REPEATS else working_day_hours(wh)
    return add_working_hours(record.last_at, step, wh, ctx.tz)


def next_working_instant(moment: datetime, wh: WorkingHours, tz: tzinfo) -> datetime:
    """`moment` if it is inside working hours, else the start of the next working period."""
    return add_working_hours(moment, 0, wh, tz)


def working_hours_before(end: datetime, hours: float, wh: WorkingHours,
                         tz: tzinfo) -> datetime | None:
    """The instant `hours` of working time before `end`, or None if there is none in reach."""
    remaining = timedelta(hours=hours)
    cursor = end.astimezone(tz)
    for _day in range(60):
        if cursor.weekday() in wh.days:
            begin, stop = wall(cursor.date(), wh.start, tz), wall(cursor.date(), wh.end, tz)
            cursor = min(cursor, stop)
            if cursor > begin:
                # Through UTC, so an hour lost or won to DST inside the day counts right.
                available = cursor.astimezone(UTC) - begin.astimezone(UTC)
                if remaining <= available:
                    return (cursor.astimezone(UTC) - remaining).astimezone(UTC)
                remaining -= available
        cursor = wall(cursor.date() - timedelta(days=1), time(23, 59, 59), tz)
    return None


def advice_deadline(advice: str, now: datetime, ctx: Context) -> datetime | None:
    """The latest moment the first notification may come so it agrees with the advice.

    "Call now" is notified now (or when the next working period starts); "today" an hour
    before today's working day ends (at once if that is past); other advice sets no limit.
    """
    from coach.model.labels import CALL_NOW, TODAY

    if advice not in (CALL_NOW, TODAY):
        return None
    known = ctx.deadlines  # the same for every item of a pass: worked out once
    if (advice, now) not in known:
        known[advice, now] = _advice_deadline(advice, now, ctx)
    return known[advice, now]


def _advice_deadline(advice: str, now: datetime, ctx: Context) -> datetime | None:
    from coach.model.labels import CALL_NOW, TODAY

    wh = ctx.hours
    if advice == CALL_NOW:
        return next_working_instant(now, wh, ctx.tz)
    if advice == TODAY:
        start = next_working_instant(now, wh, ctx.tz)
        end = wall(start.astimezone(ctx.tz).date(), wh.end, ctx.tz)
        return max(start, (end - timedelta(hours=1)).astimezone(UTC))
    return None
