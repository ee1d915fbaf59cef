"""The end-of-day review's notification (Tagesabschluss): once for each working day.

At `review_time` on a working day, unless that day's review is already kept, one notification
(key review:<day>). A review that was skipped is caught up the next morning: at the start of
the next working day one more notification (key review-catch-up:<day>) asks for that day.
The two keys are the record, so the window and `coach remind --once` never send one twice;
a computer that was off in the evening gets only the morning's catch-up, not both at once.
Quiet hours and a pause hold either back like every other reminder. Its action opens the
review in the window (ui.notify.reminders).

The facts (which review is pending) come from coach.rhythm.review, read in
coach.reminders.notified; this module only decides when and what to say.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from coach.i18n import _
from coach.reminders.notification import Candidate, Context, Notification
from coach.reminders.quiet import allowed_at, clock, wall

KIND = "review"
TODAY, CATCH_UP = "today", "catch-up"  # as coach.rhythm.review names them


def key_of(kind: str, day: date) -> str:
    return f"{'review' if kind == TODAY else 'review-catch-up'}:{day.isoformat()}"


def facts(store, now: datetime, tz, values) -> dict[str, Any] | None:
    """The review pending now, as {"kind", "day", "sent"}; None when none is (or the review
    is off). `sent`: its notification is in the record already, read here by its own key so
    the answer does not depend on which records a pass chose to load."""
    from coach.rhythm import review

    due = review.pending(store, now, tz, dict(values))
    if due is None or not review.in_use_before(store, now):
        return None  # an empty, fresh install is not asked to review a day it did not have
    key = key_of(due.kind, due.day)
    sent = store.conn.execute("SELECT 1 FROM notifications WHERE key = ?",
                              (key,)).fetchone() is not None
    return {"kind": due.kind, "day": due.day, "sent": sent}


def _review_time(ctx: Context):
    raw = ctx.values.get("review_time")
    if not raw:
        return None
    try:
        return clock(raw)
    except ValueError:
        return None  # a damaged setting: the review is off, as coach.rhythm.review reads it


def _next_working(day: date, ctx: Context, include: bool) -> date | None:
    days = ctx.hours.days
    for offset in range(0 if include else 1, 15):
        later = day + timedelta(days=offset)
        if later.weekday() in days:
            return later
    return None


def _next_review_time(ctx: Context, at) -> datetime | None:
    """The next review time still to come (today's if it is ahead, else a later day's)."""
    local = ctx.now.astimezone(ctx.tz)
    day = _next_working(local.date(), ctx, include=local.time() < at)
    return None if day is None else wall(day, at, ctx.tz)


def _morning(ctx: Context) -> datetime | None:
    """When a catch-up may go out: from the start of today's working day (a working day's),
    else from the start of the next one."""
    local = ctx.now.astimezone(ctx.tz)
    day = _next_working(local.date(), ctx, include=True)
    return None if day is None else max(wall(day, ctx.hours.start, ctx.tz), ctx.now)


def _wake(moment: datetime | None, ctx: Context) -> list[Candidate]:
    if moment is None:
        return []
    return [Candidate(key=KIND, kind=KIND, at=allowed_at(moment, ctx.values, ctx.tz),
                      single=None)]


def notification(kind: str, day: date) -> Notification:
    from coach.rhythm.review import day_name

    key = key_of(kind, day)
    if kind == TODAY:
        title = _("Time for your end-of-day review")
        body = _("Five questions, two minutes: what you promised, who called, which concerns "
                 "changed, what your manager should hear and what slips.")
    else:
        title = _("You skipped the review on {day}").format(day=day_name(day))
        body = _("Catch it up now: five questions about {day}, two minutes.").format(
            day=day_name(day))
    return Notification(key=key, kind=KIND, title=title, body=body, item_ids=(),
                        actions=("review",), record_keys=(key,), record_items=(None,),
                        line=title)


def candidates(data: dict[str, Any] | None, ctx: Context) -> list[Candidate]:
    at = _review_time(ctx)
    if at is None:
        return []
    if data is None:  # nothing pending: wake up for the next review time
        return _wake(_next_review_time(ctx, at), ctx)
    kind, day = data["kind"], data["day"]
    key = key_of(kind, day)
    if kind == TODAY:
        when = wall(day, at, ctx.tz)
        later = _morning_after(day, ctx)  # then the catch-up may be due
    else:
        when = _morning(ctx)
        later = _next_review_time(ctx, at)  # then today's own review
        if when is None:
            return []
    if key in ctx.notified or data.get("sent"):
        return _wake(later, ctx)
    # From now on (a review time long past must not slip out in tonight's quiet hours).
    send_at = allowed_at(max(when, ctx.now), ctx.values, ctx.tz)
    if send_at > ctx.now:
        return [Candidate(key=key, kind=KIND, at=send_at, single=None)]
    return [Candidate(key=key, kind=KIND, at=send_at, single=notification(kind, day))]


def _morning_after(day: date, ctx: Context) -> datetime | None:
    nxt = _next_working(day, ctx, include=False)
    return None if nxt is None else wall(nxt, ctx.hours.start, ctx.tz)
