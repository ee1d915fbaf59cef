"""The window's reminder pass on a private bus: actions change the data, nothing is sent twice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from coach.model import owed_reply
from coach.storage.store import open_store
from ui.notify.banner import Banner, BannerAdapter
from ui.notify.chain import NotifierChain
from ui.notify.dbus import DBusAdapter
from ui.notify.reminders import Reminders


def add_reply(data_dir, who, received, channel="call", about="refund") -> int:
    from coach.rules.reply_by import reply_by
    from coach.timing.dates import local_tz

    got = datetime.fromisoformat(received)
    with open_store(data_dir) as store:
        due = reply_by(channel, got, False, local_tz())
        item = owed_reply.new(who, channel, got, due, got, about=about)
        return owed_reply.add(store, item).id


def status_of(data_dir, item_id):
    with open_store(data_dir) as store:
        return store.conn.execute("SELECT status FROM owed_replies WHERE id = ?",
                                  (item_id,)).fetchone()[0]


def snoozed_until(data_dir, item_id):
    with open_store(data_dir) as store:
        row = store.conn.execute("SELECT snoozed_until FROM notifications WHERE key = ?",
                                 (f"reply:{item_id}",)).fetchone()
    return row[0] if row else None


@pytest.fixture
def reminders(qtbot, data_dir, clock, session_bus):
    from coach.storage import settings
    from ui.background.worker import StoreClient

    # These tests count reply reminders; the morning digest and the end-of-day review's
    # reminder have their own (tests/scenario).
    with open_store(data_dir) as store:
        settings.put(store, "morning_digest", False)
        settings.put(store, "review_time", None)
    banner = Banner()
    qtbot.addWidget(banner)
    client = StoreClient(str(data_dir))
    chain = NotifierChain([DBusAdapter(timeout=1.0), BannerAdapter(banner)])
    made = Reminders(client, chain)
    made.banner = banner
    yield made
    made.stop()
    chain.close()
    client.shutdown()


def run_pass(qtbot, reminders):
    with qtbot.waitSignal(reminders.passed, timeout=10_000) as got:
        reminders.run_pass()
    return got.args[0]


def test_an_overdue_reply_is_notified_and_the_timer_set_for_the_next_reminder(
        qtbot, reminders, notifications, data_dir):
    server = notifications()
    add_reply(data_dir, "Jim Baker", "2026-11-26T09:00:00+01:00")  # due 13:00
    plan = run_pass(qtbot, reminders)
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)
    call = server.calls()[0]
    assert call["summary"] == "Reply to Jim Baker"
    assert "Call: refund" in call["body"]
    # Two working hours after 15:00 is 17:00 Berlin.
    assert plan.next_wake == datetime.fromisoformat("2026-11-26T17:00:00+01:00")
    assert reminders._timer.isActive()
    run_pass(qtbot, reminders)
    assert len(server.calls()) == 1  # nothing twice


def test_mark_returned_pressed_on_the_notification_returns_the_reply(
        qtbot, reminders, notifications, data_dir):
    server = notifications()
    item = add_reply(data_dir, "Jim Baker", "2026-11-26T09:00:00+01:00")
    run_pass(qtbot, reminders)
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)
    with qtbot.waitSignal(reminders.returned, timeout=5000):
        server.invoke_action(server.calls()[0]["id"], "returned")
    assert status_of(data_dir, item) == "returned"


def test_snooze_pressed_on_the_notification_holds_it_for_an_hour(
        qtbot, reminders, notifications, data_dir, clock):
    server = notifications()
    item = add_reply(data_dir, "Jim Baker", "2026-11-26T09:00:00+01:00")
    run_pass(qtbot, reminders)
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)
    with qtbot.waitSignal(reminders.passed, timeout=5000) as got:
        server.invoke_action(server.calls()[0]["id"], "snooze")
    assert snoozed_until(data_dir, item) == "2026-11-26T15:00:00Z"  # 16:00 Berlin
    assert got.args[0].next_wake == datetime.fromisoformat(clock) + timedelta(hours=1)
    assert status_of(data_dir, item) == "open"


def test_the_window_and_coach_remind_never_send_the_same_thing_twice(
        qtbot, reminders, notifications, data_dir, cli, tmp_path):
    server = notifications()
    add_reply(data_dir, "Jim Baker", "2026-11-26T09:00:00+01:00")
    run_pass(qtbot, reminders)
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)
    (tmp_path / "bin").mkdir()
    assert cli("remind", "--once", env={"PATH": str(tmp_path / "bin")}).code == 0
    assert len(server.calls()) == 1


def test_a_clock_jump_after_suspend_sends_what_fell_due_as_one_notification(
        qtbot, reminders, notifications, data_dir, monkeypatch):
    server = notifications()
    for hour, who in ((8, "Anna"), (9, "Ben"), (10, "Carla")):
        add_reply(data_dir, who, f"2026-11-26T{hour:02d}:00:00+01:00")
    monkeypatch.setenv("COACH_NOW", "2026-11-26T08:00:00+01:00")
    plan = run_pass(qtbot, reminders)
    assert plan.due == [] and server.calls() == []
    # The machine sleeps ten hours: QTimer never fired; the watchdog sees the jump.
    monkeypatch.setenv("COACH_NOW", "2026-11-26T18:00:00+01:00")
    monkeypatch.setattr("ui.notify.reminders._offset_now", lambda: reminders._wall_offset + 36_000)
    with qtbot.waitSignal(reminders.passed, timeout=10_000):
        reminders.check_clock()
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)
    assert server.calls()[0]["summary"] == "3 replies overdue"


def test_without_any_desktop_notifier_the_banner_shows_and_acts(qtbot, reminders, data_dir):
    item = add_reply(data_dir, "Jim Baker", "2026-11-26T09:00:00+01:00")
    run_pass(qtbot, reminders)
    banner = reminders.banner
    qtbot.waitUntil(lambda: not banner.isHidden(), timeout=5000)
    assert banner.title.text() == "Reply to Jim Baker"
    from PySide6.QtWidgets import QPushButton

    button = banner.findChild(QPushButton, "banner-returned")
    with qtbot.waitSignal(reminders.returned, timeout=5000):
        button.click()
    assert status_of(data_dir, item) == "returned"


def test_a_promise_added_in_a_terminal_is_seen_by_the_next_pass_of_the_open_window(
        qtbot, reminders, notifications, data_dir, cli):
    server = notifications()
    add_reply(data_dir, "Jim Baker", "2026-11-26T09:00:00+01:00")
    run_pass(qtbot, reminders)
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)
    run_pass(qtbot, reminders)
    assert reminders._kept.read == 0  # the window planned nothing again: nothing changed
    # `coach add` in a terminal while the window is open: a promise overdue since 14:00.
    added = cli("add", "Send Dana the contract", "--due", "2026-11-26 14:00",
                env={"TZ": "Europe/Berlin"})
    assert added.code == 0, added.err
    plan = run_pass(qtbot, reminders)
    assert [note.title for note in plan.due] == ["Overdue: Send Dana the contract"]
    qtbot.waitUntil(lambda: len(server.calls()) == 2, timeout=5000)
    assert server.calls()[1]["summary"] == "Overdue: Send Dana the contract"
