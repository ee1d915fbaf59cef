"""Overdue promises stay in sight: a status-bar button and the tray's icon and tooltip.

A promise to someone else that is past due stays visible until it is done or renegotiated
(coach.ops.overdue). Read in the worker after every change and once a minute, since a
promise falls overdue with time alone. Built by ui/window/compose.py.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter
from PySide6.QtWidgets import QPushButton

from coach import APP_NAME
from coach.i18n import _, ngettext
from coach.timing import timeutil
from coach.wording.german import obj

from ..background.rows import COMMITMENT
from ..system.plain import action_text, tip
from . import icons

if TYPE_CHECKING:
    from coach.ops.overdue import Overdue

    from .main_window import MainWindow

MINUTE_MS = 60_000


def _read(store: Any, since: Overdue | None = None) -> Overdue:
    from coach.ops import overdue

    return overdue.promises(store, timeutil.now(), since=since)


def _line(item: Any, title: str | None = None) -> str:
    return _("“{title}” for {who}").format(title=item.title if title is None else title,
                                           who=obj(item.recipient))


def alert_icon(size: int = 64) -> QIcon:
    """The tray icon with a red dot: something promised is overdue."""
    pixmap = icons.icon("tray").pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d32f2f"))
    radius = size * 0.2
    painter.drawEllipse(QPointF(size - radius - 1, radius + 1), radius, radius)
    painter.end()
    return QIcon(pixmap)


class OverdueWatch:
    """"⚠ Overdue: “Call Jim back” for Jim Baker" in the status bar, a dot on the tray."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.state: Overdue | None = None
        self._alert: QIcon | None = None
        self.button = QPushButton(icons.icon("overdue"), "")
        self.button.setObjectName("overdue-promises")
        self.button.setFlat(True)
        self.button.clicked.connect(self.show_first)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        # Nothing is read before the first load: the data-safety check must look at the
        # database before anything opens it (a damaged file is set aside, not opened).
        window.client.data_refreshed.connect(self.refresh)
        self.timer = QTimer(window, interval=MINUTE_MS)
        self.timer.timeout.connect(self._tick)

    def refresh(self) -> None:
        """Read everything again: the data changed."""
        if not self.timer.isActive():
            self.timer.start()  # the clock makes promises overdue, a minute at a time
        self.window.client.submit(_read, self.show)

    def _tick(self) -> None:
        # Only the clock moved: count what fell overdue since the last answer (issue 19:
        # idle CPU). An answer based on a state that a full read has replaced meanwhile
        # is dropped; the next tick starts from the newer one.
        base = self.state
        if base is None:
            self.refresh()
            return
        self.window.client.submit(partial(_read, since=base), partial(self._ticked, base))

    def _ticked(self, base: Overdue, state: Overdue) -> None:
        if self.state is not base:
            return
        if state.count == base.count and state.first == base.first:
            self.state = state  # nothing to redraw; the next tick counts from here
        else:
            self.show(state)

    def summary(self) -> str:
        state = self.state
        if state is None or not state.count:
            return ""
        text = ngettext("{n} promise overdue", "{n} promises overdue",
                        state.count).format(n=state.count)
        return "\n".join([text, *(_line(item) for item in state.first)])

    def show(self, state: Overdue) -> None:
        self.state = state
        tray = self.window.tray
        if not state.count:
            self.button.hide()
            if tray is not None:
                tray.setIcon(icons.icon("tray"))
                tray.setToolTip(APP_NAME)
            return
        first = state.first[0]
        # Short: the status bar's message and the concern button need their room too.
        title = self.button.fontMetrics().elidedText(first.title, Qt.TextElideMode.ElideRight,
                                                     130)
        more = state.count - 1
        text = _("Overdue: {promise}").format(promise=_line(first, title))
        if more:
            text += " " + ngettext("(+{n} more)", "(+{n} more)", more).format(n=more)
        self.button.setText(action_text(text))
        self.button.setAccessibleName(self.summary().replace("\n", "; "))
        self.button.setToolTip(tip(self.summary() + "\n" + _("Until it is done or "
                                                             "renegotiated.")))
        self.button.show()
        if tray is not None:
            if self._alert is None:
                self._alert = alert_icon()
            tray.setIcon(self._alert)
            tray.setToolTip(tip(f"{APP_NAME}\n{self.summary()}"))

    def show_first(self) -> None:
        """The longest overdue promise, selected in Commitments."""
        if self.state is None or not self.state.count:
            return
        view = self.window.view_of(COMMITMENT)
        self.window.tabs.setCurrentWidget(view)
        view.select_id(self.state.first[0].id)
        view.table.setFocus()
