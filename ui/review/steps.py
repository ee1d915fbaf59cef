"""The five steps of the end-of-day review, each a small keyboard-first widget.

Every step shows its question and hint, acts through the core in the worker thread
(coach.rhythm.capture, and coach.ops: add, concerns, finish, renegotiate, drop) and emits
`caught` for each thing it caught, `finished` when Enter is pressed with nothing left to type.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from coach.i18n import _
from coach.rules import promise_check as pc
from coach.timing import timeutil

from ..system.plain import PlainLabel

ANSWER_KEYS = {Qt.Key.Key_Y: pc.YES, Qt.Key.Key_J: pc.YES, Qt.Key.Key_N: pc.NO,
               Qt.Key.Key_U: pc.UNSURE, Qt.Key.Key_Question: pc.UNSURE}
IdRole = Qt.ItemDataRole.UserRole + 1


def _tz():
    from coach.timing.dates import local_tz

    return local_tz()


def list_style(palette) -> str:
    """Roomy rows, a rounded frame, the selection in the accent colour at low strength."""
    from ..today.delegate import accent, muted, with_alpha

    def rgba(color: QColor) -> str:
        return f"rgba({color.red()}, {color.green()}, {color.blue()}, {color.alpha()})"

    tone = with_alpha(accent(palette), 60)
    return (f"QListView {{ border: 1px solid {rgba(with_alpha(muted(palette), 90))};"
            " border-radius: 8px; padding: 4px; outline: 0; }"
            " QListView::item { padding: 7px 8px; border-radius: 6px; }"
            f" QListView::item:selected {{ background: {rgba(tone)};"
            f" color: {palette.color(palette.ColorRole.Text).name()}; }}")


def _label(text: str = "", muted: bool = False) -> QLabel:
    label = PlainLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if muted:
        label.setEnabled(False)
    return label


class Step(QWidget):
    caught = Signal(str)
    finished = Signal()

    def __init__(self, client, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client, self.question = client, question
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(8)
        self.status = _label()
        self.status.setObjectName("review-status")

    def focus(self) -> None:
        self.setFocus()

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def submit(self, job, done, *, writes: bool = True) -> None:
        self.client.submit(job, done, self._failed, writes=writes)


class LineStep(Step):
    """Type a line and press Enter to capture it; Enter on an empty line moves on."""

    def __init__(self, client, question, parent=None) -> None:
        super().__init__(client, question, parent)
        self.known = _label("\n".join(self._known()), muted=True)
        self.line = QLineEdit()
        self.line.setObjectName(f"review-{question.key}-line")
        self.line.returnPressed.connect(self._enter)
        self.layout_.addWidget(self.known)
        self.layout_.addWidget(self.line)
        self.layout_.addWidget(self.status)
        self.layout_.addStretch(1)

    def _known(self) -> list[str]:
        return []

    def focus(self) -> None:
        self.line.setFocus()

    def _enter(self) -> None:
        text = self.line.text().strip()
        if not text:
            self.finished.emit()
            return
        self.capture(text)

    def capture(self, text: str) -> None:
        raise NotImplementedError


class PromiseStep(LineStep):
    """A promise that was never logged: one line, then the promise check with Y/N/? keys."""

    def __init__(self, client, question, parent=None) -> None:
        super().__init__(client, question, parent)
        self.line.setPlaceholderText(_("Send Jim the offer Friday 10am"))
        self.check = _label()
        self.check.setObjectName("review-check")
        self.layout_.insertWidget(2, self.check)
        self.pending: Any = None
        self.answers: dict[str, str] = {}

    def _known(self) -> list[str]:
        return [_("Already here: {title}").format(title=i["title"]) for i in self.question.items]

    def capture(self, text: str) -> None:
        from coach.rhythm.capture import understand_promise

        parsed = understand_promise(text, timeutil.now(), _tz())
        if not parsed.title:
            return
        self.pending, self.answers = parsed, {}
        self.line.setReadOnly(True)
        self._ask()

    def _ask(self) -> None:
        key = pc.QUESTIONS[len(self.answers)]
        self.check.setText(_("Promise check {n}/{total}: {question}\nY yes · N no · ? not sure")
                           .format(n=len(self.answers) + 1, total=len(pc.QUESTIONS),
                                   question=_(pc.QUESTION_TEXT[key])))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.pending is not None and event.key() in ANSWER_KEYS:
            self.answers[pc.QUESTIONS[len(self.answers)]] = ANSWER_KEYS[event.key()]
            if len(self.answers) < len(pc.QUESTIONS):
                self._ask()
            else:
                self._record()
            return
        super().keyPressEvent(event)

    def _record(self) -> None:
        from coach.rhythm.capture import record_promise

        line, answers, tz = self.pending, dict(self.answers), _tz()

        def job(store):
            done = record_promise(store, line, answers, timeutil.now(), tz)
            return pc.summary(done, timeutil.now(), tz)

        def done(summary: str) -> None:
            self.status.setText(summary)
            self.caught.emit(self.question.key)
        self.pending = None
        self.check.setText("")
        self.line.setReadOnly(False)
        self.line.clear()
        self.submit(job, done)


class ReplyStep(LineStep):
    def __init__(self, client, question, parent=None) -> None:
        super().__init__(client, question, parent)
        self.line.setPlaceholderText(_("Anna Meyer: delivery date"))

    def _known(self) -> list[str]:
        return [_("Logged: {who} ({via})").format(who=i.get("who", ""), via=_(i.get("via", "")))
                if not i.get("suggestion") else
                _("From your mailbox: {who}").format(who=i.get("who", ""))
                for i in self.question.items]

    def capture(self, text: str) -> None:
        from coach.rhythm.capture import record_reply

        tz = _tz()

        def done(reply) -> None:
            self.status.setText(_("Logged: {who}, reply by {when}.").format(
                who=reply.who, when=pc.say_when(reply.reply_by, timeutil.now(), tz)))
            self.caught.emit(self.question.key)
        self.line.clear()
        self.submit(lambda store: record_reply(store, text, timeutil.now(), tz), done)


class ListStep(Step):
    """A list of items acted on with single keys; Enter moves on."""

    def __init__(self, client, question, parent=None) -> None:
        super().__init__(client, question, parent)
        self.model = QStandardItemModel(self)
        for item in question.items:
            row = QStandardItem(self.text_of(item))
            row.setData(item, IdRole)
            row.setEditable(False)
            self.model.appendRow(row)
        self.list = QListView()
        self.list.setObjectName(f"review-{question.key}-list")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet(list_style(self.palette()))
        self.list.installEventFilter(self)
        self.empty = _label(self.empty_text(), muted=True)
        self.layout_.addWidget(self.list if question.items else self.empty, 1)
        self.layout_.addWidget(self.status)
        if question.items:
            self.list.setCurrentIndex(self.model.index(0, 0))
        else:
            self.list.hide()

    def text_of(self, item: dict) -> str:
        return str(item)

    def empty_text(self) -> str:
        return ""

    def focus(self) -> None:
        (self.list if self.question.items else self).setFocus()

    def current(self) -> tuple[int, dict] | None:
        index = self.list.currentIndex()
        return (index.row(), index.data(IdRole)) if index.isValid() else None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == event.Type.KeyPress and self.on_key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if not self.on_key(event):
            super().keyPressEvent(event)

    def on_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finished.emit()
            return True
        return False


class ConcernStep(ListStep):
    def text_of(self, item: dict) -> str:
        return _("{title}, heat {heat}").format(title=item["title"], heat=item["heat"])

    def empty_text(self) -> str:
        return _("No open concerns.")

    def on_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        found = self.current()
        if found and (text in ("+", "-") or text in "12345" and text):
            row, item = found
            heat = int(text) if text.isdigit() else item["heat"] + (1 if text == "+" else -1)
            if 1 <= heat <= 5 and heat != item["heat"]:
                self._set_heat(row, item, heat)
            return True
        return super().on_key(event)

    def _set_heat(self, row: int, item: dict, heat: int) -> None:
        from coach.ops import concerns

        def job(store):
            concerns.heat(store, item["id"], heat, timeutil.now(),
                          _("changed in the end-of-day review"))

        def done(_result) -> None:
            item["heat"] = heat
            self.model.item(row).setText(self.text_of(item))
            self.model.item(row).setData(item, IdRole)
            self.status.setText(_("Heat of “{title}” is {heat} now.").format(
                title=item["title"], heat=heat))
            self.caught.emit(self.question.key)
        self.submit(job, done)


class BriefingStep(ListStep):
    brief_requested = Signal()

    def text_of(self, item: dict) -> str:
        if "change" in item:
            return item["change"]
        return _("{title}, heat {heat} (your manager hasn't heard)").format(
            title=item["title"], heat=item["heat"])

    def empty_text(self) -> str:
        return _("Nothing changed since your last briefing.")

    def on_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_B:
            self.caught.emit(self.question.key)
            self.brief_requested.emit()
            return True
        return super().on_key(event)
