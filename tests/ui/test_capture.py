"""Quick capture: the due time understood while typing, Enter saves, undo takes it back."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from coach.model import commitment
from coach.ops import items


def test_quick_capture_saves_a_commitment_with_the_parsed_due(window, store, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    capture = window.capture
    qtbot.waitUntil(capture.isVisible)
    qtbot.keyClicks(capture.line, "Call Jim back about the refund tomorrow 10am")
    assert capture.preview.text() == \
        "“Call Jim back about the refund” · due Fri 27 Nov, 10:00"
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(capture.line, Qt.Key.Key_Return)
    assert not capture.isVisible()
    (saved,) = commitment.list_open(store)
    assert saved.title == "Call Jim back about the refund"
    assert saved.due == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    model = window.models["commitment"]
    assert model.index(0, 0).data() == "Call Jim back about the refund"
    assert window.commitments_view.current_id() == saved.id

    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()  # undo of an add deletes it
    assert items.find(store, saved.id) is None
    assert window.commitments_view.currentWidget() is window.commitments_view.empty_page
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.redo.trigger()  # and redo brings back the same item
    assert items.find(store, saved.id).title == "Call Jim back about the refund"


def test_a_capture_without_a_date_says_so(window, qtbot):
    window.quick_add()
    window.capture.line.setText("Ask billing about the ACME credit note")
    assert "no due date" in window.capture.preview.text()
    assert window.capture.save_button.isEnabled()
    window.capture.line.setText("   ")
    assert not window.capture.save_button.isEnabled()
    window.capture.reject()


def test_edit_details_opens_the_full_dialog_with_what_was_typed(window, qtbot):
    window.quick_add()
    window.capture.line.setText("Rückruf Frau Schneider wegen Gutschrift morgen 10 Uhr")
    qtbot.mouseClick(window.capture.details_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "item_dialog", None) is not None
                    and window.item_dialog.isVisible())
    dialog = window.item_dialog
    assert dialog.fields["title"].text() == "Rückruf Frau Schneider wegen Gutschrift"
    assert dialog.dates["due"].value == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_the_preview_names_a_day_off_and_uses_the_working_hours(window, store, qtbot):
    from coach.storage import settings

    settings.put(store, "work_start", "08:00")
    settings.put(store, "work_end", "18:00")
    window.quick_add()
    capture = window.capture
    qtbot.waitUntil(lambda: capture.hours is not None)
    qtbot.keyClicks(capture.line, "Inventur Samstag at 5")
    assert capture.preview.text() == \
        "“Inventur” · due Sat 28 Nov, 17:00 · Saturday — not a working day"
    capture.line.setText("Termin mit Herrn Freitag")
    assert "no due date yet" in capture.preview.text()
