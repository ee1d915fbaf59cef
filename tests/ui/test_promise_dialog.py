"""The promise check dialog, driven by keyboard only, and what it records."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from coach.model import commitment
from coach.ops.add import PromiseChoice, add
from coach.rules import promise_check as pc
from ui.dialogs.promise_dialog import PromiseDialog

TZ = ZoneInfo("Europe/Berlin")
DUE = datetime.fromisoformat("2026-11-27T15:00+01:00")


@pytest.fixture
def dialog(qtbot, now):
    d = PromiseDialog("Refund for order 4411", "Frau Schneider", DUE, now, TZ)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitExposed(d)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return d


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_answers_by_keyboard_show_result_and_wording_and_record(qtbot, dialog):
    assert dialog.answers() == dict.fromkeys(pc.QUESTIONS, pc.UNSURE)  # nothing said yet
    for key in (Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_Y, Qt.Key.Key_U, Qt.Key.Key_Y):
        press(qtbot, key)
    assert dialog.answers() == {"control": "no", "authority": "no", "date": "yes",
                                "facts": "unsure", "manager": "yes"}
    assert QApplication.focusWidget() is dialog.others
    qtbot.keyClicks(dialog.others, "billing")
    assert dialog.result_label.text() == "Don't promise yet: promise to find out and get back."
    assert dialog.wording.toPlainText() == (
        "Frau Schneider, I don't want to promise you anything on “Refund for order 4411” that "
        "I can't keep. I'll check it with billing and get back to you by 3 pm tomorrow.")
    assert "Confidence: 11 %" in dialog.recorded.text()
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.choice() == PromiseChoice(
        {"control": "no", "authority": "no", "date": "yes", "facts": "unsure",
         "manager": "yes"}, "billing", "en", "Frau Schneider")


def test_arrows_move_within_a_question_and_tab_to_the_next(qtbot, dialog):
    press(qtbot, Qt.Key.Key_Left)  # from "Not sure" to "No"
    assert dialog.answers()["control"] == pc.NO
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().property("question") == "authority"
    press(qtbot, Qt.Key.Key_J)  # "Ja" works as well as "Yes"
    assert dialog.answers()["authority"] == pc.YES


def test_wording_language_is_chosen_by_keyboard(qtbot, dialog):
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Y)
    assert dialog.result_label.text() == "Safe: promise it."
    press(qtbot, Qt.Key.Key_Tab)  # from "who else" to the language
    assert QApplication.focusWidget() is dialog.language
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.wording.toPlainText() == ("Frau Schneider, darum kümmere ich mich selbst: "
                                            "„Refund for order 4411“ – Sie haben es bis "
                                            "morgen um 15 Uhr.")
    assert dialog.choice().lang == "de"


def test_skip_and_cancel_by_keyboard(qtbot, dialog, now):
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.choice().answers is None
    again = PromiseDialog("Call back", None, None, now, TZ)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    with qtbot.waitSignal(again.rejected):
        qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert again.result() == QDialog.DialogCode.Rejected


def test_add_with_a_check_writes_check_get_back_and_manager_ok(store, now):
    fields = {"title": "Refund for order 4411", "recipient": "Frau Schneider", "due": DUE}
    answers = {"control": "no", "authority": "no", "date": "yes", "facts": "unsure",
               "manager": "unsure"}
    done = add(store, "commitment", {**fields, "check": PromiseChoice(answers, "billing", "de")},
               now, TZ)
    risky, back = (commitment.get(store, i) for i in done.created)
    assert pc.load(store, risky.id)["result"] == pc.NOT_YET
    assert risky.awaiting_ok and risky.confidence == pc.confidence_of(answers)
    assert back.parent_id == risky.id and back.due == DUE
    # German is what to say to Frau Schneider; the get-back is the user's own to-do, in the
    # language the window shows (English here).
    assert back.title == "Get back to Frau Schneider about “Refund for order 4411”"
    skipped = add(store, "commitment", {"title": "Call", "check": PromiseChoice(None)}, now, TZ)
    assert pc.load(store, skipped.first) == {"result": "skipped", "answers": {}}


def _commitments(store):
    return commitment.list_open(store)


def test_quick_add_ctrl_p_records_check_and_get_back_and_undo_takes_both(window, store, qtbot):
    window.quick_add()
    capture = window.capture
    qtbot.waitUntil(capture.line.hasFocus)
    qtbot.keyClicks(capture.line, "Refund for order 4411 tomorrow 3pm")
    qtbot.keyClick(capture.line, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(capture, "promise_check_dialog", None) is not None
                    and capture.promise_check_dialog.isVisible())
    check = capture.promise_check_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is check)
    for key in (Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_Y, Qt.Key.Key_U, Qt.Key.Key_Y):
        press(qtbot, key)
    assert QApplication.focusWidget() is check.to  # quick add had no person yet
    qtbot.keyClicks(check.to, "Frau Schneider")
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    risky, back = _commitments(store)
    assert (risky.title, risky.recipient) == ("Refund for order 4411", "Frau Schneider")
    assert pc.load(store, risky.id)["result"] == pc.NOT_YET
    assert back.parent_id == risky.id and back.due == DUE
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        window.undo_stack.undo()
    assert _commitments(store) == []
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        window.undo_stack.redo()
    assert [c.id for c in _commitments(store)] == [risky.id, back.id]
    assert pc.load(store, risky.id)["result"] == pc.NOT_YET


def test_commitment_dialog_ctrl_p_saves_with_the_check(window, store, qtbot):
    window.actions.new_commitment.trigger()
    qtbot.waitUntil(lambda: window.item_dialog.isVisible())
    dialog = window.item_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.fields["title"], "Send ACME the revised offer")
    qtbot.keyClicks(dialog.fields["recipient"], "Jim Baker")
    qtbot.keyClick(dialog.fields["recipient"], Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(dialog, "promise_check_dialog", None) is not None
                    and dialog.promise_check_dialog.isVisible())
    check = dialog.promise_check_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is check)
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Y)
    press(qtbot, Qt.Key.Key_U)  # not sure the manager would back it
    press(qtbot, Qt.Key.Key_Return)
    # No due time was typed: "By when?" comes next, as in quick capture.
    qtbot.waitUntil(lambda: dialog.by_when_prompt is not None
                    and dialog.by_when_prompt.isVisible())
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        qtbot.mouseClick(dialog.by_when_prompt.buttons["tomorrow"], Qt.MouseButton.LeftButton)
    (item,) = _commitments(store)
    assert item.due is not None
    assert (item.title, item.recipient, item.awaiting_ok) == (
        "Send ACME the revised offer", "Jim Baker", True)
    assert pc.load(store, item.id)["result"] == pc.OWN_PART


def test_closing_as_dropped_from_the_commitment_dialog_records_the_outcome(open_window, store,
                                                                         now, qtbot):
    item = commitment.add(store, commitment.new("Call from the CEO", now, recipient="Jim"))
    window = open_window()
    window.show_section(0)
    view = window.current_view()
    assert view.select_id(item.id)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window, "item_dialog", None) is not None
                    and window.item_dialog.isVisible())
    status = window.item_dialog.fields["status"]
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_End)  # the last choice: dropped
    assert status.currentData() == commitment.DROPPED
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        qtbot.keyClick(status, Qt.Key.Key_Return)
    closed = commitment.get(store, item.id)
    assert (closed.status, closed.outcome) == (commitment.DROPPED, commitment.DROPPED)
