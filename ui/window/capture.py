"""Quick capture: one line, the due time understood as you type, Enter saves a commitment.

`coach.timing.dates.split_when` is the core's own grammar (no SQL), quick enough to run on
every keystroke in the UI thread. The working hours it needs (a bare "at 3" is 15:00 in an
8-18 day) are read once by the worker when the dialog opens.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _
from coach.timing import timeutil
from coach.timing.dates import not_working_day
from coach.timing.display import local

from ..system.plain import PlainLabel, WrappingLabel
from . import icons

PREVIEW_FORMAT = "EEE d MMM, HH:mm"


class QuickCapture(QDialog):
    """Emits `save_requested` with the commitment's fields, or `details_requested` to open
    the full dialog with what was typed so far."""

    save_requested = Signal(dict)
    details_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Quick add"))
        self.setWindowIcon(icons.icon("add"))
        self.setMinimumWidth(520)
        self.line = QLineEdit()
        self.line.setObjectName("capture-line")
        self.line.setPlaceholderText(_("Call Jim back about the refund tomorrow 10am"))
        self.line.setClearButtonEnabled(True)
        self.line.setAccessibleName(_("What you promised, and when"))
        self.preview = WrappingLabel()
        self.preview.setObjectName("capture-preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.details_button = QPushButton(_("Edit details…"))
        self.details_button.setAutoDefault(False)
        self.buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.details_button.clicked.connect(self._details)
        from ..dialogs import promise_dialog

        self.check_button = promise_dialog.install(self, self.fields, self._checked)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        hint = PlainLabel(_("A commitment: what you promised, then when. Enter saves it."))
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.line)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.line.textChanged.connect(self._understand)
        self.line.returnPressed.connect(self.accept)  # not left to default-button rules
        self._parsed: tuple[str, datetime | None] = ("", None)
        self.hours = None  # the settings' working hours once the worker has read them
        self._rule: dict[str, Any] = {}
        self._understand("")

    def fields(self) -> dict[str, Any]:
        title, due = self._parsed
        return {"title": title, "due": due, **self._rule}

    def _understand(self, text: str) -> None:
        from coach.rhythm.capture import understand_promise  # "… every Friday 9am" too
        from coach.timing.dates import local_tz

        line = (understand_promise(text, timeutil.now(), local_tz(), hours=self.hours)
                if text.strip() else None)
        title, due = (line.title, line.due) if line else ("", None)
        self._rule = {k: v for k, v in line.fields().items() if k.startswith("rule")} \
            if line and line.recurrence else {}
        self._parsed = (title, due)
        self.save_button.setEnabled(bool(title))
        if not title:
            self.preview.setText(_("Type what you promised and when it is due."))
        elif due is None:
            self.preview.setText(_("“{title}” · no due date yet: add when, "
                                   "e.g. “tomorrow 10am”").format(title=title))
        elif line is not None and line.recurrence is not None:
            self.preview.setText(_("“{title}” · {rule}, first {when}").format(
                title=title, rule=line.recurrence.describe(),
                when=local(due, fmt=PREVIEW_FORMAT)))
        else:
            shown = _("“{title}” · due {when}").format(title=title,
                                                       when=local(due, fmt=PREVIEW_FORMAT))
            if note := not_working_day(due, hours=self.hours):
                shown += f" · {note}"
            self.preview.setText(shown)

    def set_hours(self, hours) -> None:
        self.hours = hours
        self._understand(self.line.text())

    def open_fresh(self) -> None:
        client = getattr(self.parent(), "client", None)
        if client is not None and self.hours is None:
            client.submit(_read_hours, self.set_hours)
        self.line.clear()
        self.show()
        self.raise_()
        self.activateWindow()
        self.line.setFocus()

    def accept(self) -> None:
        if not self.save_button.isEnabled() or not self.isVisible():
            return  # Enter can reach both the line edit and the default button
        from ..dialogs import by_when

        if by_when.ask_first(self, self.line.text()):
            return  # "By when? Ask now" saves once it is answered
        self.save_requested.emit(self.fields())
        super().accept()

    def _checked(self, choice) -> None:
        """The promise check was answered: save the commitment with it."""
        from ..dialogs.promise_dialog import CHOICE_KEY

        self.save_requested.emit({**self.fields(), CHOICE_KEY: choice})
        QDialog.accept(self)

    def _details(self) -> None:
        self.details_requested.emit(self.fields())
        self.reject()


def _read_hours(store):
    """Worker side: the working hours from the settings."""
    from coach.storage import settings

    return settings.WorkingHours.from_settings(settings.get_all(store))
