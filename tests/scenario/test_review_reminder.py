"""The end-of-day review's notification, through `coach remind --once` and the window's pass.

Both send the same notifications at the same times (tests/scenario/review_days.py) to a real
notification server on a private session bus; the window's action opens the review.
"""

from __future__ import annotations

import pytest

from tests.scenario.review_days import WEEK_DE, WEEK_EN, keep_review
from tests.scenario.test_week_window import window  # noqa: F401 - the window fixture
from tests.scenario.week import check, instant, window_pass


@pytest.mark.parametrize(("lang", "week"), [("en", WEEK_EN), ("de", WEEK_DE)])
def test_coach_remind_sends_the_review_once_and_catches_up_a_skipped_one(
        cli, notifications, data_dir, lang, week):
    server = notifications()
    env = {"COACH_LANG": lang}
    seen = 0
    for when, commands, kept, expected in week:
        now = instant(when)
        for command in commands:
            result = cli(*command, now=now, env=env)
            assert result.code == 0, (when, command, result.err)
        if kept:
            keep_review(data_dir, when)
        result = cli("remind", "--once", now=now, env=env)
        assert (result.code, result.err) == (0, ""), when
        calls = server.calls()
        check(when, calls[seen:], expected)
        seen = len(calls)


@pytest.mark.parametrize(("lang", "week"), [("en", WEEK_EN), ("de", WEEK_DE)])
def test_the_window_sends_the_same_and_its_action_opens_the_review(
        qtbot, window, notifications, cli, data_dir, monkeypatch, lang, week):  # noqa: F811
    server = notifications()
    reminders = window.features.reminders
    seen = 0
    for when, commands, kept, expected in week:
        now = instant(when)
        for command in commands:
            result = cli(*command, now=now, env={"COACH_LANG": lang})
            assert result.code == 0, (when, command, result.err)
        if kept:
            keep_review(data_dir, when)
        seen = window_pass(qtbot, reminders, server, monkeypatch, when, expected, seen)
    # The last one is Monday's review: its button, pressed on the server, opens the review.
    last = server.calls()[-1]
    assert last["actions"] == ["review", "Start the review" if lang == "en" else
                               "Tagesabschluss beginnen", "default", last["actions"][1]]
    with qtbot.waitSignal(reminders.review_requested, timeout=5000):
        server.invoke_action(last["id"], "review")
    dialog = window.review_dialog
    qtbot.waitUntil(lambda: len(dialog.steps) == 5, timeout=10_000)
    assert dialog.isVisible() and dialog.day.day.isoformat() == "2026-10-26"
    # A click on the notification itself, with the review open: the same review, not two.
    with qtbot.waitSignal(reminders.review_requested, timeout=5000):
        server.invoke_action(last["id"], "default")
    assert window.review_dialog is dialog and dialog.isVisible()
    dialog.reject()
