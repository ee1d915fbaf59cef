"""Renegotiate…: a commitment's new date and why, then the honest message to send them.

The new date is typed in the app's date grammar and understood in the worker as you type
(the same field as the commitment dialog's). The dialog only asks; the move is recorded by
coach.ops.renegotiate through the window's undo stack, and the dialog then shows the message
for the recipient, ready to copy.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _
from coach.timing import timeutil
from coach.timing.display import local

from ..system.plain import PlainLabel
from ..window.models import warning_color
from .item_dialog import DATE_FORMAT, DateField


class RenegotiateDialog(QDialog):
    """Emits `requested(new_due, reason)`; the caller answers with `show_done` or
    `show_error`."""

    requested = Signal(object, object)

    def __init__(self, client, item_id: int, title: str, due: datetime | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id, self.title = item_id, title
        self.recorded = False
        self.setObjectName("renegotiate-dialog")
        self.setWindowTitle(_("Renegotiate"))
        self.setMinimumWidth(480)
        if due is not None and due <= timeutil.now():
            text = _("“{title}” was due {when}.").format(title=title,
                                                         when=local(due, fmt=DATE_FORMAT))
        elif due is not None:
            text = _("“{title}” is due {when}.").format(title=title,
                                                        when=local(due, fmt=DATE_FORMAT))
        else:
            text = _("“{title}” has no due time yet.").format(title=title)
        self.heading = PlainLabel(text)
        self.heading.setWordWrap(True)
        hint = PlainLabel(_("Ask for more time before it is due: a new date agreed early "
                            "keeps their trust; a silent slip costs it."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.when = DateField(client, None, True,
                              _("e.g. Tuesday 3pm, next Monday, Dienstag 15 Uhr"))
        self.when.edit.setAccessibleName(_("New date"))
        self.when.changed.connect(self._validate)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("because … (optional)"))
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("New date"), self.when)
        form.addRow(_("Reason"), self.reason)
        self.outcome = PlainLabel()
        self.outcome.setObjectName("renegotiate-result")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.message = QPlainTextEdit()
        self.message.setObjectName("renegotiate-message")
        self.message.setAccessibleName(_("Message to send"))
        self.message.setReadOnly(True)
        self.message.setFixedHeight(80)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Renegotiate"))
        self.copy_button = QPushButton(_("&Copy message"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.hide()  # after addButton, which shows it
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.when.edit.setFocus()
        self._validate()

    def _validate(self) -> None:
        ready = self.when.valid and self.when.value is not None
        self.ok_button.setEnabled(self.recorded or ready)

    def accept(self) -> None:
        if self.recorded:
            super().accept()
            return
        if not self.ok_button.isEnabled():
            return
        self.ok_button.setEnabled(False)  # once: the worker answers with show_done/show_error
        self.requested.emit(self.when.value, self.reason.text().strip() or None)

    def show_done(self, message: str, in_time: bool) -> None:
        """Recorded: the form gives way to the message for the recipient."""
        self.recorded = True
        self.form.setEnabled(False)
        self.outcome.setStyleSheet("")
        self.outcome.setText(_("Recorded. Send them this message:") if in_time else
                            _("Recorded as renegotiated after it was due (late). Send them "
                              "this message:"))
        self.outcome.show()
        self.message.setPlainText(message)
        self.message.show()
        self.copy_button.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.ok_button.setText(_("Close"))
        self.ok_button.setEnabled(True)
        self.copy_button.setFocus()

    def show_error(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(f"color: {warning_color().name()}")
        self.outcome.show()
        self._validate()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.message.toPlainText())
        self.copy_button.setText(_("Copied"))
