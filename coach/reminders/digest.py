"""The morning digest (Tagesüberblick): once a working day, at its start, what matters today.

One notification lists today's promises (and the overdue ones), the replies owed by the end
of the day and the concerns your manager has not heard about. Its key is digest:<local day>:
sent once that day; if the computer was off at the start of the working day it is sent when
the first pass runs later that working day. Its "Open" shows the most urgent item first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from coach.i18n import _, ngettext
from coach.reminders.notification import Candidate, Context, Notification
from coach.reminders.quiet import allowed_at, wall

KIND = "digest"
LIST_LIMIT = 3


def key_of(day) -> str:
    return f"digest:{day.isoformat()}"


def _day_bounds(now: datetime, ctx: Context) -> tuple[datetime, datetime] | None:
    """Today's working day (start, end) if today is a working day."""
    wh, tz = ctx.hours, ctx.tz
    day = now.astimezone(tz).date()
    if day.weekday() not in wh.days:
        return None
    return wall(day, wh.start, tz), wall(day, wh.end, tz)


def next_start(now: datetime, ctx: Context) -> datetime | None:
    wh, tz = ctx.hours, ctx.tz
    day = now.astimezone(tz).date()
    for offset in range(1, 15):
        later = day + timedelta(days=offset)
        if later.weekday() in wh.days:
            return wall(later, wh.start, tz)
    return None


def _names(titles: list[str]) -> str:
    shown = titles[:LIST_LIMIT]
    text = "; ".join(shown)
    if len(titles) > LIST_LIMIT:
        text += "; " + _("and {n} more").format(n=len(titles) - LIST_LIMIT)
    return text


def body_lines(commitments: Iterable, replies: Iterable, concerns: Iterable,
               day_end: datetime) -> tuple[list[str], list]:
    """The digest's lines, and every item they mention."""
    lines, items = [], []
    late = [c for c in commitments if c.is_open and c.due is not None and c.due < day_end]
    if late:
        lines.append(ngettext("{n} promise due today or overdue: {names}",
                              "{n} promises due today or overdue: {names}", len(late))
                     .format(n=len(late), names=_names([c.title for c in late])))
        items += late
    owed = [r for r in replies if r.is_open and r.reply_by < day_end]
    if owed:
        lines.append(ngettext("{n} reply owed today: {names}", "{n} replies owed today: {names}",
                              len(owed)).format(n=len(owed), names=_names([r.who for r in owed])))
        items += owed
    untold = [c for c in concerns if c.is_open
              and (c.told_heat is None or c.heat > c.told_heat)]
    if untold:
        lines.append(ngettext("{n} concern your manager has not heard about: {names}",
                              "{n} concerns your manager has not heard about: {names}",
                              len(untold)).format(n=len(untold),
                                                  names=_names([c.title for c in untold])))
        items += untold
    return lines, items


def _listing(ctx: Context) -> bool:
    """Whether the digest is due now, so that it lists the items (candidates' own test)."""
    bounds = _day_bounds(ctx.now, ctx)
    if bounds is None or ctx.now >= bounds[1]:
        return False
    if key_of(ctx.now.astimezone(ctx.tz).date()) in ctx.notified:
        return False
    return allowed_at(max(bounds[0], ctx.now), ctx.values, ctx.tz) <= ctx.now


def wants_items(ctx: Context) -> bool:
    """A pass that plans only some items reads them all for the digest when this is True."""
    return _listing(ctx)


def candidates(commitments: Iterable, replies: Iterable, concerns: Iterable, ctx: Context,
               score: Callable | None = None) -> list[Candidate]:
    """`score(item)` ranks what matters first (the urgency score); Open shows the top one."""
    now = ctx.now
    bounds = _day_bounds(now, ctx)
    if bounds is None or now >= bounds[1]:
        wake = next_start(now, ctx)
        return [] if wake is None else [Candidate(key="digest", kind=KIND,
                                                  at=allowed_at(wake, ctx.values, ctx.tz),
                                                  single=None)]
    start, end = bounds
    key = key_of(now.astimezone(ctx.tz).date())
    if key in ctx.notified:
        wake = next_start(now, ctx)
        return [] if wake is None else [Candidate(key="digest", kind=KIND,
                                                  at=allowed_at(wake, ctx.values, ctx.tz),
                                                  single=None)]
    at = allowed_at(max(start, now), ctx.values, ctx.tz)
    if at > now:
        return [Candidate(key=key, kind=KIND, at=at, single=None)]
    lines, items = body_lines(list(commitments), list(replies), list(concerns), end)
    if not lines:
        return []  # nothing to say: no digest today, until something turns up
    if score is not None:
        items.sort(key=lambda item: -score(item))
    note = Notification(
        key=key, kind=KIND, title=_("Your day: what matters today"),
        body="\n".join(lines), item_ids=tuple(i.id for i in items), actions=("open",),
        record_keys=(key,), record_items=(None,), line=_("Your day: what matters today"))
    return [Candidate(key=key, kind=KIND, at=at, single=note)]
