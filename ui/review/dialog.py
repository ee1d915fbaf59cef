"""The end-of-day review dialog: five questions, one page each, keyboard only.

Enter moves on (once nothing is left to type), Esc closes; the last Enter records the review
for its day (a catch-up counts for the day it reviews) and shows the streak.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import QDialog, QStackedWidget, QVBoxLayout, QWidget

from coach.i18n import _
from coach.rhythm import review
from coach.timing import timeutil

from ..system.plain import PlainLabel
from ..today.delegate import accent, muted, with_alpha
from ..window import icons
from . import slips, steps

STEP_TYPES = {review.PROMISES: steps.PromiseStep, review.REPLIES: steps.ReplyStep,
              review.CONCERNS: steps.ConcernStep, review.BRIEFING: steps.BriefingStep,
              review.SLIPS: slips.SlipStep}


def load(store) -> tuple[Any, list, dict]:
    """The worker's job: the day under review and its questions."""
    from coach.storage import settings
    from coach.timing.dates import local_tz

    now, tz = timeutil.now(), local_tz()
    values = settings.get_all(store)
    day = review.current_day(store, now, tz, values)
    return day, review.questions(store, day, now, tz, values), values


def finish(store, day, caught: dict[str, int]) -> dict[str, Any]:
    from coach.rhythm import streak
    from coach.storage import settings
    from coach.timing.dates import local_tz

    streak.record(store, day.day, timeutil.now(), caught)
    days = set(settings.get(store, "working_days") or (0, 1, 2, 3, 4))
    return streak.figures(store, timeutil.now(), local_tz(), days)


class Dots(QWidget):
    """Where you are: five dots, the current one in the accent colour."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count, self.current = count, 0
        self.setFixedHeight(14)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tone, dim = accent(self.palette()), with_alpha(muted(self.palette()), 90)
        painter.setPen(Qt.PenStyle.NoPen)
        for number in range(self.count):
            painter.setBrush(tone if number <= self.current else dim)
            width = 26 if number == self.current else 10
            x = sum(26 if n == self.current else 10 for n in range(number)) + 6 * number
            painter.drawRoundedRect(QRectF(x, 2, width, 10), 5, 5)


class ReviewDialog(QDialog):
    recorded = Signal(dict)  # the streak figures once the review is kept

    def __init__(self, client, window: Any = None) -> None:
        super().__init__(window)
        self.client, self.window_ = client, window
        self.setObjectName("review-dialog")
        self.setWindowTitle(_("End-of-day review"))
        self.setWindowIcon(icons.icon("review"))
        self.resize(640, 500)
        self.caught: dict[str, int] = {}
        self.day = None
        self.steps: list[steps.Step] = []
        self.dots = Dots(len(review.QUESTIONS) + 1)
        self.counter = PlainLabel()
        self.counter.setObjectName("review-counter")
        self.title = PlainLabel()
        self.title.setObjectName("review-question")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = PlainLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet(f"color: {muted(self.palette()).name()};")
        self.pages = QStackedWidget()
        self.footer = PlainLabel(_("Enter: next · Esc: close"))
        self.footer.setStyleSheet(f"color: {muted(self.palette()).name()};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(10)
        for widget in (self.dots, self.counter, self.title, self.hint):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.footer)
        self.title.setText(_("Loading the review…"))
        client.submit(load, self._loaded)

    def _loaded(self, found: tuple) -> None:
        self.day, questions, _values = found
        self.counter.setText(review.heading(self.day))
        for question in questions:
            step = STEP_TYPES[question.key](self.client, question)
            step.caught.connect(self._caught)
            step.finished.connect(self.next)
            if isinstance(step, steps.BriefingStep):
                step.brief_requested.connect(self._brief)
            self.steps.append(step)
            self.pages.addWidget(step)
        self.done_page = PlainLabel()
        self.done_page.setObjectName("review-done")
        self.done_page.setWordWrap(True)
        self.done_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.done_page)
        self.show_question(0)

    def show_question(self, number: int) -> None:
        self.dots.current = number
        self.dots.update()
        if number >= len(self.steps):
            return
        step = self.steps[number]
        self.pages.setCurrentWidget(step)
        self.title.setText(f"{number + 1}. {step.question.text}")
        self.hint.setText(step.question.hint)
        step.focus()

    @property
    def current(self) -> int:
        return self.pages.currentIndex()

    def next(self) -> None:
        if self.current + 1 < len(self.steps):
            self.show_question(self.current + 1)
        elif self.current == len(self.steps) - 1:
            self.client.submit(lambda store: finish(store, self.day, dict(self.caught)),
                               self._recorded, writes=True)

    def _recorded(self, figures: dict[str, Any]) -> None:
        self.dots.current = len(self.steps)
        self.dots.update()
        self.title.setText(_("Done. See you tomorrow."))
        self.hint.setText("")
        total = sum(self.caught.values())
        self.done_page.setText(_("Review streak: {streak} (working days in a row).\nThis review "
                                 "caught {n}.\n\nEnter closes.").format(
            streak=figures["review_streak"], n=total))
        self.pages.setCurrentWidget(self.done_page)
        self.setFocus()
        self.recorded.emit(figures)

    def _caught(self, key: str) -> None:
        self.caught[key] = self.caught.get(key, 0) + 1

    def _brief(self) -> None:
        if self.window_ is not None:
            self.window_.brief_manager()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.pages.currentWidget() is getattr(self, "done_page", None):
                self.accept()
            return  # Enter belongs to the steps; never the dialog's default button
        super().keyPressEvent(event)


def open_review(window: Any) -> ReviewDialog:
    dialog = ReviewDialog(window.client, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.review_dialog = dialog
    dialog.open()
    return dialog
