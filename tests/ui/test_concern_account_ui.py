"""The concern dialog: what happened, what I am doing and what I need, as fields of their own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from coach.model import concern


def test_a_new_concern_keeps_its_account_and_an_edit_changes_one_field(
        window, store, qtbot):
    window.new_item("concern")
    dialog = window.item_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.fields["title"], "Server slow")
    for name, text in (("happened", "Two outages since Monday"),
                       ("doing", "Moving the database"), ("need", "")):
        dialog.fields[name].setFocus()
        qtbot.keyClicks(dialog.fields[name], text)
    assert dialog.fields["need"].accessibleName() == "What I need"
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [item] = concern.list_open(store)
    assert (item.happened, item.doing, item.need, item.note) == (
        "Two outages since Monday", "Moving the database", None, None)

    assert window.current_view().select_id(item.id)
    window.edit_current()
    qtbot.waitUntil(lambda: window.item_dialog is not dialog and window.item_dialog.isVisible())
    edit = window.item_dialog
    assert edit.fields["doing"].toPlainText() == "Moving the database"
    qtbot.keyClicks(edit.fields["need"], "Your decision on the budget")
    assert edit.changes() == {"need": "Your decision on the budget"}
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    [item] = concern.list_open(store)
    assert item.need == "Your decision on the budget"
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    assert concern.list_open(store)[0].need is None


def test_bad_text_in_an_account_field_keeps_save_disabled(window, qtbot):
    window.new_item("concern")
    dialog = window.item_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.fields["title"], "Server slow")
    assert dialog.save_button.isEnabled()
    dialog.fields["happened"].setPlainText("it broke\u202e")
    assert not dialog.save_button.isEnabled()
