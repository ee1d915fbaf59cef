"""The in-app banner: the last notifier, always there while the window is."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout

from coach.i18n import _
from coach.reminders.schedule import ACTION_LABELS

from ..system.plain import PlainLabel
from . import Adapter, Done


class Banner(QFrame):
    """A strip at the top of the window: title, text, the notification's buttons, close."""

    action = Signal(object, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#reminderBanner { background: palette(alternate-base); "
                           "border-left: 4px solid #d9822b; }")
        self.note = None
        self.title = PlainLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = PlainLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # user text is never markup here
        self.body.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.body)
        self.buttons = QHBoxLayout()
        close = QToolButton()
        close.setText("×")
        close.setToolTip(_("Dismiss"))
        close.setAccessibleName(_("Dismiss the reminder"))  # a screen reader would say "×"
        close.setObjectName("banner-dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.addLayout(text, 1)
        row.addLayout(self.buttons)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_note(self, note) -> None:
        self.note = note
        self.title.setText(note.title)
        self.body.setText(note.body)
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for key in note.actions:
            button = QPushButton(_(ACTION_LABELS[key]))
            button.setObjectName(f"banner-{key}")
            button.clicked.connect(lambda _checked=False, k=key: self._pressed(k))
            self.buttons.addWidget(button)
        self.show()

    def _pressed(self, key: str) -> None:
        note = self.note
        self.hide()
        self.action.emit(note, key)


class BannerAdapter(Adapter):
    name = "banner"

    def __init__(self, banner: Banner, parent=None) -> None:
        super().__init__(parent)
        self.banner = banner
        banner.action.connect(self.action)

    def label(self) -> str:
        return _("a banner in the window")

    def send(self, note, done: Done) -> None:
        self.banner.show_note(note)
        done(True, "")
