"""Close the loop: when a manager's request is marked done, offer to tell them in one click.

Copy the short message, or open it as an email to settings "manager_email", or put it in the
next briefing. "Later" leaves loop_state "pending", so the briefing's draft lists it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _
from coach.model.commitment import Commitment
from coach.ops.finish import BRIEFING, LATER, TOLD
from coach.rules import close_loop

from ..system.plain import PlainLabel


@dataclass
class Offer:
    item: Commitment
    manager_name: str
    manager_email: str


def pending_offer(store: Any, item_id: int) -> Offer | None:
    """Worker job: the offer to make if this commitment's loop is open (after `done`)."""
    from coach.model import commitment
    from coach.storage import settings

    item = commitment.get(store, item_id)
    if item is None or item.loop_state != close_loop.PENDING:
        return None
    prefs = settings.load(store)
    return Offer(item, prefs.manager_name, prefs.manager_email)


class CloseLoopDialog(QDialog):
    """Emits `chosen` with "told" (copied or mailed), "briefing", or "later"."""

    chosen = Signal(str)

    def __init__(self, offer: Offer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = offer
        self.open_url = QDesktopServices.openUrl  # the mail program; tests record instead
        self.setObjectName("close-loop-dialog")
        self.setWindowTitle(_("Close the loop"))
        from coach.wording.german import address, obj

        first = address(offer.manager_name)
        heading = PlainLabel(_("Tell {name} it is done").format(name=obj(first)) if first
                         else _("Tell your manager it is done"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        why = PlainLabel(_("They asked for it; a short note now shows it is handled and saves "
                       "them from having to chase you."))
        why.setWordWrap(True)
        self.text = QPlainTextEdit(close_loop.message(offer.item, offer.manager_name))
        self.text.setObjectName("close-loop-message")
        self.text.setAccessibleName(_("Message to your manager"))
        self.text.setMinimumHeight(90)
        self.copy_button = QPushButton(_("&Copy message"))
        self.mail_button = QPushButton(_("&Email…"))
        self.brief_button = QPushButton(_("Add to next &briefing"))
        self.later_button = QPushButton(_("&Later"))
        self.mail_button.setEnabled(bool(offer.manager_email.strip()))
        if not self.mail_button.isEnabled():
            self.mail_button.setToolTip(_("Set your manager's email address in the settings "
                                          "to send it from here."))
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        self.mail_button.clicked.connect(self.mail)
        self.brief_button.clicked.connect(lambda: self._choose(BRIEFING))
        self.later_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.copy_button, self.mail_button, self.brief_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(why)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.rejected.connect(self._later)

    def _later(self) -> None:
        # A method, not a lambda: a slot returning emit()'s bool upsets PySide's refcounts.
        self.chosen.emit(LATER)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self._choose(TOLD)

    def mail(self) -> None:
        link = close_loop.mailto(self.offer.item, self.offer.manager_email,
                                 self.offer.manager_name, body=self.text.toPlainText())
        self.open_url(QUrl(link))
        self._choose(TOLD)

    def _choose(self, choice: str) -> None:
        self.chosen.emit(choice)
        self.done(QDialog.DialogCode.Accepted)


def recorded_message(choice: str, item: Commitment) -> str:
    """The status-bar line once coach.ops.finish.close_loop recorded the choice."""
    if choice == TOLD:
        return _("Loop closed: “{what}”.").format(what=item.title)
    if choice == BRIEFING:
        return _("“{what}” goes into your next briefing.").format(what=item.title)
    return _("“{what}” is done; it stays on the list for your next briefing.").format(
        what=item.title)
