"""Renegotiate…, Snooze… and Manager approved (OK) in the window, and a reminder's buttons."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from coach.model import commitment, owed_reply
from coach.ops import renegotiate
from coach.reminders import notified, replies
from coach.reminders.notification import Notification
from tests.ui.helpers import ids_in


def _on_commitments(window, item_id: int) -> None:
    window.show_section(0)  # the window opens on Today
    assert window.current_view().select_id(item_id)
    window.current_view().table.setFocus()


def _renegotiations(store, item_id: int) -> list:
    return [tuple(r) for r in store.conn.execute(
        "SELECT in_time, reason FROM renegotiations WHERE commitment_id = ?", (item_id,))]


def test_renegotiate_by_keyboard_moves_the_date_and_shows_the_message(
        open_window, store, now, qtbot):
    item_id = commitment.add(store, commitment.new(
        "Send the offer", now, recipient="Jim Baker", due=now + timedelta(hours=2))).id
    window = open_window()
    _on_commitments(window, item_id)
    qtbot.keyClick(window.current_view().table, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    acting = window.features.commitments
    qtbot.waitUntil(lambda: acting.renegotiate_dialog is not None
                    and acting.renegotiate_dialog.isVisible())
    dialog = acting.renegotiate_dialog
    assert "Send the offer" in dialog.heading.text()
    qtbot.waitUntil(dialog.when.edit.hasFocus)
    qtbot.keyClicks(dialog.when.edit, "2026-12-01 15:00")
    # The date is understood as it is typed, before anything is saved.
    qtbot.waitUntil(lambda: "Tue 1 Dec 2026, 15:00" in dialog.when.feedback.text())
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "the figures come in on Monday")
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert dialog.message.toPlainText().startswith("I need until")
    assert "because the figures come in on Monday" in dialog.message.toPlainText()
    assert commitment.get(store, item_id).due == now.replace(day=1, month=12)
    assert _renegotiations(store, item_id) == [(1, "the figures come in on Monday")]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.message.toPlainText()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # now "Close"
    # Undo puts the old date back and forgets the renegotiation.
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    assert commitment.get(store, item_id).due == now + timedelta(hours=2)
    assert _renegotiations(store, item_id) == []


def test_a_refused_date_is_said_in_the_dialog_and_changes_nothing(
        open_window, store, now, qtbot):
    item_id = commitment.add(store, commitment.new("Send the offer", now,
                                                   due=now + timedelta(days=1))).id
    window = open_window()
    _on_commitments(window, item_id)
    window.features.commitments.renegotiate_action.trigger()
    acting = window.features.commitments
    qtbot.waitUntil(lambda: acting.renegotiate_dialog is not None
                    and acting.renegotiate_dialog.isVisible())
    dialog = acting.renegotiate_dialog
    qtbot.keyClicks(dialog.when.edit, "someday maybe")
    qtbot.waitUntil(lambda: bool(dialog.when.error))
    assert not dialog.ok_button.isEnabled()
    dialog.when.set_text("2026-11-20 10:00")  # in the past: the core refuses it
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    dialog.accept()
    qtbot.waitUntil(dialog.outcome.isVisible)
    assert "future" in dialog.outcome.text()
    assert commitment.get(store, item_id).due == now + timedelta(days=1)
    assert window.undo_stack.count() == 0


def test_ask_for_more_time_on_a_reminder_opens_renegotiate_on_its_item(
        open_window, store, now, qtbot):
    item_id = commitment.add(store, commitment.new("Call Jim back", now, recipient="Jim",
                                                   due=now - timedelta(hours=1))).id
    window = open_window()
    note = Notification(f"commitment:{item_id}", "commitment", "Due now", "Call Jim back",
                        (item_id,), ("done", "snooze", "renegotiate", "open"))
    window.features.reminders.on_action(note, "renegotiate")
    acting = window.features.commitments
    qtbot.waitUntil(lambda: acting.renegotiate_dialog is not None
                    and acting.renegotiate_dialog.isVisible())
    assert acting.renegotiate_dialog.item_id == item_id
    assert window.current_view() is window.view_of("commitment")
    acting.renegotiate_dialog.when.set_text("tomorrow 10am")
    qtbot.waitUntil(acting.renegotiate_dialog.ok_button.isEnabled)
    acting.renegotiate_dialog.accept()
    qtbot.waitUntil(acting.renegotiate_dialog.message.isVisible)
    assert "after it was due" in acting.renegotiate_dialog.outcome.text()
    assert _renegotiations(store, item_id)[0][0] == 0  # late
    assert renegotiate.counts(store, now - timedelta(days=1), now + timedelta(days=1)) \
        == {"in_time": 0, "late": 1}


def test_done_on_a_reminder_updates_the_window(open_window, store, now, qtbot):
    item_id = commitment.add(store, commitment.new("Call Jim back", now,
                                                   due=now - timedelta(hours=1))).id
    window = open_window()
    window.show_section(0)
    assert item_id in ids_in(window.current_view().model)
    note = Notification(f"commitment:{item_id}", "commitment", "Due now", "Call Jim back",
                        (item_id,), ("done", "snooze", "renegotiate", "open"))
    with qtbot.waitSignal(window.snapshot_shown):
        window.features.reminders.on_action(note, "done")
    qtbot.waitUntil(lambda: item_id not in ids_in(window.view_of("commitment").model))
    assert commitment.get(store, item_id).status == "done"
    assert "Marked done." in window.status_line.full_text()


def test_snooze_by_keyboard_holds_the_reminders_and_undo_lifts_it(
        open_window, store, now, qtbot):
    item_id = owed_reply.add(store, owed_reply.new("Jim Baker", "call", now, now, now)).id
    window = open_window()
    window.show_section(1)
    assert window.current_view().select_id(item_id)
    window.current_view().table.setFocus()
    qtbot.keyClick(window.current_view().table, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    acting = window.features.commitments
    qtbot.waitUntil(lambda: acting.snooze_dialog is not None
                    and acting.snooze_dialog.isVisible())
    dialog = acting.snooze_dialog
    qtbot.waitUntil(dialog.line.hasFocus)
    qtbot.keyClicks(dialog.line, "2h")
    assert "17:00" in dialog.preview.text()  # 15:00 now, two hours on
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    record = notified.load(store).get(replies.reply_key(item_id))
    assert record is not None and record.snoozed_until == now + timedelta(hours=2)
    assert "Snoozed until" in window.status_line.full_text()
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    record = notified.load(store).get(replies.reply_key(item_id))
    assert record is None or record.snoozed_until is None


def test_snooze_refuses_what_is_not_a_time(open_window, store, now, qtbot):
    item_id = commitment.add(store, commitment.new("Send it", now,
                                                   due=now + timedelta(hours=1))).id
    window = open_window()
    _on_commitments(window, item_id)
    window.features.commitments.snooze_action.trigger()
    dialog = window.features.commitments.snooze_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.line, "blah")
    assert not dialog.ok_button.isEnabled() and dialog.preview.text()


def test_manager_approved_takes_it_out_of_waiting_and_undo_puts_it_back(
        open_window, store, now, qtbot):
    item_id = commitment.add(store, commitment.new(
        "Refund for Müller GmbH", now, recipient="Herr Müller", due=now + timedelta(days=3),
        awaiting_ok=True)).id
    other = commitment.add(store, commitment.new("Plain one", now,
                                                 due=now + timedelta(days=3))).id
    window = open_window()
    _on_commitments(window, item_id)
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(window.current_view().table, Qt.Key.Key_O,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not commitment.get(store, item_id).awaiting_ok
    assert "OK is recorded" in window.status_line.full_text()
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    assert commitment.get(store, item_id).awaiting_ok
    # An item that waits for nothing: the core's one clear sentence, nothing changed.
    assert window.current_view().select_id(other)
    window.features.commitments.approve_action.trigger()
    qtbot.waitUntil(window.banner.isVisible)
    assert "not waiting for your manager's OK" in window.banner.text()
