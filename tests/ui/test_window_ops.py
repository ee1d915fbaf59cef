"""The window's ways in reach the same core operations: regressions of issue 15's symptoms."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from coach.model import commitment, concern
from coach.ops import delete, items
from coach.rules import close_loop
from coach.storage import settings
from tests.ui.helpers import ids_in


def test_the_concern_flag_survives_filtering(open_window, store, now, qtbot):
    # Regression: tab labels had two owners, and a filter keystroke dropped the ⚑.
    concern.add(store, concern.new("ACME unhappy", now, heat=4))
    concern.add(store, concern.new("Printer contract", now, heat=1))
    window = open_window()

    def label() -> str:
        return window.tabs.tabText(window.tabs.indexOf(window.concerns_view))

    qtbot.waitUntil(lambda: label() == "Concerns (2 · 1 ⚑)")
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClicks(window.filter_edit, "ACME")
    assert label() == "Concerns (1 · 1 ⚑)"
    with qtbot.waitSignal(window.snapshot_shown):
        window.filter_edit.clear()
    assert label() == "Concerns (2 · 1 ⚑)"


def test_a_failed_action_leaves_no_undo_entry(open_window, store, now, qtbot):
    # Regression: the undo command was pushed before the worker ran it, so a failure left a
    # phantom entry whose undo did nothing (or something wrong).
    item_id = commitment.add(store, commitment.new("Send the offer", now)).id
    window = open_window()
    window.show_section(0)  # the window opens on Today
    assert window.current_view().select_id(item_id)
    delete.delete(store, item_id)  # gone meanwhile (a terminal), the list not yet reloaded
    window.done_current()
    qtbot.waitUntil(window.banner.isVisible)
    assert f"no item with id {item_id}" in window.banner.text()
    assert window.undo_stack.count() == 0 and not window.actions.undo.isEnabled()


def test_done_in_the_edit_dialog_closes_the_loop(open_window, store, now, qtbot):
    # Regression: status "done" in the Edit dialog skipped close-the-loop (Ctrl+Enter did not).
    settings.put(store, "manager_name", "Petra Lang")
    item_id = commitment.add(store, commitment.new("Quarterly numbers", now,
                                                   from_manager=True)).id
    window = open_window()
    window.show_section(0)  # the window opens on Today
    view = window.current_view()
    assert view.select_id(item_id)
    window.edit_current()
    qtbot.waitUntil(lambda: window.item_dialog is not None and window.item_dialog.isVisible())
    status = window.item_dialog.fields["status"]
    status.setCurrentIndex(status.findData("done"))
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(window.item_dialog.save_button, Qt.MouseButton.LeftButton)
    assert commitment.get(store, item_id).loop_state == close_loop.PENDING
    qtbot.waitUntil(lambda: window.close_loop_dialog is not None
                    and window.close_loop_dialog.isVisible())
    assert window.close_loop_dialog.offer.item.id == item_id
    window.close_loop_dialog.reject()
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()
    item = commitment.get(store, item_id)
    assert (item.status, item.loop_state) == ("open", None)


def test_ill_ask_keeps_the_follow_up_linked_to_the_request(window, store, now, qtbot):
    # Regression: the follow-up was built from an unsaved item and lost its parent.
    window.quick_add()
    capture = window.capture
    qtbot.waitUntil(capture.line.hasFocus)
    qtbot.keyClicks(capture.line, "Send Jim the report asap")
    qtbot.keyClick(capture.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(capture, "by_when_prompt", None) is not None
                    and capture.by_when_prompt.isVisible())
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(capture.by_when_prompt.buttons["ask"], Qt.MouseButton.LeftButton)
    request, follow = sorted(commitment.list_open(store), key=lambda c: c.id)
    assert request.title == "Send Jim the report" and request.due is None
    assert follow.parent_id == request.id and follow.due == now + timedelta(hours=1)
    assert ids_in(window.models["commitment"]) == [follow.id, request.id]
    with qtbot.waitSignal(window.snapshot_shown):
        window.actions.undo.trigger()  # one action: undo takes both
    assert items.find(store, request.id) is None and items.find(store, follow.id) is None
