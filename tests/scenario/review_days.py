"""The end-of-day review's notification over a week, step by step (Berlin wall times).

Each step is (wall time, `coach` commands, whether the review of that day is kept at that
time, notifications expected: (summary, words the body must contain)). The same steps drive
`coach remind --once` and the window's reminder pass (test_review_reminder.py) against the
fake notification server.

Monday's review is skipped and caught up on Tuesday morning; Tuesday's is kept, so Wednesday
morning is quiet; on Wednesday evening the computer is off, so Thursday 10:15 brings only the
catch-up, not the evening's reminder as well; Thursday's review time lies in quiet hours, so
it waits for the morning, as a catch-up; Friday's catch-up waits over the weekend (summer time
ends on Sunday 25 October) for Monday 09:00 on the wall.
"""

from __future__ import annotations

from datetime import datetime

from tests.scenario.week import BERLIN

Step = tuple[str, list[tuple[str, ...]], bool, list[tuple[str, tuple[str, ...]]]]

REVIEW_NOW_EN = ("Time for your end-of-day review", ("Five questions, two minutes",))


def caught_up_en(day: str) -> tuple[str, tuple[str, ...]]:
    return (f"You skipped the review on {day}", (f"five questions about {day}",))


REVIEW_NOW_DE = ("Zeit für Ihren Tagesabschluss", ("Fünf Fragen, zwei Minuten",))


def caught_up_de(day: str) -> tuple[str, tuple[str, ...]]:
    return (f"Sie haben den Tagesabschluss am {day} ausgelassen", (f"Fragen zum {day}",))


def days(now: tuple, later) -> list[Step]:
    mon, tue, wed, thu, fri = later
    return [
        ("2026-10-19 08:30", [
            ("add", "Quarterly numbers", "--due", "2026-11-20 12:00", "--check", "skip"),
            ("settings", "briefing_weekday", "off")], False, []),
        ("2026-10-19 09:00", [], False, []),
        ("2026-10-19 17:29", [], False, []),
        ("2026-10-19 17:30", [], False, [now]),
        ("2026-10-19 17:45", [], False, []),  # skipped: not again the same evening
        ("2026-10-20 07:00", [], False, []),  # quiet hours are over, the working day is not on
        ("2026-10-20 09:00", [], False, [mon]),
        ("2026-10-20 09:30", [], False, []),
        ("2026-10-20 17:30", [], False, [now]),
        ("2026-10-20 17:40", [], True, []),  # Tuesday's review is kept
        ("2026-10-21 09:00", [], False, []),
        # Wednesday: the computer is off from 17:00 until Thursday 10:15.
        ("2026-10-22 10:15", [("settings", "review_time", "20:30")], False, [wed]),
        ("2026-10-22 20:30", [], False, []),  # quiet hours (from 20:00)
        ("2026-10-23 07:00", [], False, []),
        ("2026-10-23 09:00", [("settings", "review_time", "17:30")], False, [thu]),
        ("2026-10-23 17:30", [], False, [now]),
        ("2026-10-24 10:00", [], False, []),  # Saturday: the catch-up waits for Monday
        ("2026-10-25 12:00", [], False, []),  # Sunday, the clocks went back at 03:00
        ("2026-10-26 08:59", [], False, []),
        ("2026-10-26 09:00", [], False, [fri]),
        ("2026-10-26 09:01", [], True, []),  # caught up: Friday is kept
        ("2026-10-26 17:30", [], False, [now]),
    ]


WEEK_EN = days(REVIEW_NOW_EN, [caught_up_en(d) for d in
                               ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")])
WEEK_DE = days(REVIEW_NOW_DE, [caught_up_de(d) for d in
                               ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")])


def keep_review(data_dir, when: str) -> None:
    """The user finishes the review (as the dialog's last Enter and `coach review` do)."""
    from coach.rhythm import review, streak
    from coach.storage import settings
    from coach.storage.store import open_store

    now = datetime.fromisoformat(when).replace(tzinfo=BERLIN)
    with open_store(data_dir) as store:
        day = review.current_day(store, now, BERLIN, settings.get_all(store))
        streak.record(store, day.day, now, {})
