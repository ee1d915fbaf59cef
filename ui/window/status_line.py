"""The status bar's message line: one layout in which messages and counts never collide.

QStatusBar paints a temporary message itself, in whatever room its widgets leave, over
them where they are narrow, and cut without a mark. Here every message (ours, Qt's status
tips, other features' `showMessage`) goes into one label that takes the free room on the
left and elides at the end, with the whole text in its tooltip; the counts and the "Brief
now" button keep their own place on the right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar

from coach.i18n import _

from ..system.plain import tip


class StatusLine(QLabel):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__()
        self.setObjectName("status-line")
        self.setTextFormat(Qt.TextFormat.PlainText)
        # Ignored: a long message never widens the bar or pushes the counts away.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Status message"))
        self._full = ""
        # A permanent widget with all the stretch, added first (leftmost): Qt's own message
        # area (left of the first permanent widget) is then empty, and the message shows here.
        bar.addPermanentWidget(self, 1)
        bar.messageChanged.connect(self.show_text)

    def show_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(tip(text))
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.width() - 4))
        super().setText(shown)
