"""Tasks made on the phone ask "By when?" and the promise check in the window, one at a time,
from a quiet bar, by keyboard; a real sync with Radicale brings them in."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.sync.conftest import PASSWORD, USER, Phone, Radicale

ALT = Qt.KeyboardModifier.AltModifier
WAIT = 20_000  # ms; two cores shared by many test runs


@pytest.fixture
def radicale(tmp_path):
    server = Radicale(tmp_path / "radicale")
    yield server
    server.stop()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or QApplication.activeWindow(), key, modifier)


def test_tasks_from_the_phone_are_asked_their_questions_once(
        qtbot, data_dir, clock, open_window, radicale):
    from coach.model import commitment
    from coach.ops import arrivals
    from coach.rules import promise_check
    from coach.storage.store import open_store
    from coach.sync import account, service
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    now = timeutil.now()
    phone = Phone(radicale.url)
    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Send the quote", now))
        account.setup(store, radicale.url, USER, None, f"printf '%s' '{PASSWORD}'", now)
        service.sync(store, now)  # makes the task list
        phone.add("Ring Mrs Okafor about the invoice", now)
        service.sync(store, now)  # the sync that ran while the window was closed

    window = open_window()
    prompts = window.features.arrivals
    bar = prompts.bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT)
    assert bar.body.text() == ("“Ring Mrs Okafor about the invoice” was added on your phone. "
                               "It has no date and no promise check yet.")

    # A second task arrives through the window's own background sync.
    phone.add("Send the slides", now, due=datetime(2026, 11, 30, 11, tzinfo=local_tz()))
    with qtbot.waitSignal(window.features.sync.finished, timeout=30_000) as synced:
        window.features.sync.sync_now()
    assert synced.args[0] is True and "received 1," in synced.args[1]
    qtbot.waitUntil(lambda: "One more waits after it." in bar.body.text(), timeout=WAIT)
    assert prompts.dialog is None  # nothing opened by itself

    # Alt+A: "By when?" first (no date), Alt+M answers "Tomorrow", then the promise check.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    press(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: prompts.dialog is not None and prompts.dialog.isVisible(), timeout=WAIT)
    assert prompts.dialog.objectName() == "by-when-prompt"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is prompts.dialog, timeout=WAIT)
    press(qtbot, Qt.Key.Key_M, ALT)
    qtbot.waitUntil(lambda: prompts.dialog is not None
                    and prompts.dialog.objectName() == "promise-check"
                    and prompts.dialog.isVisible(), timeout=WAIT)
    check = prompts.dialog
    assert not bar.isVisible()  # one question on screen at a time
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is check, timeout=WAIT)
    for _ in promise_check.QUESTIONS:
        press(qtbot, Qt.Key.Key_Y)
    with qtbot.waitSignal(prompts.asked, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.isVisible() and "Send the slides" in bar.body.text(), timeout=WAIT)
    assert bar.body.text() == ("“Send the slides” was added on your phone. It has no "
                               "promise check yet.")

    # It has a date: straight to the check, skipped on purpose with Alt+S.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    press(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: prompts.dialog is not None
                    and prompts.dialog.objectName() == "promise-check"
                    and prompts.dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is prompts.dialog, timeout=WAIT)
    with qtbot.waitSignal(prompts.asked, timeout=10_000):
        press(qtbot, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=WAIT)

    with open_store(data_dir) as store:
        assert arrivals.waiting(store) == []
        ring = next(c for c in commitment.list_open(store) if c.title.startswith("Ring"))
        slides = next(c for c in commitment.list_open(store) if c.title == "Send the slides")
        assert ring.due is not None and ring.due.astimezone(local_tz()).date().isoformat() \
            == "2026-11-27"  # tomorrow, at the end of the working day
        assert promise_check.load(store, ring.id)["result"] == "safe"
        assert promise_check.load(store, slides.id)["result"] == "skipped"

    # What was answered goes up with the next sync.
    with qtbot.waitSignal(window.features.sync.finished, timeout=30_000):
        window.features.sync.sync_now()
    todo = phone.todos()[phone.by_summary("Ring Mrs Okafor about the invoice")]
    assert todo.get("due") is not None
    assert "Promise check: Safe: promise it." in str(todo["description"])


def test_closing_the_bar_asks_again_next_time_and_marks_nothing(
        qtbot, data_dir, clock, open_window):
    from coach.ops import arrivals, commitment_edit
    from coach.storage.store import open_store
    from coach.timing import timeutil

    with open_store(data_dir) as store:
        commitment_edit.add_from(store, "Call the bank", None, "sync", timeutil.now())
    window = open_window()
    bar = window.features.arrivals.bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT)
    qtbot.mouseClick(bar.later_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        window.client.reload()
    assert not bar.isVisible()  # not again in this window
    with open_store(data_dir) as store:
        assert [a.title for a in arrivals.waiting(store)] == ["Call the bank"]
    again = open_window()
    qtbot.waitUntil(again.features.arrivals.bar.isVisible, timeout=WAIT)


def test_the_bar_shows_when_the_features_come_after_the_first_paint(qtbot, data_dir, clock):
    """The app builds its features once the first list is painted (ui.app.run_app)."""
    from coach.ops import commitment_edit
    from coach.storage.store import open_store
    from coach.timing import timeutil
    from ui.app import create_application, create_window

    with open_store(data_dir) as store:
        commitment_edit.add_from(store, "Call the bank", None, "sync", timeutil.now())
    create_application()
    window = create_window(str(data_dir), tray=False, complete=False)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.snapshot_shown, timeout=WAIT):
            window.show()
            window.client.reload()
        window.finish_setup()
        qtbot.waitUntil(window.features.arrivals.bar.isVisible, timeout=WAIT)
        assert "“Call the bank”" in window.features.arrivals.bar.body.text()
    finally:
        window.features.notifiers.close()
        window.client.shutdown()
