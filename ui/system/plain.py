"""User text shown as plain text, everywhere in the window.

Qt guesses: a QLabel, QMessageBox or tooltip whose text looks like HTML is rendered as
HTML, so a title `<img src="/dev/zero">` would make the window read /dev/zero. The window's
labels and message boxes come from here, with the guessing switched off; the few that show
markup on purpose are RichLabel, whose text is built with html.escape around every value.
tests/attack/test_qt_plain_text.py scans ui/ so that no other way creeps back in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


class PlainLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


class WrappingLabel(PlainLabel):
    """Plain text that wraps, always as tall as its lines at its real width.

    A layout sizes a word-wrapped label for a guessed width; at the real one a second line
    had no room and the text was cut at the top (the German quick-add preview).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.width() > 0:
            self.setMinimumHeight(max(0, self.heightForWidth(self.width())))


class RichLabel(QLabel):
    """Markup on purpose (a link, a heading): every inserted value must be escaped."""

    def __init__(self, markup: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(markup)


def action_text(text: str) -> str:
    """User text for a button, action, menu entry or tab: "&" is shown, not a shortcut mark
    ("Meier & Söhne" would otherwise read "Meier _Söhne")."""
    return text.replace("&", "&&")


def tip(text: str) -> str:
    """A tooltip that shows text as written (tooltips always guess otherwise)."""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def message_box(parent: QWidget | None, title: str, text: str,
                informative: str | None = None,
                icon: QMessageBox.Icon = QMessageBox.Icon.NoIcon) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(title)
    box.setText(text)
    if informative is not None:
        set_informative(box, informative)
    return box


def set_informative(box: QMessageBox, text: str) -> None:
    # Qt 6.11 shows the informative text in the box's format (plain, from message_box), so
    # markup made from it showed as "<p>…</p>"; other versions guess. Plain, said outright.
    box.setInformativeText(text)
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if label is not None:
        label.setTextFormat(Qt.TextFormat.PlainText)


def ask(parent: QWidget | None, title: str, text: str,
        buttons: QMessageBox.StandardButton = (QMessageBox.StandardButton.Yes
                                               | QMessageBox.StandardButton.No),
        default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
        ) -> QMessageBox.StandardButton:
    """QMessageBox.question with plain text."""
    box = message_box(parent, title, text, icon=QMessageBox.Icon.Question)
    box.setStandardButtons(buttons)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
