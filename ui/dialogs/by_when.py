""""By when? Ask now": shown by quick capture before a request without a real date is saved.

One click answers it: today, tomorrow, this week — or "I'll ask", which saves the item and a
small follow-up commitment to ask the requester within the working hour (coach.ops.add).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coach.i18n import N_, _
from coach.rules import by_when

from ..system.plain import PlainLabel

BUTTON_TEXT = {by_when.TODAY: N_("&Today"), by_when.TOMORROW: N_("To&morrow"),
               by_when.THIS_WEEK: N_("This &week"), by_when.ASK: N_("&I'll ask")}


class ByWhenPrompt(QDialog):
    """Emits `answered` with one of coach.rules.by_when.ANSWERS; rejected: back to editing."""

    answered = Signal(str)

    def __init__(self, title: str, vague: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("by-when-prompt")
        self.setWindowTitle(_("By when? Ask now"))
        heading = PlainLabel(_("By when? Ask now"))
        heading.setObjectName("by-when-heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        if vague:
            why = _("“{title}” says “{word}”, which is not a date. Ask now, while they are "
                    "still on the line: an agreed time beats a guess.").format(
                title=title, word=vague)
        else:
            why = _("“{title}” has no date. Ask now, while they are still on the line: an "
                    "agreed time beats a guess.").format(title=title)
        self.explain = PlainLabel(why)
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for answer in by_when.ANSWERS:
            button = QPushButton(_(BUTTON_TEXT[answer]))
            button.setObjectName(f"by-when-{answer}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=answer: self._answer(a))
            row.addWidget(button)
            self.buttons[answer] = button
        self.buttons[by_when.TODAY].setDefault(True)
        self.buttons[by_when.ASK].setToolTip(
            _("Save it without a date, plus a commitment to ask them within the hour."))
        back = QPushButton(_("Back"))
        back.setAutoDefault(False)
        back.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explain)
        layout.addLayout(row)

    def _answer(self, answer: str) -> None:
        self.answered.emit(answer)
        self.accept()


def ask_first(capture: Any, text: str) -> bool:
    """If the capture has no real date, show the prompt and save on its answer. True if shown.

    `capture` is ui.window.capture.QuickCapture: its `fields()` and `save_requested` are used.
    """
    fields = capture.fields()
    if not by_when.needs_asking(fields["title"], fields["due"]):
        return False
    prompt = ByWhenPrompt(fields["title"], by_when.vague_word(text), capture)
    prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(answer: str) -> None:
        # The core turns the answer into a due time in the user's working hours (or, for
        # "I'll ask", saves a follow-up linked to the item): coach.ops.add.add_commitment.
        capture.save_requested.emit({**fields, "by_when": answer})
        QDialog.accept(capture)

    prompt.answered.connect(answered)
    capture.by_when_prompt = prompt  # tests and the window reach the open prompt here
    prompt.open()
    return True
