"""The window's D-Bus notifier against a fake QtDBus notification server on a private bus."""

from __future__ import annotations

import html
import time

import pytest
from PySide6.QtCore import QTimer

from coach.reminders.schedule import Notification
from ui.notify.banner import Banner, BannerAdapter
from ui.notify.chain import NotifierChain
from ui.notify.dbus import DBusAdapter


def note(key="reply:7", title="Reply to Jim Baker", body="Call: refund\nIt was due now.",
         item_ids=(7,), actions=("returned", "snooze", "open")) -> Notification:
    return Notification(key=key, kind="owed_reply", title=title, body=body, item_ids=item_ids,
                        actions=actions, record_keys=(key,))


@pytest.fixture
def adapter(qtbot, session_bus):
    made = DBusAdapter(timeout=0.5)
    yield made
    made.close()


def send(qtbot, target, what, timeout=5000):
    """Send through an adapter or chain and wait (event loop running) for the outcome."""
    outcome = []
    target.send(what, lambda ok, how: outcome.append((ok, how)))
    qtbot.waitUntil(lambda: bool(outcome), timeout=timeout)
    return outcome[0]


def test_notification_carries_app_icon_hints_and_the_three_actions(qtbot, adapter,
                                                                    notifications):
    server = notifications()
    assert send(qtbot, adapter, note())[0] is True
    [call] = server.calls()
    assert call["app"] == "Trust Coach"
    assert call["summary"] == "Reply to Jim Baker"
    assert call["icon"].endswith("app.svg")
    assert call["hints"]["desktop-entry"] == "io.github.trustcoach.TrustCoach"
    labels = dict(zip(call["actions"][::2], call["actions"][1::2], strict=True))
    assert labels["returned"] == "Mark returned"
    assert labels["snooze"] == "Snooze 1 h"
    assert labels["open"] == "Open"


def test_a_second_notification_for_the_same_item_replaces_the_first(qtbot, adapter,
                                                                     notifications):
    server = notifications()
    send(qtbot, adapter, note())
    send(qtbot, adapter, note(body="Call: refund\nIt was due 2 hours ago."))
    send(qtbot, adapter, note(key="reply:8", item_ids=(8,)))
    first, second, other = server.calls()
    assert first["replaces_id"] == 0
    assert second["replaces_id"] == first["id"]
    assert other["replaces_id"] == 0 and other["id"] != first["id"]


def test_actions_invoked_on_the_server_reach_the_window(qtbot, adapter, notifications):
    server = notifications()
    sent = note()
    send(qtbot, adapter, sent)
    [call] = server.calls()
    with qtbot.waitSignal(adapter.action, timeout=5000) as got:
        server.invoke_action(call["id"], "snooze")
    assert got.args == [sent, "snooze"]
    with qtbot.waitSignal(adapter.action, timeout=5000) as got:
        server.invoke_action(call["id"], "default")  # a click on the notification itself
    assert got.args == [sent, "open"]


def test_hostile_text_arrives_escaped_and_whole(qtbot, adapter, notifications):
    server = notifications()
    body = "-u critical <b>O'Brien & Sons</b> <a href='x'>click</a>"
    send(qtbot, adapter, note(title="Reply to O'Brien <Sales>", body=body))
    [call] = server.calls()
    assert call["summary"] == "Reply to O'Brien <Sales>"
    assert "<" not in call["body"] and ">" not in call["body"]
    assert html.unescape(call["body"]) == body


def test_a_server_without_markup_gets_the_text_as_it_is(qtbot, adapter, notifications):
    server = notifications(markup=False)
    body = "a < b & c > d"
    send(qtbot, adapter, note(body=body))
    assert server.calls()[0]["body"] == body


def test_a_server_that_never_answers_does_not_stall_the_ui_and_the_banner_takes_over(
        qtbot, notifications):
    notifications(hang=True)
    banner = Banner()
    qtbot.addWidget(banner)
    chain = NotifierChain([DBusAdapter(timeout=0.5), BannerAdapter(banner)])
    gaps = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer(interval=10)
    ticker.timeout.connect(tick)
    ticker.start()
    started = time.monotonic()
    try:
        ok, how = send(qtbot, chain, note())
    finally:
        ticker.stop()
        chain.close()
    assert (ok, how) == (True, "banner")
    assert time.monotonic() - started >= 0.5  # it really waited for the stuck server
    print(f"longest UI gap during a send to a stuck server: {max(gaps) * 1000:.0f} ms")
    assert max(gaps) < 0.100, f"longest gap {max(gaps) * 1000:.0f} ms"
    assert not banner.isHidden()
    assert banner.title.text() == "Reply to Jim Baker"


def test_without_a_server_the_next_adapter_is_used_at_once(qtbot, session_bus):
    banner = Banner()
    qtbot.addWidget(banner)
    chain = NotifierChain([DBusAdapter(timeout=0.5), BannerAdapter(banner)])
    try:
        assert send(qtbot, chain, note()) == (True, "banner")
    finally:
        chain.close()
    assert not banner.isHidden()


def test_closing_while_a_notification_is_on_its_way_lets_it_arrive_first(
        qtbot, session_bus, notifications):
    # At quit the window closes its notifiers; a reminder sent a moment before is still
    # waiting for the server's answer. It gets it, and only then is the connection closed.
    server = notifications(slow=True)
    adapter = DBusAdapter(timeout=5.0)
    outcome = []
    adapter.send(note(), lambda ok, how: outcome.append((ok, how)))
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)  # the server has it
    adapter.close()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == [(True, "")]
    qtbot.waitUntil(lambda: adapter._router is None, timeout=5000)  # closed after it
