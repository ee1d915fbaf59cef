"""The main toolbar: the everyday actions on the left, the filter box (Ctrl+F) on the right."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from coach.i18n import _


def build_toolbar(window) -> tuple[QToolBar, QLineEdit]:
    """The toolbar for `window` (its `actions`), and the filter box in it."""
    a = window.actions
    bar = QToolBar(_("Main toolbar"))
    bar.setObjectName("main-toolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(20, 20))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (a.quick_add, a.done, a.brief):
        bar.addAction(action)
    new_menu = QToolButton()
    new_menu.setText(_("New"))
    new_menu.setAccessibleName(_("New item"))
    new_menu.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(new_menu)
    menu.addActions([a.new_commitment, a.new_reply, a.new_concern])
    new_menu.setMenu(menu)
    bar.addWidget(new_menu)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    filter_edit = QLineEdit()
    filter_edit.setObjectName("filter")
    filter_edit.setPlaceholderText(_("Filter by text or person"))
    filter_edit.setClearButtonEnabled(True)
    filter_edit.setMinimumWidth(260)
    # A placeholder vanishes once something is typed: the field keeps a name of its own.
    filter_edit.setAccessibleName(_("Filter the lists"))
    filter_edit.setAccessibleDescription(_("Shows only items whose text or person contains "
                                           "what you type; Esc clears it."))
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 6, 0)
    row.addWidget(filter_edit)
    bar.addWidget(box)
    return bar, filter_edit
