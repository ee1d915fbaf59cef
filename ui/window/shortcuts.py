"""The keyboard shortcuts, listed from the window's own actions so the list cannot drift."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from coach.i18n import _


def show(parent: QWidget, actions) -> None:
    rows = []
    features = getattr(parent, "features", None)  # built after the first paint
    acting = features.commitments.actions if features is not None else []
    for action in (actions.quick_add, actions.new_reply, actions.new_concern, actions.edit,
                   actions.done, *acting, actions.delete, actions.undo, actions.redo,
                   actions.find, actions.brief, *actions.sections, actions.close_window,
                   actions.quit):
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                         for s in action.shortcuts())
        label = action.text().replace("&", "").removesuffix("…")
        rows.append(f"<tr><td>{escape(label)}</td><td><b>{escape(keys)}</b></td></tr>")
    rows.append(f"<tr><td>{escape(_('Edit'))}</td><td><b>{escape(_('double-click'))}"
                "</b></td></tr>")
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.RichText)  # a table built with escape() around each value
    box.setWindowTitle(_("Keyboard shortcuts"))
    box.setText("<table cellspacing=6>" + "".join(rows) + "</table>")
    box.open()
