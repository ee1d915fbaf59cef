"""Trust figures: how reliably promises, replies, early warnings and loops were kept.

Definitions (the dashboard, `coach stats` and the README use the same ones):

- A commitment with a due time is *settled* once it is closed (done, dropped, renegotiated)
  or still open past its due time. It counts in the period of its closing time (its due time
  while still open). It is *kept on time* when it was done no later than its due time;
  dropped, renegotiated and overdue ones are not. *Average lateness* is over the commitments
  done late: closed minus due.
- An owed reply is settled once it was returned, or is still open past its reply-by time
  (dropped ones are left out: no reply was owed after all). It counts in the period of its
  return (its reply-by time while open) and is *on time* when returned by its reply-by time.
  *Median time to reply* (per channel) is returned minus received.
- A concern counts once the manager was told about it or it reached heat 4, in the period of
  whichever came first. It was *told early* when the manager heard of it before it reached
  heat 4. *Median time to tell* runs from the moment it first reached heat 3 (its creation,
  if it started that warm) to the first time the manager was told; a concern told before it
  ever got warm counts as 0 hours.
- *Loops closed*: of the done commitments that needed reporting back (from the manager, or
  marked "report back"), the share whose loop was closed: told, put in a briefing, or with a
  loop-closed time. They count in the period they were done.
- *Calibration*: over all settled commitments with a promise check, the kept-on-time rate
  per check result. If "safe" is far from 100 %, the check is too generous.

Weeks start on Monday in the user's zone. The pure functions take plain records; ``load``
fetches only the rows of the period (indexed ranges) and aggregates calibration in SQL.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from coach.timing.timeutil import from_db, to_db

PERIOD_DAYS = 90
WEEKS = 12
RECENT = 10
CHECK_RESULTS = ("safe", "own-part", "not-yet", "skipped")


@dataclass(frozen=True)
class Promise:
    due: datetime
    status: str
    closed: datetime | None = None

    def settled(self, now: datetime) -> bool:
        return self.status != "open" or self.due <= now

    @property
    def kept_on_time(self) -> bool:
        return self.status == "done" and self.closed is not None and self.closed <= self.due

    def when(self) -> datetime:
        return self.closed if self.status != "open" and self.closed else self.due


@dataclass(frozen=True)
class Reply:
    channel: str
    received: datetime
    reply_by: datetime
    status: str
    returned: datetime | None = None

    def settled(self, now: datetime) -> bool:
        if self.status == "dropped":
            return False
        return self.returned is not None or self.reply_by <= now

    @property
    def on_time(self) -> bool:
        return self.returned is not None and self.returned <= self.reply_by

    def when(self) -> datetime:
        return self.returned or self.reply_by


@dataclass(frozen=True)
class ConcernTrack:
    """One concern's milestones, from its log: first warm (heat 3+), first hot (4+), told."""

    created: datetime
    warm: datetime | None = None
    hot: datetime | None = None
    told: datetime | None = None

    @property
    def counts(self) -> bool:
        return self.told is not None or self.hot is not None

    @property
    def told_early(self) -> bool:
        return self.told is not None and (self.hot is None or self.told < self.hot)

    def when(self) -> datetime:
        return min(t for t in (self.told, self.hot) if t is not None)

    def hours_to_tell(self) -> float | None:
        if self.told is None:
            return None
        if self.warm is None or self.warm >= self.told:
            return 0.0
        return (self.told - self.warm).total_seconds() / 3600


@dataclass(frozen=True)
class Loop:
    closed: datetime
    loop_closed: bool


@dataclass
class Data:
    """Everything the figures need, for one period; built by ``load`` or by hand in tests."""

    promises: list[Promise] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    concerns: list[ConcernTrack] = field(default_factory=list)
    loops: list[Loop] = field(default_factory=list)
    last_briefing: datetime | None = None
    # check result → (kept on time, settled), over all time
    calibration_counts: dict[str, tuple[int, int]] = field(default_factory=dict)


def pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _in(moment: datetime, start: datetime, end: datetime) -> bool:
    return start <= moment < end


def promise_figures(promises: Iterable[Promise], now: datetime, start: datetime,
                    end: datetime) -> dict[str, Any]:
    settled = [p for p in promises if p.settled(now) and _in(p.when(), start, end)]
    kept = sum(p.kept_on_time for p in settled)
    late = [_hours(p.closed - p.due) for p in settled
            if p.status == "done" and p.closed and p.closed > p.due]
    return {"kept": kept, "total": len(settled), "pct": pct(kept, len(settled)),
            "avg_lateness_hours": round(sum(late) / len(late), 1) if late else None}


