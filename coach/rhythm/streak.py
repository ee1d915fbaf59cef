"""The review streak: consecutive working days closed with an end-of-day review.

A day reviewed late (caught up the next morning) still counts for its own day. Days off
(not in the working days setting) neither count nor break the streak.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from coach.storage.store import Store
from coach.timing.timeutil import to_db

LOOK_BACK_DAYS = 400


def reviewed_days(store: Store, since: date) -> dict[date, int]:
    return {date.fromisoformat(day): caught for day, caught in store.conn.execute(
        "SELECT day, caught FROM reviews WHERE day >= ?", (since.isoformat(),))}


def record(store: Store, day: date, now: datetime, caught: dict[str, int]) -> None:
    """Keep the review of `day`; a second review of the same day adds to what it caught."""
    total = sum(caught.values())
    with store.write() as conn:
        row = conn.execute("SELECT caught_what FROM reviews WHERE day = ?",
                           (day.isoformat(),)).fetchone()
        merged = dict(caught)
        if row is not None:
            for key, value in json.loads(row[0] or "{}").items():
                merged[key] = merged.get(key, 0) + value
        conn.execute(
            "INSERT INTO reviews (day, done_at, caught, caught_what) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(day) DO UPDATE SET done_at = excluded.done_at, "
            "caught = reviews.caught + ?, caught_what = excluded.caught_what",
            (day.isoformat(), to_db(now), total, json.dumps(merged, sort_keys=True), total))


def streak(days: set[date], today: date, working_days: set[int],
           today_open: bool = True) -> int:
    """Working days in a row with a review, counting back from today.

    While today's review is still open (``today_open``), an unreviewed today does not break
    the streak: it counts from the working day before.
    """
    count, day = 0, today
    for _step in range(LOOK_BACK_DAYS):
        if day.weekday() in working_days:
            if day in days:
                count += 1
            elif not (day == today and today_open):
                break
        day -= timedelta(days=1)
    return count


def figures(store: Store, now: datetime, tz: tzinfo, working_days: set[int],
            period_days: int = 90) -> dict[str, Any]:
    """Streak, reviews done and what they caught, for `coach stats` and the dashboard."""
    today = now.astimezone(tz).date()
    done = reviewed_days(store, today - timedelta(days=LOOK_BACK_DAYS))
    recent = {d: c for d, c in done.items() if d > today - timedelta(days=period_days)}
    caught: dict[str, int] = {}
    for (what,) in store.conn.execute("SELECT caught_what FROM reviews WHERE day > ?",
                                      ((today - timedelta(days=period_days)).isoformat(),)):
        for key, value in json.loads(what or "{}").items():
            caught[key] = caught.get(key, 0) + value
    return {"review_streak": streak(set(done), today, working_days),
            "reviews_done": len(recent), "review_caught": sum(recent.values()),
            "review_caught_by_question": dict(sorted(caught.items()))}


def rhythm_figures(store: Store, now: datetime, tz: tzinfo, period_days: int = 90,
                   ) -> dict[str, Any]:
    """What `coach stats` adds for the rhythm: the review and recurring occurrences."""
    from coach.rhythm.series import occurrence_counts
    from coach.storage import settings

    days = set(settings.get(store, "working_days") or (0, 1, 2, 3, 4))
    found = figures(store, now, tz, days, period_days)
    found.update(occurrence_counts(store, now - timedelta(days=period_days), now))
    return found


def summary_line(found: dict[str, Any]) -> str:
    from coach.i18n import _, ngettext

    parts = [ngettext("review streak {n} working day", "review streak {n} working days",
                      found["review_streak"]).format(n=found["review_streak"]),
             ngettext("{n} thing caught by reviews", "{n} things caught by reviews",
                      found["review_caught"]).format(n=found["review_caught"])]
    if found["occurrences_done"] or found["occurrences_skipped"]:
        parts.append(_("recurring: {done} done, {skipped} skipped").format(
            done=found["occurrences_done"], skipped=found["occurrences_skipped"]))
    return " · ".join(parts)
