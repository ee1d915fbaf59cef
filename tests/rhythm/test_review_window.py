"""The end-of-day review in the window, completed with the keyboard alone."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coach.model import commitment
from coach.rhythm import streak
from coach.storage.store import open_store
from tests.rhythm.helpers import a_day, at

NOW = "2026-11-27T08:30:00+01:00"  # Friday morning: Thursday's review to catch up


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _key(qtbot, key, text: str = "") -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_the_review_is_completed_with_keys_only(qtbot, cli, data_dir, open_window, monkeypatch):
    monkeypatch.setenv("COACH_NOW", NOW)
    with open_store(data_dir) as store:
        ids = a_day(store)
        ids["quote"] = commitment.add(store, commitment.new(
            "Printer quote", at("2026-11-26 09:00"), recipient="Tom Berger",
            due=at("2026-11-26 17:00"))).id
        streak.record(store, at("2026-11-25 18:00").date(), at("2026-11-25 18:00"), {})
    window = open_window()
    qtbot.waitUntil(lambda: window.today.today is not None, timeout=10_000)
    assert window.today.today.review.kind == "catch-up"
    view = window.today_view
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_V)
    dialog = window.review_dialog
    qtbot.waitUntil(lambda: len(dialog.steps) == 5, timeout=10_000)
    assert dialog.counter.text() == "End-of-day review for Thursday, 26 November 2026"
    # 1. A promise that was never logged, through the promise check (Y five times).
    _type(qtbot, "Call Anna about the invoice tomorrow 10am")
    _key(qtbot, Qt.Key.Key_Return)
    for _n in range(5):
        _key(qtbot, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: dialog.caught.get("promises") == 1, timeout=10_000)
    _key(qtbot, Qt.Key.Key_Return)
    # 2. A voicemail that was never logged.
    qtbot.waitUntil(lambda: dialog.current == 1)
    _type(qtbot, "voicemail Tom Berger: contract")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.caught.get("replies") == 1, timeout=10_000)
    _key(qtbot, Qt.Key.Key_Return)
    # 3. ACME heats up (first in the list), then on.
    qtbot.waitUntil(lambda: dialog.current == 2)
    qtbot.keyClicks(QApplication.focusWidget(), "+")
    qtbot.waitUntil(lambda: dialog.caught.get("concerns") == 1, timeout=10_000)
    _key(qtbot, Qt.Key.Key_Return)
    # 4. No briefing now.
    qtbot.waitUntil(lambda: dialog.current == 3)
    _key(qtbot, Qt.Key.Key_Return)
    # 5. The offer gets a new date with the honest message; the slides are done.
    qtbot.waitUntil(lambda: dialog.current == 4)
    _key(qtbot, Qt.Key.Key_N)
    _type(qtbot, "Tuesday 12:00")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.caught.get("slips") == 1, timeout=10_000)
    assert dialog.steps[4].status.text() == ("Send this to Jim Baker (it is selected for "
                                             "copying):")
    message = dialog.steps[4].message.toPlainText()
    assert message == ("I need until Tue, 1 Dec 2026, 12:00 for “Send ACME the revised offer”. "
                       "I am sorry for the change.")
    _key(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: dialog.caught.get("slips") == 2, timeout=10_000)
    # The printer quote is dropped, with a note to Tom.
    _key(qtbot, Qt.Key.Key_X)
    _type(qtbot, "The budget was cut.")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.caught.get("slips") == 3, timeout=10_000)
    assert dialog.steps[4].message.toPlainText().splitlines() == [
        "Hello Tom Berger,",
        "I have to let go of “Printer quote”; I can't keep this promise.",
        "The budget was cut.",
        "I'm sorry, and I wanted you to hear it from me now rather than wait."]
    with qtbot.waitSignal(dialog.recorded, timeout=10_000) as recorded:
        _key(qtbot, Qt.Key.Key_Return)
    assert recorded.args[0]["review_streak"] == 2
    assert "This review caught 6." in dialog.done_page.text()
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    listed = json.loads(cli("list", "--json", "--all", now=NOW).out)
    status = {c["id"]: c["status"] for c in listed["commitments"]}
    assert status[ids["offer"]] == "open" and status[ids["slides"]] == "done"
    assert status[ids["quote"]] == "dropped"
    # The new date counts as the command line's `coach renegotiate` counts it: late.
    stats = json.loads(cli("stats", "--json", now=NOW).out)
    assert (stats["renegotiated_in_time"], stats["renegotiated_late"]) == (0, 1)
    assert any(c["title"] == "Call Anna about the invoice" for c in listed["commitments"])
    assert any(r["who"] == "Tom Berger" for r in listed["replies"])
    qtbot.waitUntil(lambda: window.today.today.review is None, timeout=10_000)
