"""The promise check dialog: five questions before a commitment to someone is recorded.

Fully usable by keyboard: each question is a row of Yes / No / Not sure; on a row, Y (or J),
N and U (or ?) answer and move on to the next question, arrows move within the row, Tab moves
between rows. The result and the wording update as you answer; Enter records, Alt+S records
the commitment with the check skipped on purpose, Escape goes back without recording.

The dialog only asks; the commitment is recorded with its check by coach.ops.add in the
window's worker thread.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import N_, _, current_language
from coach.model import commitment
from coach.ops.add import PromiseChoice
from coach.rules import promise_check as pc
from coach.storage.settings import DEFAULT_HOURS, WorkingHours

from ..system.plain import PlainLabel

CHOICE_KEY = "check"  # where a dialog's fields carry the choice (coach.ops.add takes it so)
SHORTCUT = "Ctrl+P"  # opens the check from quick capture and the commitment dialog
ANSWER_LABELS = ((pc.YES, N_("Yes")), (pc.NO, N_("No")), (pc.UNSURE, N_("Not sure")))
ANSWER_KEYS = {Qt.Key.Key_Y: pc.YES, Qt.Key.Key_J: pc.YES, Qt.Key.Key_N: pc.NO,
               Qt.Key.Key_U: pc.UNSURE, Qt.Key.Key_Question: pc.UNSURE}
WORDING_LANGUAGES = (("en", "English"), ("de", "Deutsch"))  # names in their own language


class _AnswerKeys(QObject):
    """Y/N/U on a focused answer button picks the answer and moves to the next question."""

    def __init__(self, dialog: PromiseDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Shift is allowed: "?" needs it on most layouts. Ctrl/Alt keep their shortcuts.
        plain = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        if event.type() == QEvent.Type.KeyPress and event.key() in ANSWER_KEYS \
                and not event.modifiers() & ~plain:
            question = watched.property("question")
            if question:
                self.dialog.answer(question, ANSWER_KEYS[event.key()], advance=True)
                return True
        return False


class PromiseDialog(QDialog):
    def __init__(self, title: str, recipient: str | None, due: datetime | None,
                 now: datetime, tz: tzinfo | None = None,
                 hours: WorkingHours = DEFAULT_HOURS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from coach.timing.dates import local_tz

        self.setWindowTitle(_("Promise check"))
        self.setObjectName("promise-check")
        self.setMinimumWidth(720)
        self.item = commitment.new(title, now, recipient=recipient, due=due)
        self.now, self.tz, self.hours = now, tz or local_tz(), hours
        self.skipped = False
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons_for: dict[str, dict[str, QRadioButton]] = {}
        keys = _AnswerKeys(self)

        self.heading = heading = PlainLabel(self._heading())
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setObjectName("promise-heading")
        intro = PlainLabel(_("Before you promise: answer with Y, N or U (not sure); "
                         "Tab moves on, Enter records."))
        intro.setWordWrap(True)
        intro.setEnabled(False)

        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setHorizontalSpacing(14)
        for row, question in enumerate(pc.QUESTIONS):
            label = PlainLabel(f"{row + 1}. {_(pc.QUESTION_TEXT[question])}")
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            holder = QWidget()  # its own parent, so arrow keys stay within the row
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(holder)
            self.buttons_for[question] = {}
            for answer, shown in ANSWER_LABELS:
                button = QRadioButton(_(shown))
                button.setProperty("question", question)
                button.setProperty("answer", answer)
                button.installEventFilter(keys)
                button.setAccessibleName(f"{_(pc.QUESTION_TEXT[question])} {_(shown)}")
                group.addButton(button)
                line.addWidget(button)
                self.buttons_for[question][answer] = button
            self.buttons_for[question][pc.UNSURE].setChecked(True)
            group.buttonToggled.connect(self._update)
            self.groups[question] = group
            label.setBuddy(self.buttons_for[question][pc.UNSURE])
            grid.addWidget(holder, row, 1)
        questions = QGroupBox(_("Before you promise"))
        questions.setLayout(grid)

        self.to = QLineEdit(recipient or "")
        self.to.setObjectName("promise-to")
        self.to.setPlaceholderText(_("who you are promising it to"))
        self.to.textChanged.connect(self._recipient_changed)
        self.others = QLineEdit()
        self.others.setObjectName("promise-others")
        self.others.setPlaceholderText(_("e.g. billing, the team lead"))
        self.others.textChanged.connect(self._update)
        self.language = QComboBox()
        for code, name in WORDING_LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.currentIndexChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(_("&To"), self.to)
        form.addRow(_("&Who else must act or knows better?"), self.others)
        form.addRow(_("Wording &in"), self.language)
        form.labelForField(self.to).setBuddy(self.to)
        form.labelForField(self.others).setBuddy(self.others)
        form.labelForField(self.language).setBuddy(self.language)

        self.result_label = PlainLabel()
        self.result_label.setObjectName("promise-result")
        bold = QFont(self.result_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.result_label.setFont(bold)
        self.reasons = PlainLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.wording = QPlainTextEdit()
        self.wording.setObjectName("promise-wording")
        self.wording.setReadOnly(True)
        self.wording.setTabChangesFocus(True)
        self.wording.setFixedHeight(84)
        self.copy_button = QPushButton(_("&Copy wording"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_wording)
        self.recorded = PlainLabel()
        self.recorded.setWordWrap(True)
        result_box = QGroupBox(_("Result"))
        box = QVBoxLayout(result_box)
        box.addWidget(self.result_label)
        box.addWidget(self.reasons)
        box.addWidget(PlainLabel(_("What you can say:")))
        box.addWidget(self.wording)
        below = QHBoxLayout()
        below.addWidget(self.recorded, 1)
        below.addWidget(self.copy_button)
        box.addLayout(below)

        self.buttons = QDialogButtonBox()
        self.skip_button = QPushButton(_("&Skip check"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip(_("Record the commitment without a check, on purpose"))
        self.skip_button.clicked.connect(self.skip)
        self.record_button = QPushButton(_("&Record"))
        self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Copy, self.wording, self.copy_wording,
                  context=Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(questions)
        layout.addLayout(form)
        layout.addWidget(result_box)
        layout.addWidget(self.buttons)
        # Only once the button is inside the dialog does "default" reach the dialog.
        self.record_button.setDefault(True)
        self._update()
        self.buttons_for[pc.QUESTIONS[0]][pc.UNSURE].setFocus()

    def _heading(self) -> str:
        text = _("“{title}”").format(title=self.item.title)  # German quotes differ
        if self.item.recipient:
            text += " → " + self.item.recipient
        if self.item.due:
            text += "  ·  " + _("due {when}").format(
                when=pc.say_when(self.item.due, self.now, self.tz, current_language()))
        return text

    # --- state -------------------------------------------------------------------------

    def answers(self) -> dict[str, str]:
        return {q: self.groups[q].checkedButton().property("answer") for q in pc.QUESTIONS}

    def answer(self, question: str, value: str, advance: bool = False) -> None:
        self.buttons_for[question][value].setChecked(True)
        if not advance:
            return
        index = pc.QUESTIONS.index(question)
        if index + 1 < len(pc.QUESTIONS):
            self.buttons_for[pc.QUESTIONS[index + 1]][self._checked(index + 1)].setFocus()
        else:
            (self.others if self.to.text().strip() else self.to).setFocus()

    def _checked(self, index: int) -> str:
        return self.answers()[pc.QUESTIONS[index]]

    def _recipient_changed(self, text: str) -> None:
        self.item.recipient = text.strip() or None
        self.heading.setText(self._heading())
        self._update()

    def verdict(self) -> pc.Verdict:
        return pc.evaluate(self.answers(), self.now, self.item.due, self.tz, self.hours)

    def lang(self) -> str:
        return self.language.currentData()

    def choice(self) -> PromiseChoice:
        others = self.others.text().strip() or None
        return PromiseChoice(None if self.skipped else self.answers(), others, self.lang(),
                             self.item.recipient)

    def _update(self, *_args: Any) -> None:
        verdict = self.verdict()
        self.result_label.setText(_(pc.RESULT_TEXT[verdict.result]))
        self.reasons.setText("\n".join(f"• {r}" for r in verdict.reasons()))
        self.reasons.setVisible(bool(verdict.doubts))
        self.wording.setPlainText(pc.wording_for(verdict, self.item, self.now, self.tz,
                                                 self.lang(), self.others.text(), self.hours))
        notes = []
        if verdict.get_back_by:
            notes.append(_("Also recorded: get back to them by {when}.").format(
                when=pc.say_when(verdict.get_back_by, self.now, self.tz, current_language())))
        if verdict.awaiting_ok:
            notes.append(_("Waits for your manager's OK in the next briefing."))
        notes.append(_("Confidence: {percent} %").format(percent=round(verdict.confidence * 100)))
        self.recorded.setText("  ".join(notes))

    # --- actions -----------------------------------------------------------------------

    def copy_wording(self) -> None:
        QGuiApplication.clipboard().setText(self.wording.toPlainText())

    def skip(self) -> None:
        self.skipped = True
        self.accept()


# --- The hook in the capture and commitment dialogs ------------------------------------

def install(dialog: QDialog, fields, on_choice) -> QPushButton:
    """Add "Promise check…" (Ctrl+P) to a dialog. `fields()` gives title, recipient and due
    as typed; `on_choice(choice)` gets the answers once the check is recorded."""
    from coach.timing import timeutil

    button = QPushButton(_("&Promise check…"))
    button.setAutoDefault(False)
    button.setToolTip(_("Before you promise: five questions and honest wording ({keys})")
                      .format(keys=QKeySequence(SHORTCUT).toString(
                          QKeySequence.SequenceFormat.NativeText)))

    def run() -> None:
        values = fields()
        if not values.get("title"):
            return
        check = PromiseDialog(values["title"], values.get("recipient"), values.get("due"),
                              timeutil.now(), parent=dialog)
        check.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        check.accepted.connect(lambda: on_choice(check.choice()))
        dialog.promise_check_dialog = check  # tests reach the open check here
        check.open()

    button.clicked.connect(run)
    QShortcut(QKeySequence(SHORTCUT), dialog, run)
    return button
