"""The review's last step, "What slips?": done, a new date with its message, or drop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from coach.i18n import _
from coach.timing import timeutil
from coach.wording.german import obj

from .steps import ListStep, _tz


class SlipStep(ListStep):
    """Each overdue promise: D done, N new date (then the honest message), X drop."""

    def __init__(self, client, question, parent=None) -> None:
        super().__init__(client, question, parent)
        self.entry = QLineEdit()
        self.entry.setObjectName("review-slips-line")
        self.entry.hide()
        self.entry.returnPressed.connect(self._entered)
        self.entry.installEventFilter(self)
        self.message = QPlainTextEdit()
        self.message.setObjectName("review-message")
        self.message.setReadOnly(True)
        self.message.setMaximumHeight(110)
        self.message.hide()
        self.layout_.insertWidget(1, self.entry)
        self.layout_.addWidget(self.message)  # under "Send this to the recipient:"
        self.mode: str | None = None

    def text_of(self, item: dict) -> str:
        from datetime import datetime

        from coach.timing.display import day_and_time

        # As the honest message names dates (coach.ops.renegotiate): the locale's own form.
        due = datetime.fromisoformat(item["due"]) if item.get("due") else None
        when = day_and_time(due, _tz()) if due else ""
        if item.get("to"):
            return _("{title}\nto {who} · was due {when}").format(
                title=item["title"], who=obj(item["to"]), when=when)
        return _("{title}\nwas due {when}").format(title=item["title"], when=when)

    def empty_text(self) -> str:
        return _("Nothing overdue. Well kept!")

    def on_key(self, event: QKeyEvent) -> bool:
        if self.mode is not None:
            if event.key() == Qt.Key.Key_Escape:
                self._close_entry()
                return True
            return False
        found = self.current()
        key = event.key()
        if found and key == Qt.Key.Key_D:
            self._act("done", found)
            return True
        if found and key in (Qt.Key.Key_N, Qt.Key.Key_X):
            self.mode = "new" if key == Qt.Key.Key_N else "drop"
            self.entry.clear()
            self.entry.setPlaceholderText(_("New date, e.g. “Tuesday 12:00”") if self.mode ==
                                          "new" else _("A note to the recipient (optional)"))
            self.entry.show()
            self.entry.setFocus()
            return True
        return super().on_key(event)

    def _entered(self) -> None:
        found = self.current()
        if found is not None and self.mode is not None:
            self._act(self.mode, found, self.entry.text().strip())

    def _close_entry(self) -> None:
        self.mode = None
        self.entry.hide()
        self.list.setFocus()

    def _act(self, what: str, found: tuple[int, dict], text: str = "") -> None:
        from coach.ops import drop, items, renegotiate
        from coach.ops.finish import finish_item
        from coach.timing.dates import WhenError, parse_when

        row, item = found
        tz, now = _tz(), timeutil.now()
        if what == "new":
            try:
                due = parse_when(text, now, tz)
            except WhenError as exc:
                self.status.setText(str(exc))
                return

        # The same operations as `coach done`, `coach renegotiate` and the review in a
        # terminal, so the statistics count a new date here as they count it there.
        def job(store):
            if what == "done":
                finish_item(store, items.require_open(store, item["id"]), now)
                return None
            if what == "new":
                return renegotiate.renegotiate(store, items.require(store, item["id"]), due,
                                               now, tz=tz).message
            return drop.drop(store, item["id"], now, text or None).detail

        def done(message: str | None) -> None:
            self._close_entry()
            self.model.removeRow(row)
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
            self.message.setVisible(bool(message))
            self.message.setPlainText(message or "")
            if not message:
                self.status.setText(_("Done: “{title}”.").format(title=item["title"]))
            elif item.get("to"):  # the promise left the list: say whom the message is for
                self.status.setText(_("Send this to {who} (it is selected for copying):")
                                    .format(who=obj(item["to"])))
            else:
                self.status.setText(_("Send this to the recipient (it is selected for "
                                      "copying):"))
            if message:
                self.message.selectAll()
            self.caught.emit(self.question.key)
        self.submit(job, done)
