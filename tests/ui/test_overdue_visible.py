"""An overdue promise to someone else stays in sight: status bar and tray, until resolved."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon

from coach.model import commitment
from coach.ops import renegotiate
from tests.ui.helpers import ids_in
from ui.system.plain import tip


def test_an_overdue_promise_shows_in_the_status_bar_and_tray_until_renegotiated(
        open_window, store, now, qtbot):
    late = commitment.add(store, commitment.new("Call Jim back", now, recipient="Jim Baker",
                                                due=now - timedelta(hours=2)))
    commitment.add(store, commitment.new("Tidy the inbox", now, recipient="me",
                                         due=now - timedelta(hours=5)))
    commitment.add(store, commitment.new("Send the offer", now, recipient="Jim Baker",
                                         due=now + timedelta(days=1)))
    window = open_window()
    window.tray = QSystemTrayIcon(window)  # offscreen has no tray to make one for us
    watch = window.features.overdue
    watch.refresh()
    qtbot.waitUntil(lambda: watch.button.isVisible() and "Jim" in window.tray.toolTip())
    assert watch.button.text() == "Overdue: “Call Jim back” for Jim Baker"
    # Shown as written: titles are user text, never read as rich text.
    assert window.tray.toolTip() == tip(
        "Trust Coach\n1 promise overdue\n“Call Jim back” for Jim Baker")
    assert window.tray.icon().cacheKey() != 0
    # A click shows it in Commitments.
    qtbot.mouseClick(watch.button, Qt.MouseButton.LeftButton)
    assert window.current_view() is window.view_of("commitment")
    assert window.current_view().current_id() == late.id
    # Snoozing quiets the reminders, not this; renegotiating ends it.
    renegotiate.renegotiate(store, late, now + timedelta(days=1), now)
    with qtbot.waitSignal(window.client.data_refreshed):
        window.client.reload()
    qtbot.waitUntil(lambda: not watch.button.isVisible())
    assert window.tray.toolTip() == "Trust Coach"
    assert late.id in ids_in(window.view_of("commitment").model)


def test_a_promise_falling_overdue_with_time_alone_appears_within_a_minute(
        open_window, store, now, qtbot, monkeypatch):
    commitment.add(store, commitment.new("Call Jim back", now, recipient="Herr Jansen",
                                         due=now + timedelta(minutes=30)))
    commitment.add(store, commitment.new("Second one", now, recipient="Frau Schneider",
                                         due=now + timedelta(minutes=40)))
    window = open_window()
    watch = window.features.overdue
    qtbot.waitUntil(lambda: watch.state is not None)
    assert not watch.button.isVisible()
    monkeypatch.setenv("COACH_NOW", (now + timedelta(hours=1)).isoformat())
    watch.timer.timeout.emit()
    qtbot.waitUntil(watch.button.isVisible)
    assert watch.button.text() == "Overdue: “Call Jim back” for Herr Jansen (+1 more)"
    assert "2 promises overdue" in watch.button.toolTip()


def test_in_german_it_reads_fuer_herrn(window, now, qtbot):
    from coach.ops.overdue import Overdue
    from ui.system.language import apply_language

    apply_language("de")
    try:
        item = commitment.new("Rückruf", now, recipient="Herr Jansen",
                              due=now - timedelta(hours=1))
        window.features.overdue.show(Overdue(1, (item,)))
        assert window.features.overdue.button.text() == \
            "Überfällig: „Rückruf“ für Herrn Jansen"
        assert window.features.overdue.summary().startswith("1 Zusage überfällig\n")
    finally:
        apply_language(None)


def test_the_overdue_count_in_the_status_bar_follows_the_clock_between_loads(
        open_window, store, now, qtbot, monkeypatch):
    commitment.add(store, commitment.new("Send the offer", now, recipient="Jim Baker",
                                         due=now + timedelta(minutes=30)))
    from coach.model import owed_reply

    owed_reply.add(store, owed_reply.new("Frau Berg", "call", now - timedelta(hours=1),
                                         now + timedelta(minutes=50), now))
    window = open_window()
    qtbot.waitUntil(lambda: window.count_label.text() == "nothing overdue")
    # No data changes, no reload: only the clock moves on, past the first due time.
    monkeypatch.setenv("COACH_NOW", (now + timedelta(minutes=40)).isoformat())
    window._tick()
    qtbot.waitUntil(lambda: window.count_label.text() == "1 overdue")
    monkeypatch.setenv("COACH_NOW", (now + timedelta(hours=2)).isoformat())
    window._tick()
    qtbot.waitUntil(lambda: window.count_label.text() == "2 overdue")
    # A filter keystroke's snapshot repeats the load's older count: it does not win.
    with qtbot.waitSignal(window.snapshot_shown):
        window.filter_edit.setText("Berg")
    assert window.count_label.text() == "2 overdue"
