"""When the review's notification may go out: its rules without a store or a clock."""

from __future__ import annotations

from datetime import date

from coach.reminders import review_nudge
from coach.reminders.notification import Context, Notified
from coach.storage.settings import DEFAULTS
from tests.rhythm.helpers import BERLIN, at

THURSDAY = date(2026, 11, 26)


def _plan(now: str, pending, notified=(), **values):
    ctx = Context(values={**DEFAULTS, **values}, now=at(now), tz=BERLIN,
                  notified={key: Notified(key, None, at(now), at(now), 1) for key in notified})
    return [(c.key, c.at.astimezone(BERLIN).strftime("%a %H:%M"), c.single is not None)
            for c in review_nudge.candidates(pending, ctx)]


def test_the_review_is_due_at_its_time_and_waits_for_it_before():
    today = {"kind": "today", "day": THURSDAY}
    assert _plan("2026-11-26 12:00", None) == [("review", "Thu 17:30", False)]
    assert _plan("2026-11-26 17:30", today) == [("review:2026-11-26", "Thu 17:30", True)]
    # Sent: nothing more tonight; the next wake-up is the catch-up's morning. (Known from
    # the pass's records or from the facts, whichever records the pass loaded.)
    assert _plan("2026-11-26 18:00", today, ["review:2026-11-26"]) == [
        ("review", "Fri 09:00", False)]
    assert _plan("2026-11-26 18:00", {**today, "sent": True}) == [("review", "Fri 09:00", False)]


def test_the_catch_up_comes_at_the_start_of_the_next_working_day_once():
    skipped = {"kind": "catch-up", "day": THURSDAY}
    assert _plan("2026-11-27 07:30", skipped) == [("review-catch-up:2026-11-26", "Fri 09:00",
                                                   False)]
    assert _plan("2026-11-27 10:15", skipped)[0][2] is True
    assert _plan("2026-11-27 10:20", skipped, ["review-catch-up:2026-11-26"]) == [
        ("review", "Fri 17:30", False)]


def test_a_pause_and_the_review_switched_off_hold_it_back():
    skipped = {"kind": "catch-up", "day": THURSDAY}
    paused = _plan("2026-11-27 09:00", skipped, paused_until="2026-11-27T10:00:00+00:00")
    assert paused == [("review-catch-up:2026-11-26", "Fri 11:00", False)]
    assert _plan("2026-11-26 17:30", {"kind": "today", "day": THURSDAY}, review_time=None) == []


def test_a_fresh_install_gets_no_review_notification_until_it_is_in_use(data_dir):
    from coach.storage import settings
    from coach.storage.store import open_store
    from tests.rhythm.helpers import a_day

    with open_store(data_dir) as store:
        values = settings.get_all(store)
        assert review_nudge.facts(store, at("2026-11-26 17:45"), BERLIN, values) is None
        a_day(store)
        assert review_nudge.facts(store, at("2026-11-26 17:45"), BERLIN, values) == {
            "kind": "today", "day": THURSDAY, "sent": False}
