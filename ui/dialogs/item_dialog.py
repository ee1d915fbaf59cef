"""The full dialog for a commitment, an owed reply or a concern: every field, new or edited.

Dates are typed as text ("tomorrow 10am", "morgen 10 Uhr") and understood by
coach.timing.dates.parse_when in the worker thread, which reads the working hours they depend
on; the answer appears under the field (with "Saturday — not a working day" on a day off),
and Save stays disabled while a field is invalid.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.errors import CoachError
from coach.i18n import N_, _
from coach.model import commitment, concern, owed_reply
from coach.timing import timeutil
from coach.timing.display import local

from ..background.rows import COMMITMENT, CONCERN, REPLY
from ..background.worker import StoreClient
from ..system.plain import PlainLabel
from ..window.models import warning_color

DATE_FORMAT = "EEE d MMM y, HH:mm"
TITLES = {
    (COMMITMENT, False): N_("New commitment"), (COMMITMENT, True): N_("Edit commitment"),
    (REPLY, False): N_("New owed reply"), (REPLY, True): N_("Edit owed reply"),
    (CONCERN, False): N_("New concern"), (CONCERN, True): N_("Edit concern"),
}

ACCOUNT_HINTS = {
    "happened": N_("the facts, e.g. “Two outages since Monday”"),
    "doing": N_("e.g. “Moving the database to the new server”"),
    "need": N_("e.g. “Your decision on the budget by Friday”"),
}


def _parse_job(text: str, now: datetime):
    def job(store) -> tuple[bool, Any]:
        from coach.storage import settings
        from coach.timing.dates import WhenError, not_working_day, parse_when

        hours = settings.WorkingHours.from_settings(settings.get_all(store))
        try:
            value = parse_when(text, now, hours=hours)
        except WhenError as exc:
            return False, str(exc)
        return True, (value, not_working_day(value, hours=hours))
    return job


class DateField(QWidget):
    """A line edit for a typed date, with what it was understood as (or why not) below it."""

    changed = Signal()

    def __init__(self, client: StoreClient, value: datetime | None, required: bool,
                 placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.required, self.value = client, required, value
        self.pending = False
        self.error = ""
        self.edit = QLineEdit(value.astimezone(_tz()).strftime("%Y-%m-%d %H:%M") if value else "")
        self.edit.setPlaceholderText(placeholder)
        self.feedback = PlainLabel(local(value, fmt=DATE_FORMAT) if value else "")
        self.feedback.setObjectName("date-feedback")
        self.feedback.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.feedback)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self._parse)
        self.edit.textEdited.connect(self._typed)

    def set_text(self, text: str) -> None:
        self.edit.setText(text)
        self._typed()

    def _typed(self) -> None:
        self.pending = True
        self.changed.emit()
        self._timer.start()

    def _parse(self) -> None:
        text = self.edit.text()
        if not text.strip():
            message = _("A date is needed here.") if self.required else ""
            self._show((not self.required, None if not self.required else message), text)
            return
        self.client.submit(_parse_job(text, timeutil.now()),
                           lambda result: self._show(result, text))

    def _show(self, result: tuple[bool, Any], text: str) -> None:
        if text != self.edit.text():
            return  # an answer for text the user has since changed
        ok, value = result
        if ok:
            value, note = value if isinstance(value, tuple) else (value, None)
            self.value, self.error = value, ""
            shown = local(value, fmt=DATE_FORMAT) if value else ""
            self.feedback.setText(f"{shown} · {note}" if note else shown)
            self.feedback.setStyleSheet("")
        else:
            self.value, self.error = None, value
            self.feedback.setText(value)
            self.feedback.setStyleSheet(f"color: {warning_color().name()}")
        self.pending = False
        self.changed.emit()

    @property
    def valid(self) -> bool:
        return not self.pending and not self.error


def _tz():
    from coach.timing.dates import local_tz

    return local_tz()


class ItemDialog(QDialog):
    """Shows and edits one item; `values()` gives the fields, `changes()` what differs."""

    def __init__(self, client: StoreClient, kind: str, item: Any = None,
                 initial: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.item = kind, item
        # "Must not be empty" only once the user typed or tried to save, not on a fresh form.
        self.touched = False
        self.setWindowTitle(_(TITLES[kind, item is not None]))
        self.setMinimumWidth(480)
        values = dict(initial or {})
        if item is not None:
            values.update(vars(item))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.dates: dict[str, DateField] = {}

        def text(name: str, label: str, placeholder: str = "") -> None:
            widget = QLineEdit(values.get(name) or "")
            widget.setPlaceholderText(placeholder)
            widget.textChanged.connect(self._validate)
            widget.textEdited.connect(self._touched)
            self.fields[name] = widget
            form.addRow(label, widget)

        def when(name: str, label: str, required: bool, placeholder: str) -> None:
            widget = DateField(client, values.get(name), required, placeholder)
            widget.edit.setAccessibleName(label)  # the form's label names the box around it
            widget.changed.connect(self._validate)
            self.dates[name] = widget
            form.addRow(label, widget)

        def words(name: str, label: str, placeholder: str, height: int) -> None:
            widget = QPlainTextEdit(values.get(name) or "")
            widget.setTabChangesFocus(True)
            widget.setPlaceholderText(placeholder)
            widget.setAccessibleName(label)
            widget.setFixedHeight(height)
            widget.textChanged.connect(self._validate)
            self.fields[name] = widget
            form.addRow(label, widget)

        def flag(name: str, label: str) -> None:
            widget = QCheckBox(label)
            widget.setChecked(bool(values.get(name)))
            self.fields[name] = widget
            form.addRow("", widget)

        def choice(name: str, label: str, options: dict[str, str], default: str) -> None:
            widget = QComboBox()
            for key, shown in options.items():
                widget.addItem(_(shown), key)
            widget.setCurrentIndex(max(0, widget.findData(values.get(name) or default)))
            self.fields[name] = widget
            form.addRow(label, widget)

        if kind == COMMITMENT:
            text("title", _("What you promised"), _("Send the revised offer"))
            text("recipient", _("To"), _("who you promised it to"))
            when("due", _("Due"), False, _("e.g. tomorrow 10am, Friday, morgen 10 Uhr"))
            flag("urgent", _("Urgent"))
            flag("from_manager", _("My manager asked for this"))
            if item is not None:
                choice("status", _("Status"), commitment.STATUS_LABELS, commitment.OPEN)
        elif kind == REPLY:
            text("who", _("From"), _("who called or wrote"))
            choice("channel", _("Channel"), owed_reply.CHANNEL_LABELS, "call")
            text("about", _("About"))
            when("received", _("Received"), item is not None, _("empty means now"))
            when("reply_by", _("Reply by"), item is not None,
                 _("empty means by the channel's rule"))
            flag("urgent", _("Urgent"))
        else:
            text("title", _("What is heating up"))
            text("who", _("Who"))
            heat = QSpinBox()
            heat.setRange(concern.HEAT_MIN, concern.HEAT_MAX)
            heat.setValue(int(values.get("heat") or 2))
            heat_label = PlainLabel()
            heat.valueChanged.connect(
                lambda v: heat_label.setText(_(concern.HEAT_LABELS[v])))
            heat_label.setText(_(concern.HEAT_LABELS[heat.value()]))
            row = QWidget()
            box = QFormLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addRow(heat, heat_label)
            heat.setAccessibleName(_("Heat"))
            self.fields["heat"] = heat
            form.addRow(_("Heat (1 calm … 5 exploding)"), row)
            # The briefing says each of these only as written here, never read from the note.
            for name, placeholder in ACCOUNT_HINTS.items():
                words(name, _(concern.ACCOUNT[name]), _(placeholder), 54)
        words("note", _("Note"), "", 90 if kind != CONCERN else 54)

        self.error = PlainLabel()
        self.error.setObjectName("dialog-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {warning_color().name()}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.promise_choice = None
        # Coaching at capture (ui/dialogs/capture_coaching.py) on a new commitment's Save.
        self.by_when: str | None = None
        self.by_when_prompt: QDialog | None = None
        self.check_offered = self.check_skipped = False
        self.promise_button = None
        if kind == COMMITMENT and item is None:
            from . import promise_dialog

            self.promise_button = promise_dialog.install(self, self.values, self._checked)
            self.buttons.addButton(self.promise_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._validate()

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                out[name] = widget.text().strip() or None
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText().strip() or None
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                out[name] = widget.value()
        for name, field in self.dates.items():
            out[name] = field.value
        if self.promise_choice is not None:
            from .promise_dialog import CHOICE_KEY

            out[CHOICE_KEY] = self.promise_choice
        if self.by_when is not None:
            out["by_when"] = self.by_when
        return out

    def answer_by_when(self, answer: str) -> None:
        """"By when?" was answered: the core turns it into the due time; save on."""
        self.by_when = answer
        self.accept()

    def _checked(self, choice) -> None:
        """The promise check was answered: save with it (if the fields are valid)."""
        self.promise_choice = choice
        if choice.recipient:
            self.fields["recipient"].setText(choice.recipient)
        self.accept()

    def changes(self) -> dict[str, Any]:
        """Only the fields the user changed (for an edit and its undo)."""
        return {k: v for k, v in self.values().items()
                if getattr(self.item, k, None) != v}

    def _check_text(self, values: dict[str, Any]) -> str:
        required = "who" if self.kind == REPLY else "title"
        empty = commitment.EMPTY_NAME if self.kind == REPLY else commitment.EMPTY_TITLE
        try:
            for name in ("title", "recipient", "who", "about"):
                if name in values:
                    commitment.clean_text(values[name], empty if name == required else None)
            for name in ("note", *concern.ACCOUNT):
                commitment.clean_text(values.get(name), limit=commitment.MAX_NOTE)
        except CoachError as exc:
            return str(exc)
        return ""

    def _touched(self) -> None:
        self.touched = True
        self._validate()

    def _validate(self) -> None:
        values = self.values()
        message = self._check_text(values)
        self.error.setText(message if self.touched else "")
        ok = not message and all(field.valid for field in self.dates.values())
        self.save_button.setEnabled(ok)

    def accept(self) -> None:
        if not self.save_button.isEnabled():
            self._touched()
            return
        if self.promise_button is not None:
            from .capture_coaching import ask_first

            if ask_first(self):
                return  # saved once the question is answered
        super().accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter in a line edit saves, as in any form dialog; but never while invalid.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not self.save_button.isEnabled():
            self._touched()  # an attempt to save: now say what is missing
            event.accept()
            return
        super().keyPressEvent(event)
