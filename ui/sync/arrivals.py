"""Tasks made on the phone ask their questions here: a quiet bar above the lists, one
commitment at a time, never a pile of dialogs.

The bar names the first commitment from sync that was not asked yet and how many wait behind
it. "Ask now" opens "By when?" (only if the task has no due time) and then the promise check,
both window-modal and one after the other; "Skip" keeps the commitment as it came. Either
marks it asked (coach.ops.arrivals, through the undo stack) and the bar moves on to the next.
The × hides the bar until the window opens again; nothing is marked then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout

from coach.i18n import N_, _, ngettext
from coach.timing import timeutil

from ..system.plain import PlainLabel

if TYPE_CHECKING:
    from coach.ops.arrivals import Arrival

    from ..window.main_window import MainWindow

BY_WHEN, CHECK, SKIP = (N_("By when: “{what}”"), N_("Promise check: “{what}”"),
                        N_("Skip the questions: “{what}”"))


def _waiting(store) -> tuple[list[Arrival], Any]:
    from coach.ops import arrivals
    from coach.storage import settings

    return arrivals.waiting(store), settings.load(store).working_hours


class ArrivalBar(QFrame):
    """The strip itself: a heading, one line about the first commitment, three buttons."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("arrivalBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#arrivalBar { background: palette(alternate-base); "
                           "border-left: 4px solid #3b7dd8; }")
        self.heading = PlainLabel(_("New from your phone"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.body = PlainLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # the title is the user's text
        self.body.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.body)
        self.ask_button = QPushButton(_("&Ask now"))
        self.ask_button.setObjectName("arrival-ask")
        self.skip_button = QPushButton(_("S&kip"))
        self.skip_button.setObjectName("arrival-skip")
        self.skip_button.setToolTip(_("Keep it as it came, without these questions"))
        self.later_button = QToolButton()
        self.later_button.setText("×")
        self.later_button.setObjectName("arrival-later")
        self.later_button.setToolTip(_("Later: ask again the next time the window opens"))
        self.later_button.setAccessibleName(_("Ask later"))
        self.later_button.setAutoRaise(True)
        row = QHBoxLayout(self)
        row.addLayout(text, 1)
        row.addWidget(self.ask_button)
        row.addWidget(self.skip_button)
        row.addWidget(self.later_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_first(self, first: Arrival, more: int) -> None:
        if first.due is None:
            line = _("“{title}” was added on your phone. It has no date and no promise check "
                     "yet.").format(title=first.title)
        else:
            line = _("“{title}” was added on your phone. It has no promise check yet.").format(
                title=first.title)
        if more:
            line += " " + ngettext("One more waits after it.", "{n} more wait after it.",
                                   more).format(n=more)
        self.body.setText(line)
        self.show()


class ArrivalPrompts(QObject):
    """The feature: reads what waits after each data refresh and asks on request."""

    asked = Signal()  # one commitment's questions were answered or skipped (tests wait)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = ArrivalBar(window)
        window.central_layout.insertWidget(1, self.bar)
        self.queue: list[Arrival] = []
        self.hours: Any = None
        self.later = False  # the user closed the bar: not again until the window reopens
        self.dialog: Any = None  # the open "By when?" or promise check (tests reach it)
        self.bar.ask_button.clicked.connect(self.ask_now)
        self.bar.skip_button.clicked.connect(self.skip)
        self.bar.later_button.clicked.connect(self._later)
        window.client.data_refreshed.connect(self.refresh)
        # The app builds features after the first list is painted; a commitment waiting
        # here is open, so rows in the list mean that load already happened: ask now.
        # (Before any load, reading would pre-empt the start-up data-safety check.)
        if window.models["commitment"].rowCount():
            self.refresh()

    # -- what waits ----------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.later:
            self.window.client.submit(_waiting, self._show)

    def _show(self, answer: tuple[list[Arrival], Any]) -> None:
        self.queue, self.hours = answer
        if self.dialog is not None:
            return  # the questions for the first one are on screen; the bar follows after
        if self.queue and not self.later:
            self.bar.show_first(self.queue[0], len(self.queue) - 1)
        else:
            self.bar.hide()

    def _later(self) -> None:
        self.later = True
        self.bar.hide()

    # -- asking ----------------------------------------------------------------------------
    def ask_now(self) -> None:
        if not self.queue or self.dialog is not None:
            return
        first = self.queue[0]
        if first.due is None:
            self._ask_by_when(first)
        else:
            self._ask_check(first, first.due)

    def _ask_by_when(self, first: Arrival) -> None:
        from ..dialogs.by_when import ByWhenPrompt

        prompt = ByWhenPrompt(first.title, None, self.window)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        prompt.answered.connect(lambda answer: self._by_when(first, answer))
        prompt.rejected.connect(self._stopped)
        self.dialog = prompt
        prompt.open()

    def _by_when(self, first: Arrival, answer: str) -> None:
        from coach.ops import arrivals

        from ..background import undo

        self.dialog = None
        undo.run(self.window.client, self.window.undo_stack, _(BY_WHEN).format(what=first.title),
                 {first.id}, lambda store: arrivals.answer_by_when(store, first.id, answer,
                                                                   timeutil.now()),
                 lambda changed: self._ask_check(first, changed.detail),
                 self._failed)

    def _ask_check(self, first: Arrival, due: Any) -> None:
        from ..dialogs.promise_dialog import PromiseDialog

        kwargs = {"hours": self.hours} if self.hours is not None else {}
        check = PromiseDialog(first.title, first.recipient, due, timeutil.now(),
                              parent=self.window, **kwargs)
        check.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        check.accepted.connect(lambda: self._checked(first, check.choice()))
        check.rejected.connect(self._stopped)
        self.dialog = check
        self.bar.hide()
        check.open()

    def _checked(self, first: Arrival, choice: Any) -> None:
        from coach.ops import arrivals

        self._write(first, _(CHECK), lambda store: arrivals.check(store, first.id, choice,
                                                                  timeutil.now()))

    def skip(self) -> None:
        from coach.ops import arrivals

        if not self.queue or self.dialog is not None:
            return
        first = self.queue[0]
        self._write(first, _(SKIP), lambda store: arrivals.skip(store, first.id))

    def _write(self, first: Arrival, text: str, operation) -> None:
        from ..background import undo

        self.dialog = None
        self.queue = [a for a in self.queue if a.id != first.id]
        self._show((self.queue, self.hours))  # on to the next at once; the reload confirms

        def done(_changed) -> None:
            self.asked.emit()

        undo.run(self.window.client, self.window.undo_stack, text.format(what=first.title),
                 {first.id}, operation, done, self._failed)

    def _stopped(self) -> None:
        """Back or Cancel: nothing is marked; the bar offers it again."""
        self.dialog = None
        self._show((self.queue, self.hours))

    def _failed(self, message: str) -> None:
        self.dialog = None
        self.window.show_message(message)
        self.refresh()
