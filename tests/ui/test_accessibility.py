"""Every window and dialog: each widget a keyboard can reach has a name a screen reader says.

The name is what Qt's accessibility layer reports (QAccessibleInterface.text(Name)): the
widget's accessible name, else its text, else the label it is the buddy of in a form. A
widget without one is announced as "edit" or "button" and nothing more.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QStackedWidget, QTabWidget, QWidget

from tests.ui.helpers import seed


def _pages(top: QWidget):
    """Show each page of every tab widget and stack in turn, so hidden pages are walked too."""
    yield
    for pages in top.findChildren(QTabWidget) + top.findChildren(QStackedWidget):
        if isinstance(pages.parent(), QTabWidget):
            continue  # a tab widget's own stack: walked through the tab widget
        before = pages.currentIndex()
        for index in range(pages.count()):
            pages.setCurrentIndex(index)
            yield
        pages.setCurrentIndex(before)


def _focus_proxy_part(widget: QWidget) -> bool:
    # The line edit inside a spin box or combo box is the box's own part: the reader names
    # the box, which is checked itself.
    return isinstance(widget.parent(), (QAbstractSpinBox, QComboBox))


def unnamed(top: QWidget) -> set[str]:
    missing = set()
    for _shown in _pages(top):
        for widget in [top, *top.findChildren(QWidget)]:
            if (widget.focusPolicy() == Qt.FocusPolicy.NoFocus
                    or widget.window() is not top or not widget.isVisibleTo(top)
                    or _focus_proxy_part(widget)):
                continue
            face = QAccessible.queryAccessibleInterface(widget)
            name = face.text(QAccessible.Text.Name).strip() if face is not None else ""
            if not name:
                missing.add(f"{type(widget).__name__} {widget.objectName()!r} in "
                            f"{type(top).__name__} {top.windowTitle()!r}")
    return missing


@pytest.fixture(params=["en", "de"])
def language(request, monkeypatch):
    from ui.app import create_application
    from ui.system.language import apply_language

    create_application()
    apply_language(request.param)
    yield request.param
    apply_language("en")


def test_every_focusable_widget_in_every_window_has_a_name(language, open_window, store, now,
                                                           qtbot):
    from coach.model import commitment
    from ui.dialogs.by_when import ByWhenPrompt
    from ui.dialogs.close_loop_dialog import CloseLoopDialog, Offer
    from ui.dialogs.item_dialog import ItemDialog
    from ui.dialogs.promise_dialog import PromiseDialog
    from ui.dialogs.restore_dialog import RestoreDialog
    from ui.dialogs.returned_dialog import ReturnedDialog
    from ui.window.concern_view import ConcernDialog, HeatingUpDialog

    ids = seed(store, now)
    window = open_window()
    features = window.features
    features.reminder_banner.show_note(_note())
    from coach.ops.arrivals import Arrival

    features.arrivals.bar.show_first(Arrival(0, "Call the bank", None, None), 2)
    offer_item = commitment.get(store, ids["offer"])
    shown = [window]
    for kind in ("commitment", "reply", "concern"):
        shown.append(ItemDialog(window.client, kind, parent=window))
    shown.append(ItemDialog(window.client, "commitment", item=offer_item, parent=window))
    window.quick_add()
    shown.append(window.capture)
    features.reminder_actions.open_settings()
    shown.append(features.reminder_actions.settings_dialog)
    shown.append(PromiseDialog("Send the offer", "Jim Baker", now + timedelta(days=1), now,
                               parent=window))
    shown.append(CloseLoopDialog(Offer(offer_item, "Anna", "anna@example.invalid"), window))
    shown.append(ReturnedDialog(window.client, ids["voicemail"], "Frau Schneider", window))
    shown.append(ByWhenPrompt("Send the offer", "soon", window))
    shown.append(RestoreDialog([], now, window))
    shown.append(HeatingUpDialog("Send the offer", "Jim Baker", window))
    concern_dialog = ConcernDialog(window, ids["angry"])
    with qtbot.waitSignal(concern_dialog.loaded, timeout=10_000):
        concern_dialog.show()
    shown.append(concern_dialog)
    shown.append(features.about.show())
    shown.append(features.dashboard.open())
    from ui.dialogs.briefing_dialog import BriefingDialog

    briefing = BriefingDialog(window.client, window)
    with qtbot.waitSignal(briefing.ready, timeout=20_000):
        briefing.show()
    shown.append(briefing)
    missing = set()
    for top in shown:
        top.show()
        missing |= unnamed(top)
    for top in shown[1:]:
        top.close()
    assert not missing, "\n".join(sorted(missing))


def test_the_three_tables_and_the_filter_have_names_of_their_own(window):
    names = [view.table.accessibleName() for view in window.sections]
    assert names == ["Commitments list", "Owed replies list", "Concerns list"]
    edit = window.filter_edit
    assert edit.accessibleName() and edit.accessibleName() != edit.placeholderText()


def _note():
    from coach.reminders.schedule import Notification

    return Notification(key="t", kind="reply", title="Reply to Frau Schneider",
                        body="Voicemail, 2 h ago", item_ids=(1,), actions=("snooze",))
