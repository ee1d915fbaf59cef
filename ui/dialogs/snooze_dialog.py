"""Snooze…: until when the reminders about an item hold ("2h", "2 Stunden", "tomorrow 9am").

Understood as you type by the same rule as `coach snooze` (coach.ops.snooze.parse_until, no
SQL, quick enough for every keystroke); the snooze itself runs through the window's undo
stack.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.errors import CoachError
from coach.i18n import N_, _
from coach.timing import timeutil
from coach.timing.display import local

from ..system.plain import PlainLabel
from ..window.models import warning_color
from .item_dialog import DATE_FORMAT

QUICK = (("1h", N_("1 hour")), ("2h", N_("2 hours")), ("4h", N_("4 hours")),
         ("1d", N_("1 day")))


class SnoozeDialog(QDialog):
    """Emits `requested(until)` when accepted with a time that lies ahead."""

    requested = Signal(object)

    def __init__(self, item_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id, self.title = item_id, title
        self.until: datetime | None = None
        self.setObjectName("snooze-dialog")
        self.setWindowTitle(_("Snooze"))
        self.setMinimumWidth(420)
        heading = PlainLabel(_("Hold the reminders about “{title}” until:").format(title=title))
        heading.setWordWrap(True)
        self.line = QLineEdit()
        self.line.setObjectName("snooze-when")
        self.line.setAccessibleName(_("Snooze until"))
        self.line.setPlaceholderText(_("2h, 90 min, 2 Stunden, tomorrow 9am"))
        self.line.textChanged.connect(self._understand)
        quick = QHBoxLayout()
        for text, shown in QUICK:
            button = QPushButton(_(shown))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, t=text: self.line.setText(t))
            quick.addWidget(button)
        quick.addStretch(1)
        self.preview = PlainLabel()
        self.preview.setObjectName("snooze-preview")
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Snooze"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.line)
        layout.addLayout(quick)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.line.setFocus()
        self._understand("")

    def _understand(self, text: str) -> None:
        from coach.ops.snooze import parse_until

        self.until, shown, bad = None, "", False
        if text.strip():
            try:
                self.until = parse_until(text, timeutil.now())
                shown = _("until {when}").format(when=local(self.until, fmt=DATE_FORMAT))
            except CoachError as exc:
                shown, bad = str(exc), True
        self.preview.setText(shown)
        self.preview.setStyleSheet(f"color: {warning_color().name()}" if bad else "")
        self.ok_button.setEnabled(self.until is not None)

    def accept(self) -> None:
        if self.until is None:
            return
        self.requested.emit(self.until)
        super().accept()