def reply_figures(replies: Iterable[Reply], now: datetime, start: datetime,
                  end: datetime) -> dict[str, Any]:
    settled = [r for r in replies if r.settled(now) and _in(r.when(), start, end)]
    on_time = sum(r.on_time for r in settled)
    by_channel: dict[str, list[float]] = {}
    for r in settled:
        if r.returned is not None:
            by_channel.setdefault(r.channel, []).append(_hours(r.returned - r.received))
    return {"on_time": on_time, "total": len(settled), "pct": pct(on_time, len(settled)),
            "median_hours_by_channel": {ch: _median(v) for ch, v in sorted(by_channel.items())}}


def concern_figures(concerns: Iterable[ConcernTrack], start: datetime,
                    end: datetime) -> dict[str, Any]:
    counted = [c for c in concerns if c.counts and _in(c.when(), start, end)]
    early = sum(c.told_early for c in counted)
    waits = [h for c in counted if (h := c.hours_to_tell()) is not None]
    return {"early": early, "total": len(counted), "pct": pct(early, len(counted)),
            "median_hours_to_tell": _median(waits)}


def loop_figures(loops: Iterable[Loop], start: datetime, end: datetime) -> dict[str, Any]:
    counted = [loop for loop in loops if _in(loop.closed, start, end)]
    closed = sum(loop.loop_closed for loop in counted)
    return {"closed": closed, "total": len(counted), "pct": pct(closed, len(counted))}


def days_since(moment: datetime | None, now: datetime, tz: tzinfo) -> int | None:
    """Calendar days in the user's zone: yesterday evening is 1, not 0."""
    if moment is None:
        return None
    return (now.astimezone(tz).date() - moment.astimezone(tz).date()).days


def calibration(counts: dict[str, tuple[int, int]]) -> dict[str, float | None]:
    return {result: pct(*counts.get(result, (0, 0))) for result in CHECK_RESULTS}


def recent_misses(items: Sequence, now: datetime, ok: str, n: int = RECENT) -> tuple[int, int]:
    """(missed, looked at) among the last n settled items: '3 of your last 10 replies'."""
    settled = sorted((i for i in items if i.settled(now)), key=lambda i: i.when())[-n:]
    return sum(not getattr(i, ok) for i in settled), len(settled)


def week_start(moment: datetime, tz: tzinfo, first_weekday: int = 0) -> date:
    day = moment.astimezone(tz).date()
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_bounds(now: datetime, tz: tzinfo, weeks: int = WEEKS,
                first_weekday: int = 0) -> list[tuple[date, datetime, datetime]]:
    """The last ``weeks`` week spans in local time (the current one included); weeks start
    on ``first_weekday`` (0 = Monday, 6 = Sunday) as the user's locale has it."""
    first = week_start(now, tz, first_weekday) - timedelta(weeks=weeks - 1)
    spans = []
    for i in range(weeks):
        day = first + timedelta(weeks=i)
        start = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)
        nxt = day + timedelta(weeks=1)
        end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz).astimezone(UTC)
        spans.append((day, start, end))
    return spans


def compute(data: Data, now: datetime, tz: tzinfo, weeks: int = WEEKS,
            first_weekday: int = 0) -> dict[str, Any]:
    """All figures as plain JSON-ready data: the last 90 days, and week by week."""
    start = now - timedelta(days=PERIOD_DAYS)
    end = now + timedelta(seconds=1)  # the period includes this very second
    promises = promise_figures(data.promises, now, start, end)
    replies = reply_figures(data.replies, now, start, end)
    concerns = concern_figures(data.concerns, start, end)
    loops = loop_figures(data.loops, start, end)
    recent_p = [p for p in data.promises if p.when() >= start]
    recent_r = [r for r in data.replies if r.when() >= start]
    weekly = []
    for day, w_start, w_end in week_bounds(now, tz, weeks, first_weekday):
        weekly.append({
            "week_start": day.isoformat(),
            # The ISO week holding most of the span, also for weeks that start on Sunday.
            "week": (day + timedelta(days=3)).isocalendar().week,
            "promises_kept_on_time_pct": promise_figures(data.promises, now, w_start,
                                                         w_end)["pct"],
            "replies_on_time_pct": reply_figures(data.replies, now, w_start, w_end)["pct"],
            "concerns_told_early_pct": concern_figures(data.concerns, w_start, w_end)["pct"],
            "loops_closed_pct": loop_figures(data.loops, w_start, w_end)["pct"],
        })
    return {
        "period_days": PERIOD_DAYS,
        "promises_kept_on_time_pct": promises["pct"],
        "promises_settled": promises["total"],
        "promises_avg_lateness_hours": promises["avg_lateness_hours"],
        "replies_on_time_pct": replies["pct"],
        "replies_settled": replies["total"],
        "reply_median_hours_by_channel": replies["median_hours_by_channel"],
        "concerns_told_early_pct": concerns["pct"],
        "concerns_counted": concerns["total"],
        "concern_median_hours_to_tell": concerns["median_hours_to_tell"],
        "days_since_last_briefing": days_since(data.last_briefing, now, tz),
        "loops_closed_pct": loops["pct"],
        "loops_counted": loops["total"],
        "calibration": calibration(data.calibration_counts),
        "calibration_counts": {r: list(data.calibration_counts.get(r, (0, 0)))
                               for r in CHECK_RESULTS},
        "recent": {
            "promises_late": list(recent_misses(recent_p, now, "kept_on_time")),
            "replies_late": list(recent_misses(recent_r, now, "on_time")),
            "concerns_late": [concerns["total"] - concerns["early"], concerns["total"]],
            "loops_open": [loops["total"] - loops["closed"], loops["total"]],
        },
        "weekly": weekly,
    }


