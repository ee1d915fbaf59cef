"""Mark an owed reply returned, with a note of what was agreed: one click makes it a commitment.

"I'll send the revised offer by Friday" typed as the note becomes a commitment to the
caller, due Friday 17:00 (a trailing date is split off the way quick capture does).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _

from ..system.plain import PlainLabel


class ReturnedDialog(QDialog):
    def __init__(self, client, item_id: int, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.item_id, self.who = client, item_id, who
        self.commitment_id: int | None = None
        # The new commitment gets the questions every commitment added here gets
        # (ui/dialogs/capture_coaching.py): "By when?" and the promise check offered.
        self.by_when: str | None = None
        self.by_when_prompt: QDialog | None = None
        self.check = None
        self.check_offered = False
        self.promise_check_dialog: QDialog | None = None
        self.setWindowTitle(_("Mark returned"))
        from coach.wording.german import obj

        label = PlainLabel(_("You got back to {who}. What did you agree? (optional)").format(
            who=obj(who)))
        label.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(_("What you agreed"))
        self.note.setPlaceholderText(_("e.g. Send the revised offer by Friday"))
        self.note.setTabChangesFocus(True)
        self.error = PlainLabel()
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.returned = QPushButton(_("Mark returned"))
        self.as_commitment = QPushButton(_("Mark returned and make it a commitment"))
        self.as_commitment.setObjectName("make-commitment")
        self.buttons.addButton(self.returned, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.as_commitment, QDialogButtonBox.ButtonRole.ActionRole)
        self.returned.setDefault(True)
        self.returned.clicked.connect(lambda: self.submit(False))
        self.as_commitment.clicked.connect(lambda: self.submit(True))
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        for widget in (label, self.note, self.error, self.buttons):
            layout.addWidget(widget)
        self._update()

    def _update(self) -> None:
        self.as_commitment.setEnabled(bool(self.note.toPlainText().strip()))

    def _ask_first(self) -> bool:
        """Before the agreement becomes a commitment: True while a question is open."""
        from coach.rules.capture import for_someone_else
        from coach.timing import timeutil
        from coach.timing.dates import split_when

        from . import capture_coaching

        now = timeutil.now()
        first = self.note.toPlainText().strip().splitlines()[0]
        title, due = split_when(first, now)
        title = title or first
        if due is None and self.by_when is None:
            capture_coaching.ask_by_when(self, title, self._answered)
            return True
        if self.check is not None or self.check_offered or not for_someone_else(self.who):
            return False
        self.check_offered = True
        if not capture_coaching.offer_check(self, title, self.who):
            return False
        from .promise_dialog import PromiseDialog

        check = PromiseDialog(title, self.who, due, now, parent=self)
        check.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        check.accepted.connect(lambda: self._checked(check.choice()))
        self.promise_check_dialog = check
        check.open()
        return True

    def _answered(self, answer: str) -> None:
        self.by_when = answer
        self.submit(True)

    def _checked(self, choice) -> None:
        self.check = choice
        self.submit(True)

    def submit(self, make_commitment: bool) -> None:
        from coach.timing import timeutil

        if make_commitment and self._ask_first():
            return
        note, item_id, now = self.note.toPlainText(), self.item_id, timeutil.now()
        by_when, check = self.by_when, self.check
        self.setEnabled(False)

        def done(changed) -> None:
            self.commitment_id = changed.first if make_commitment else None
            self.accept()

        def failed(message: str) -> None:
            self.setEnabled(True)
            self.error.setText(message)
            self.error.show()

        from coach.ops.finish import return_reply

        self.client.submit(lambda store: return_reply(store, item_id, note, now,
                                                      make_commitment, by_when, check),
                           done, failed, writes=True)
