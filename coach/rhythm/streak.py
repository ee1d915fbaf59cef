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
