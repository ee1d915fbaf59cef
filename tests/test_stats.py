"""Trust figures on a fixed history with hand-computed answers (tests/stats_dataset.py)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.rules import coaching
from coach.stats import figures as stats
from coach.stats.figures import ConcernTrack, Data, Promise, Reply
from tests import stats_dataset as ds

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def figures(now):
    return stats.compute(ds.data(), now, BERLIN)


@pytest.mark.parametrize("key", sorted(ds.EXPECTED))
def test_ninety_day_figures_match_the_hand_computed_answers(figures, key):
    assert figures[key] == ds.EXPECTED[key]


def test_weekly_series_has_twelve_monday_weeks_ending_with_this_one(figures):
    weeks = [w["week_start"] for w in figures["weekly"]]
    assert len(weeks) == 12
    assert weeks[-1] == "2026-11-23" and weeks[0] == "2026-09-07"
    assert figures["weekly"][-1]["week"] == 48


@pytest.mark.parametrize("week", sorted(ds.EXPECTED_WEEKS))
def test_weekly_figures_match_the_hand_computed_answers(figures, week):
    [row] = [w for w in figures["weekly"] if w["week_start"] == week]
    for key, value in ds.EXPECTED_WEEKS[week].items():
        assert row[key] == value, key


def test_weeks_without_data_are_null_not_zero(figures):
    quiet = [w for w in figures["weekly"] if w["week_start"] == "2026-10-05"][0]
    assert quiet["promises_kept_on_time_pct"] is None
    assert quiet["replies_on_time_pct"] is None


def test_recent_counts_feed_the_coaching_line(figures):
    assert figures["recent"]["promises_late"] == [4, 8]
    assert figures["recent"]["replies_late"] == [2, 5]
    assert figures["recent"]["concerns_late"] == [2, 4]
    assert figures["recent"]["loops_open"] == [2, 5]


def test_loader_reads_the_same_answers_from_a_real_database(store, now):
    ds.fill(store)
    loaded = stats.compute(stats.load(store, now, BERLIN), now, BERLIN)
    for key, value in ds.EXPECTED.items():
        assert loaded[key] == value, key
    assert loaded["weekly"] == stats.compute(ds.data(), now, BERLIN)["weekly"]


def test_loader_reads_only_the_period(store, now):
    ds.fill(store)
    data = stats.load(store, now, BERLIN)
    # Commitment 7 (June) is outside; 5 (not due yet) is outside the range too.
    assert sorted(p.due.day for p in data.promises) == [10, 19, 20, 24, 25, 26, 28, 30]
    assert len(data.replies) == 5  # the dropped and the not-yet-due one are not read


def test_empty_database_gives_nulls_and_an_inviting_line(store, now):
    figures = stats.gather(store, now, BERLIN)
    for key in ("promises_kept_on_time_pct", "replies_on_time_pct", "concerns_told_early_pct",
                "days_since_last_briefing", "loops_closed_pct"):
        assert figures[key] is None
    assert set(figures["calibration"].values()) == {None}
    assert figures["coaching"].startswith("No figures yet")


def test_promise_done_exactly_at_due_time_is_on_time(now):
    due = now - timedelta(hours=1)
    result = stats.promise_figures([Promise(due, "done", due)], now, now - timedelta(days=1),
                                   now + timedelta(seconds=1))
    assert result["pct"] == 100.0 and result["avg_lateness_hours"] is None


def test_reply_still_open_before_its_reply_by_time_is_not_counted(now):
    reply = Reply("call", now - timedelta(hours=1), now + timedelta(hours=3), "open")
    assert stats.reply_figures([reply], now, now - timedelta(days=1), now)["total"] == 0


def test_concern_told_at_the_moment_it_turned_hot_was_not_early(now):
    c = ConcernTrack(created=now - timedelta(hours=5), warm=now - timedelta(hours=5),
                     hot=now - timedelta(hours=2), told=now - timedelta(hours=2))
    result = stats.concern_figures([c], now - timedelta(days=1), now)
    assert result["pct"] == 0.0 and result["median_hours_to_tell"] == 3.0


def test_days_since_briefing_counts_calendar_days_in_the_users_zone(now):
    # 23:30 UTC on Sunday is already Monday in Berlin: three days before Thursday.
    assert stats.days_since(ds.t("2026-11-22 23:30"), now, BERLIN) == 3
    assert stats.days_since(ds.t("2026-11-22 22:30"), now, BERLIN) == 4
    assert stats.days_since(now, now, BERLIN) == 0


def test_coaching_picks_the_figure_furthest_below_target(figures):
    assert coaching.weakest(figures) == "promises"
    line = coaching.coaching_line(figures)
    assert line.startswith("4 of your last 8 promises were not kept on time")


def test_coaching_on_late_replies_names_the_count(now):
    replies = [Reply("call", now - timedelta(days=d, hours=6), now - timedelta(days=d, hours=2),
                     "returned", now - timedelta(days=d, hours=1 if d < 3 else 3))
               for d in range(1, 11)]
    figures = stats.compute(Data(replies=replies, last_briefing=now), now, BERLIN)
    assert coaching.weakest(figures) == "replies"
    assert coaching.coaching_line(figures).startswith(
        "2 of your last 10 replies were late — block 15 minutes after lunch")


def test_coaching_nags_about_an_old_briefing_only_after_a_week(now):
    figures = stats.compute(Data(last_briefing=now - timedelta(days=12)), now, BERLIN)
    assert "12 days ago" in coaching.coaching_line(figures)
    figures = stats.compute(Data(last_briefing=now - timedelta(days=6)), now, BERLIN)
    assert coaching.weakest(figures) is None


def test_coaching_distrusts_a_generous_promise_check(now):
    counts = {"safe": (3, 6)}
    figures = stats.compute(Data(last_briefing=now, calibration_counts=counts), now, BERLIN)
    assert coaching.weakest(figures) == "calibration"
    assert "Only 50% of the promises you checked as safe" in coaching.coaching_line(figures)


def test_two_items_are_too_few_to_coach_on(now):
    late = [Promise(now - timedelta(days=2), "done", now - timedelta(days=1))] * 2
    figures = stats.compute(Data(promises=late, last_briefing=now), now, BERLIN)
    assert figures["promises_kept_on_time_pct"] == 0.0
    assert coaching.weakest(figures) is None


def test_a_mended_habit_is_not_coached_on_for_its_old_average(now):
    old_late = [Promise(now - timedelta(days=60 - i), "done", now - timedelta(days=59 - i))
                for i in range(10)]
    recent_kept = [Promise(now - timedelta(days=20 - i), "done", now - timedelta(days=21 - i))
                   for i in range(10)]
    figures = stats.compute(Data(promises=old_late + recent_kept, last_briefing=now), now,
                            BERLIN)
    assert figures["promises_kept_on_time_pct"] == 50.0
    assert figures["recent"]["promises_late"] == [0, 10]
    assert coaching.weakest(figures) is None
