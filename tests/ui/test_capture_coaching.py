"""Coaching at capture in the window: the promise check offered on Save, "By when?" asked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from coach.model import commitment
from coach.rules import promise_check as pc


def _new_commitment(window, qtbot, title: str, recipient: str = "", due: str = ""):
    window.actions.new_commitment.trigger()
    dialog = window.item_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.fields["title"], title)
    qtbot.keyClicks(dialog.fields["recipient"], recipient)
    if due:
        dialog.dates["due"].set_text(due)
        qtbot.waitUntil(lambda: dialog.dates["due"].valid)
    return dialog


def _checks(store) -> list:
    return [tuple(r) for r in store.conn.execute("SELECT commitment_id, result "
                                                 "FROM promise_checks")]


def test_skipping_the_offered_check_saves_it_as_coach_add_does(
        window, store, now, qtbot, questions, cli):
    dialog = _new_commitment(window, qtbot, "Send the offer", "Herr Jansen",
                             "2026-11-27 10:00")
    questions.reply = QMessageBox.StandardButton.No  # Esc: skip
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(dialog.fields["title"], Qt.Key.Key_Return)
    assert questions.asked == ["“Send the offer” is a promise to Herr Jansen. Check it before "
                               "you save it?"]
    [item] = commitment.list_open(store)
    assert (item.title, item.recipient) == ("Send the offer", "Herr Jansen")
    # The same as `coach add` without --check: no check row, counted as skipped.
    assert cli("add", "Call Jim", "--to", "Jim", "--due", "tomorrow 10am").code == 0
    assert _checks(store) == []
    assert "promise check was skipped" in window.status_line.full_text()


def test_the_offered_check_runs_with_one_key_and_saves_with_its_answers(
        window, store, now, qtbot, questions):
    dialog = _new_commitment(window, qtbot, "Send the offer", "Jim Baker", "2026-11-27 10:00")
    questions.reply = QMessageBox.StandardButton.Yes  # Enter: check it
    qtbot.keyClick(dialog.fields["title"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(dialog, "promise_check_dialog", None) is not None
                    and dialog.promise_check_dialog.isVisible())
    check = dialog.promise_check_dialog
    for question in pc.QUESTIONS:
        check.answer(question, pc.YES)
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        check.accept()
    [item] = commitment.list_open(store)
    assert _checks(store) == [(item.id, pc.SAFE)]
    assert len(questions.asked) == 1


def test_a_promise_to_yourself_is_saved_without_a_question(window, store, qtbot):
    # unanswered_questions_fail: any question asked here fails the test.
    dialog = _new_commitment(window, qtbot, "Tidy the inbox", "me", "2026-11-27 10:00")
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(dialog.fields["title"], Qt.Key.Key_Return)
    assert [c.title for c in commitment.list_open(store)] == ["Tidy the inbox"]


def test_without_a_due_time_the_dialog_asks_by_when_like_quick_capture(
        window, store, now, qtbot):
    dialog = _new_commitment(window, qtbot, "Send the report")
    qtbot.keyClick(dialog.fields["title"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.by_when_prompt is not None
                    and dialog.by_when_prompt.isVisible())
    prompt = dialog.by_when_prompt
    assert "has no date" in prompt.explain.text()
    assert commitment.list_open(store) == []  # nothing saved before the answer
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(prompt.buttons["today"], Qt.MouseButton.LeftButton)
    [item] = commitment.list_open(store)
    assert item.due == now.replace(hour=17)  # the end of today's working day


def test_back_from_by_when_returns_to_the_dialog_unsaved(window, store, qtbot):
    dialog = _new_commitment(window, qtbot, "Send the report")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.by_when_prompt is not None
                    and dialog.by_when_prompt.isVisible())
    dialog.by_when_prompt.reject()
    assert dialog.isVisible() and commitment.list_open(store) == []