def _t(value: str | None) -> datetime | None:
    return from_db(value)


def load(store, now: datetime, tz: tzinfo, weeks: int = WEEKS) -> Data:
    """Only the rows the figures need: the period's range, read through the indexes."""
    since = min(now - timedelta(days=PERIOD_DAYS), week_bounds(now, tz, weeks)[0][1])
    lo, hi = to_db(since), to_db(now)
    conn = store.conn
    promises = [
        Promise(_t(due), status, _t(closed)) for due, status, closed in conn.execute(
            "SELECT due, status, closed FROM commitments WHERE due IS NOT NULL AND ("
            " (status = 'open' AND due >= ? AND due <= ?)"
            " OR (status IN ('done', 'dropped', 'renegotiated') AND closed >= ? AND closed <= ?))",
            (lo, hi, lo, hi))
    ]
    replies = [
        Reply(channel, _t(received), _t(reply_by), status, _t(returned))
        for channel, received, reply_by, status, returned in conn.execute(
            "SELECT channel, received, reply_by, status, returned FROM owed_replies WHERE"
            " (status = 'open' AND reply_by >= ? AND reply_by <= ?)"
            " OR (status = 'returned' AND returned >= ? AND returned <= ?)",
            (lo, hi, lo, hi))
    ]
    # Milestones come from the log; a concern last changed before the period cannot have a
    # milestone in it, so `updated` prunes old ones before the join.
    concerns = [
        ConcernTrack(_t(created), _t(warm), _t(hot), _t(told))
        for created, warm, hot, told in conn.execute(
            "SELECT c.created,"
            " MIN(CASE WHEN l.heat >= 3 AND l.kind != 'told' THEN l.at END),"
            " MIN(CASE WHEN l.heat >= 4 AND l.kind != 'told' THEN l.at END),"
            " COALESCE(MIN(CASE WHEN l.kind = 'told' THEN l.at END), c.told_at)"
            " FROM concerns c LEFT JOIN concern_log l ON l.concern_id = c.id"
            " WHERE c.updated >= ? GROUP BY c.id", (lo,))
    ]
    loops = [
        Loop(_t(closed), bool(done)) for closed, done in conn.execute(
            "SELECT closed, loop_state IN ('told', 'briefing') OR loop_closed IS NOT NULL"
            " FROM commitments WHERE status = 'done' AND (from_manager OR report_back)"
            " AND closed >= ? AND closed <= ?", (lo, hi))
    ]
    last = conn.execute("SELECT max(sent_at) FROM briefings WHERE sent_at <= ?",
                        (hi,)).fetchone()[0]
    counts = {
        result: (kept or 0, total) for result, kept, total in conn.execute(
            "SELECT p.result, SUM(c.status = 'done' AND c.closed <= c.due), COUNT(*)"
            " FROM promise_checks p JOIN commitments c ON c.id = p.commitment_id"
            " WHERE c.due IS NOT NULL AND (c.status != 'open' OR c.due <= ?)"
            " GROUP BY p.result", (hi,))
    }
    return Data(promises, replies, concerns, loops, _t(last), counts)


def gather(store, now: datetime, tz: tzinfo | None = None) -> dict[str, Any]:
    """The figures plus the coaching line, as `coach stats --json` prints them."""
    from coach.rules.coaching import coaching_line

    if tz is None:
        from coach.timing.dates import local_tz

        tz = local_tz()
    from coach.timing.display import first_weekday

    figures = compute(load(store, now, tz), now, tz, first_weekday=first_weekday())
    figures["coaching"] = coaching_line(figures)
    from coach.rhythm.streak import rhythm_figures  # review streak, recurring occurrences

    figures["rhythm"] = rhythm_figures(store, now, tz, PERIOD_DAYS)
    return figures
