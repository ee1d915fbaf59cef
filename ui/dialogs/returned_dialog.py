"""Mark an owed reply returned, with a note of what was agreed: one click makes it a commitment.

"I'll send the revised offer by Friday" typed as the note becomes a commitment to the
caller, due Friday 17:00 (a trailing date is split off the way quick capture does).
"""

from __future__ import annotations

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
        self.client, self.item_id = client, item_id
        self.commitment_id: int | None = None
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

    def submit(self, make_commitment: bool) -> None:
        from coach.timing import timeutil

        note, item_id, now = self.note.toPlainText(), self.item_id, timeutil.now()
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
                                                      make_commitment),
                           done, failed, writes=True)
