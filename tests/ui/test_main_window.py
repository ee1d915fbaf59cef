"""The main window driven like a user would: keys, dialogs, undo/redo, filter."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from coach.ops import items
from tests.ui.helpers import ids_in, seed
from ui.background.rows import COMMITMENT, CONCERN, REPLY


def _status(store, item_id):
    item = items.find(store, item_id)
    return None if item is None else item.status


def _focus_row(qtbot, window, section: int, item_id: int):
    window.show_section(section)
    view = window.current_view()
    assert view.select_id(item_id)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    return view


def test_fresh_database_explains_each_section(window, qtbot):
    for view, button in ((window.commitments_view, "Add your first commitment"),
                         (window.replies_view, "Add your first owed reply"),
                         (window.concerns_view, "Add your first concern")):
        assert view.currentWidget() is view.empty_page
        assert view.add_button.text() == button
        assert len(view.empty_text.text()) > 40  # a real explanation, not a bare label
    assert "promise check" in window.commitments_view.empty_text.text()
    qtbot.mouseClick(window.commitments_view.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.item_dialog.isVisible())
    assert window.item_dialog.windowTitle() == "New commitment"
    window.item_dialog.reject()


def test_lists_are_sorted_and_overdue_stands_out(open_window, store, now):
    ids = seed(store, now)
    window = open_window()
    model = window.models[COMMITMENT]
    assert ids_in(model) == [ids["late"], ids["offer"]]  # by due
    when = model.index(0, 2)
    assert "overdue" in when.data()
    assert when.data(Qt.ItemDataRole.DecorationRole) is not None
    assert when.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "overdue" not in model.index(1, 2).data()
    assert model.index(1, 2).data() == "in 1 day"
    assert ids_in(window.models[REPLY]) == [ids["voicemail"], ids["email"]]
    assert window.models[CONCERN].index(0, 3).data() == "4/5 hot"
    assert window.tabs.tabText(window.tabs.indexOf(window.commitments_view)) == "Commitments (2)"


def test_done_with_ctrl_return_then_undo_and_redo(open_window, store, now, qtbot):
    ids = seed(store, now)
    window = open_window()
    view = _focus_row(qtbot, window, 0, ids["offer"])
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert ids["offer"] not in ids_in(view.model)
    assert _status(store, ids["offer"]) == "done"
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ids["offer"] in ids_in(view.model)
    reopened = items.find(store, ids["offer"])
    assert (reopened.status, reopened.closed, reopened.outcome) == ("open", None, None)
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(view.table, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _status(store, ids["offer"]) == "done"


def test_done_on_a_concern_is_undone_with_its_log(open_window, store, now, qtbot):
    from coach.model.concern import log_of

    ids = seed(store, now)
    window = open_window()
    view = _focus_row(qtbot, window, 2, ids["angry"])
    before = [e.kind for e in log_of(store, ids["angry"])]
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.done.trigger()
    assert _status(store, ids["angry"]) == "resolved"
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    assert _status(store, ids["angry"]) == "open"
    assert [e.kind for e in log_of(store, ids["angry"])] == before
    assert ids["angry"] in ids_in(view.model)


def test_delete_key_removes_and_undo_restores_the_same_item(open_window, store, now, qtbot):
    ids = seed(store, now)
    window = open_window()
    view = _focus_row(qtbot, window, 1, ids["voicemail"])
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert items.find(store, ids["voicemail"]) is None
    assert ids_in(view.model) == [ids["email"]]
    assert view.current_id() == ids["email"]  # the next item took its place
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    assert items.find(store, ids["voicemail"]).about == "Rückerstattung"
    assert ids_in(view.model) == [ids["voicemail"], ids["email"]]
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.redo.trigger()
    assert items.find(store, ids["voicemail"]) is None


def test_enter_edits_every_field_and_undo_restores_them(open_window, store, now, qtbot):
    ids = seed(store, now)
    window = open_window()
    view = _focus_row(qtbot, window, 0, ids["offer"])
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window, "item_dialog", None) is not None
                    and window.item_dialog.isVisible())
    dialog = window.item_dialog
    assert dialog.fields["title"].text() == "Send ACME the revised offer"
    dialog.fields["title"].setText("Send ACME the final offer")
    dialog.fields["recipient"].setText("Jim Baker (ACME)")
    dialog.fields["note"].setPlainText("with the 5% discount")
    dialog.dates["due"].set_text("nonsense o'clock")
    qtbot.waitUntil(lambda: dialog.dates["due"].error != "")
    assert not dialog.save_button.isEnabled()
    assert "nonsense" in dialog.dates["due"].feedback.text()
    dialog.dates["due"].set_text("friday 12:00")
    qtbot.waitUntil(dialog.save_button.isEnabled)
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    item = items.find(store, ids["offer"])
    assert (item.title, item.recipient, item.note) == (
        "Send ACME the final offer", "Jim Baker (ACME)", "with the 5% discount")
    assert item.due == datetime(2026, 11, 27, 11, 0, tzinfo=UTC)  # Friday 12:00 Berlin
    assert view.model.index(view.model.row_of(ids["offer"]), 0).data() == \
        "Send ACME the final offer"
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    item = items.find(store, ids["offer"])
    assert (item.title, item.recipient, item.note) == (
        "Send ACME the revised offer", "Jim Baker", None)
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.redo.trigger()
    assert items.find(store, ids["offer"]).title == "Send ACME the final offer"


def test_concern_heat_edited_in_the_dialog(open_window, store, now, qtbot):
    ids = seed(store, now)
    window = open_window()
    view = _focus_row(qtbot, window, 2, ids["angry"])
    where = view.table.visualRect(view.table.currentIndex()).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: getattr(window, "item_dialog", None) is not None
                    and window.item_dialog.isVisible())
    window.item_dialog.fields["heat"].setValue(5)
    with qtbot.waitSignal(window.snapshot_shown):
        window.item_dialog.save_button.click()
    assert items.find(store, ids["angry"]).heat == 5
    assert view.model.index(0, 3).data() == "5/5 exploding"


def test_new_owed_reply_from_the_menu(window, store, qtbot):
    window.actions.new_reply.trigger()
    qtbot.waitUntil(lambda: window.item_dialog.isVisible())
    dialog = window.item_dialog
    assert not dialog.save_button.isEnabled()  # "who" is required
    dialog.fields["who"].setText("Herr Müller")
    dialog.fields["channel"].setCurrentIndex(dialog.fields["channel"].findData("email"))
    dialog.fields["about"].setText("Angebot")
    qtbot.waitUntil(dialog.save_button.isEnabled)
    with qtbot.waitSignal(window.snapshot_shown):
        dialog.save_button.click()
    model = window.models[REPLY]
    assert model.rowCount() == 1
    row = model.row_at(0)
    reply = items.find(store, row.id)
    assert (reply.who, reply.channel, reply.about) == ("Herr Müller", "email", "Angebot")
    assert reply.reply_by > reply.received  # the channel's rule picked a reply-by time
    assert window.tabs.currentWidget() is window.replies_view


def test_filter_over_text_and_people(open_window, store, now, qtbot):
    ids = seed(store, now)
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.filter_edit.hasFocus)
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClicks(window.filter_edit, "schneider")
    assert ids_in(window.models[COMMITMENT]) == [ids["late"]]  # by recipient
    assert ids_in(window.models[REPLY]) == [ids["voicemail"]]  # by who
    assert ids_in(window.models[CONCERN]) == []
    assert window.concerns_view.empty_title.text() == "Nothing matches “schneider”"
    assert not window.concerns_view.add_button.isVisible()
    with qtbot.waitSignal(window.snapshot_shown):
        window.filter_edit.setText("RÜCKERSTATTUNG")  # text, with non-ASCII case folding
    assert ids_in(window.models[REPLY]) == [ids["voicemail"]]
    assert ids_in(window.models[COMMITMENT]) == []
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert len(ids_in(window.models[COMMITMENT])) == 2


def test_every_action_is_in_a_menu_with_its_shortcut(window):
    in_menus = {a for menu in window.menus.values() for a in menu.actions()}
    a = window.actions
    for action in (a.quick_add, a.new_reply, a.new_concern, a.edit, a.done, a.delete,
                   a.undo, a.redo, a.find, a.brief, a.pause, a.quit):
        assert action in in_menus, action.text()
    shortcuts = {a.quick_add: "Ctrl+N", a.find: "Ctrl+F", a.undo: "Ctrl+Z",
                 a.redo: "Ctrl+Shift+Z", a.quit: "Ctrl+Q", a.delete: "Del",
                 a.done: "Ctrl+Return"}
    for action, keys in shortcuts.items():
        assert keys in [s.toString() for s in action.shortcuts()], action.text()
    assert set(window.menus) == {"file", "edit", "view", "items", "help"}


def test_an_error_is_shown_in_a_banner_not_a_traceback(window, qtbot):
    from coach.errors import CoachError

    def broken(_store):
        raise CoachError("The database is damaged.")

    window.client.submit(broken)
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.text() == "The database is damaged."
    assert not window.findChildren(QPushButton, "Traceback")
