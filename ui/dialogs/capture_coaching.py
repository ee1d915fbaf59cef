"""Coaching at capture in the commitment dialog: "By when?" and the promise check, on Save.

The same questions quick capture asks, so every way of adding a commitment in the window
agrees: a commitment with no due time gets "By when? Ask now" (ui/dialogs/by_when.py); a
promise to someone other than yourself that was not checked gets the check offered, Enter
to run it, Esc to skip. Skipped, it is saved exactly as `coach add` without --check saves
it (coach.ops.add with no check): the statistics count it as skipped
(coach.rules.capture).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from coach.i18n import _
from coach.rules import by_when
from coach.rules.capture import for_someone_else
from coach.wording.german import obj

from ..system.plain import message_box, set_informative
from .promise_dialog import CHOICE_KEY


def ask_first(dialog: Any) -> bool:
    """Before a new commitment is saved: True if a question is open and the dialog saves
    once it is answered, False to save now.

    `dialog` is ui.dialogs.item_dialog.ItemDialog: its `values()`, `by_when`,
    `check_offered` and `promise_button` are used.
    """
    values = dialog.values()
    checked = values.get(CHOICE_KEY) is not None
    if values.get("due") is None and dialog.by_when is None:
        ask_by_when(dialog, values["title"], dialog.answer_by_when)
        return True
    if checked or dialog.check_offered or not for_someone_else(values.get("recipient")):
        return False
    dialog.check_offered = True  # asked once: Save after a cancelled check saves
    if offer_check(dialog, values["title"], values["recipient"]):
        dialog.promise_button.click()  # the check's answer saves (ItemDialog._checked)
        return True
    dialog.check_skipped = True
    return False


def ask_by_when(dialog: Any, title: str, on_answer: Callable[[str], None]) -> None:
    """"By when? Ask now" over `dialog`; `on_answer` gets one of by_when.ANSWERS."""
    from .by_when import ByWhenPrompt

    prompt = ByWhenPrompt(title, by_when.vague_word(title), dialog)
    prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    prompt.answered.connect(on_answer)
    dialog.by_when_prompt = prompt  # tests and the window reach the open prompt here
    prompt.open()


def offer_check(dialog: Any, title: str, recipient: str) -> bool:
    """Run the promise check (Enter) or skip it (Esc)?"""
    box = message_box(dialog, _("Promise check"),
                      _("“{title}” is a promise to {who}. Check it before you save it?")
                      .format(title=title, who=obj(recipient)),
                      icon=QMessageBox.Icon.Question)
    set_informative(box, _("Five quick questions: can you keep it, and what to tell them. "
                           "Skipped, it counts as skipped in your statistics."))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(_("&Check it"))
    box.button(QMessageBox.StandardButton.No).setText(_("&Skip"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Yes
