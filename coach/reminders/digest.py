"""The morning digest (Tagesüberblick): once a working day, at its start, what matters today.

One notification lists today's promises (and the overdue ones), the replies owed by the end
of the day and the concerns your manager has not heard about. Its key is digest:<local day>:
sent once that day; if the computer was off at the start of the working day it is sent when
the first pass runs later that working day. Its "Open" shows the most urgent item first.
"""

from __future__ import annotations

from array import array
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


class _Line:
    """One line of the digest fed item by item: how many, the first names, and the items."""

    __slots__ = ("count", "ids", "names", "scores")

    def __init__(self) -> None:
        # The scores negated, as doubles: 50,000 float objects would weigh 1.2 MB more.
        self.count, self.names, self.ids, self.scores = 0, [], [], array("d")

    def add(self, item, name: str, score: Callable | None) -> None:
        self.count += 1
        if len(self.names) < LIST_LIMIT:
            self.names.append(name)
        self.ids.append(item.id)
        if score is not None:
            self.scores.append(-score(item))

    def text(self) -> str:
        text = "; ".join(self.names)
        if self.count > LIST_LIMIT:
            text += "; " + _("and {n} more").format(n=self.count - LIST_LIMIT)
        return text


class Listing:
    """The digest's lines, fed chunk by chunk (a first pass of a big database lists tens of
    thousands of items): the counts, the first names and each item's id and score."""

    def __init__(self, day_end: datetime, score: Callable | None = None) -> None:
        self.day_end, self.score = day_end, score
        self.late, self.owed, self.untold = _Line(), _Line(), _Line()

    def add_commitments(self, commitments: Iterable, score: Callable | None = None) -> None:
        score = score or self.score
        for c in commitments:
            if c.is_open and c.due is not None and c.due < self.day_end:
                self.late.add(c, c.title, score)

    def add_replies(self, replies: Iterable, score: Callable | None = None) -> None:
        score = score or self.score
        for r in replies:
            if r.is_open and r.reply_by < self.day_end:
                self.owed.add(r, r.who, score)

    def add_concerns(self, concerns: Iterable, score: Callable | None = None) -> None:
        score = score or self.score
        for c in concerns:
            if c.is_open and (c.told_heat is None or c.heat > c.told_heat):
                self.untold.add(c, c.title, score)

    def lines(self) -> list[str]:
        lines = []
        if self.late.count:
            lines.append(ngettext("{n} promise due today or overdue: {names}",
                                  "{n} promises due today or overdue: {names}", self.late.count)
                         .format(n=self.late.count, names=self.late.text()))
        if self.owed.count:
            lines.append(ngettext("{n} reply owed today: {names}",
                                  "{n} replies owed today: {names}", self.owed.count)
                         .format(n=self.owed.count, names=self.owed.text()))
        if self.untold.count:
            lines.append(ngettext("{n} concern your manager has not heard about: {names}",
                                  "{n} concerns your manager has not heard about: {names}",
                                  self.untold.count).format(n=self.untold.count,
                                                            names=self.untold.text()))
        return lines

    def item_ids(self, ranked: bool) -> tuple[int, ...]:
        """Every item the lines mention, the highest score first when `ranked` (ties keep
        the lines' order, as a stable sort of the items did)."""
        parts = (self.late, self.owed, self.untold)
        ids = [i for part in parts for i in part.ids]
        if not ranked:
            return tuple(ids)
        scores = array("d")
        for part in parts:
            scores.extend(part.scores)
        order = sorted(range(len(ids)), key=scores.__getitem__)
        return tuple(ids[n] for n in order)


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
    listing = Listing(end, score)
    listing.add_commitments(commitments)
    listing.add_replies(replies)
    return listed(listing, concerns, ctx)


def day_end(ctx: Context) -> datetime:
    """The end of today's working day, before which the digest lists what is due."""
    return _day_bounds(ctx.now, ctx)[1]


def listed(listing: Listing, concerns: Iterable, ctx: Context) -> list[Candidate]:
    """The digest of a pass that found it due (`wants_items`) and fed it every item."""
    listing.add_concerns(concerns)
    lines = listing.lines()
    if not lines:
        return []  # nothing to say: no digest today, until something turns up
    key = key_of(ctx.now.astimezone(ctx.tz).date())
    at = allowed_at(max(_day_bounds(ctx.now, ctx)[0], ctx.now), ctx.values, ctx.tz)
    note = Notification(
        key=key, kind=KIND, title=_("Your day: what matters today"),
        body="\n".join(lines), item_ids=listing.item_ids(listing.score is not None),
        actions=("open",),
        record_keys=(key,), record_items=(None,), line=_("Your day: what matters today"))
    return [Candidate(key=key, kind=KIND, at=at, single=note)]
