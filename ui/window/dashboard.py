"""The trust dashboard: the figures of `coach stats`, the coaching line and weekly trends.

The figures are computed in the store's worker thread (coach.stats.figures.gather) and arrive
here as the same plain dict `coach stats --json` prints, so window and CLI cannot disagree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import N_, _
from coach.rules.coaching import TARGETS
from coach.stats.wording import HEADLINES, calibration, detail, headline, sample
from coach.timing import timeutil

from ..system.plain import PlainLabel
from .chart import TrendChart

CHARTS = (
    ("promises_kept_on_time_pct", N_("Promises kept on time, per week"), TARGETS["promises"]),
    ("replies_on_time_pct", N_("Replies on time, per week"), TARGETS["replies"]),
    ("concerns_told_early_pct", N_("Concerns told early, per week"), TARGETS["concerns"]),
    ("loops_closed_pct", N_("Loops closed, per week"), TARGETS["loops"]),
)


def _label(text: str = "", *, wrap: bool = False, scale: float = 1.0, bold: bool = False,
           name: str | None = None) -> QLabel:
    label = PlainLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if scale != 1.0 or bold:
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    if name:
        label.setObjectName(name)
    return label


class FigureCard(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        self.title = _label(title, wrap=True)
        self.value = _label("–", scale=1.9, bold=True)
        self.note = _label(wrap=True)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_figure(self, value: str, note: str) -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setAccessibleName(f"{self.title.text()}: {value}")


class TrustDashboard(QWidget):
    """Figures, coaching line and charts; `refresh()` reloads them off the UI thread."""

    figures_shown = Signal()

    def __init__(self, client, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.figures: dict[str, Any] | None = None
        self._loading = self._again = False
        self.setWindowTitle(_("Trust dashboard"))
        self.resize(980, 720)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setAccessibleName(_("Trust dashboard"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(12)
        self.heading = _label(_("Your trust figures — last 90 days"), scale=1.3, bold=True)
        layout.addWidget(self.heading)
        self.coaching = _label(_("Loading…"), wrap=True, scale=1.1, name="coaching-line")
        self.coaching.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # palette() keeps the accent readable in dark themes too.
        self.coaching.setStyleSheet("#coaching-line { border-left: 4px solid palette(highlight);"
                                    " background: palette(base); padding: 10px 12px; }")
        self.coaching.setAccessibleName(_("Coaching"))
        layout.addWidget(self.coaching)
        cards = QGridLayout()
        cards.setSpacing(10)
        self.cards: dict[str, FigureCard] = {}
        for column, (key, title) in enumerate(HEADLINES):
            self.cards[key] = FigureCard(_(title))
            cards.addWidget(self.cards[key], 0, column)
            cards.setColumnStretch(column, 1)
        layout.addLayout(cards)
        self.calibration = _label(wrap=True, name="calibration")
        layout.addWidget(self.calibration)
        charts = QGridLayout()
        charts.setSpacing(12)
        self.charts: dict[str, TrendChart] = {}
        for n, (key, title, _target) in enumerate(CHARTS):
            box = QVBoxLayout()
            caption = _label(_(title), bold=True)
            chart = TrendChart()
            chart.setAccessibleName(_(title))
            caption.setBuddy(chart)
            box.addWidget(caption)
            box.addWidget(chart, 1)
            charts.addLayout(box, n // 2, n % 2)
            self.charts[key] = chart
        layout.addLayout(charts, 1)
        self.note = _label(_("Dashed line: the target. A dash on the baseline: no data "
                             "that week."), wrap=True)
        self.note.setEnabled(False)  # the palette's dimmed text, readable in either theme
        layout.addWidget(self.note)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute in the worker; calls while one is running collapse into one more."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        now = timeutil.now()
        # here, not at start-up: statistics is a heavy import
        from coach.stats import figures as stats

        self.client.submit(lambda store: stats.gather(store, now), self._loaded, self._failed)

    def _loaded(self, figures: dict[str, Any]) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.show_figures(figures)

    def _failed(self, message: str) -> None:
        self._loading = self._again = False
        self.coaching.setText(_("The figures could not be loaded: {reason}").format(
            reason=message))

    # --- showing --------------------------------------------------------------------------
    def show_figures(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        self.coaching.setText(figures["coaching"])
        for key, card in self.cards.items():
            note = "\n".join(p for p in (sample(figures, key), detail(figures, key)) if p)
            card.show_figure(headline(figures, key), note)
        self.calibration.setText(_("Kept on time, by promise check result: {list}").format(
            list=calibration(figures)))
        labels = [_("W{week}").format(week=w["week"]) for w in figures["weekly"]]
        for key, _title, target in CHARTS:
            self.charts[key].set_series(labels, [w[key] for w in figures["weekly"]], target)
        self.figures_shown.emit()

    def figure_text(self, key: str) -> str:
        """What the card for a headline figure shows (tests compare it with the CLI)."""
        return self.cards[key].value.text()


class DashboardEntry:
    """View → Trust dashboard (Ctrl+D): the dashboard as its own window, one per main window,
    refreshed whenever the data changes while it is open."""

    def __init__(self, window) -> None:
        from PySide6.QtGui import QAction

        from . import icons

        self.window = window
        self.view: TrustDashboard | None = None
        self.action = QAction(icons.icon("app"), _("&Trust dashboard"), window)
        self.action.setObjectName("action-dashboard")
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.setStatusTip(
            _("How reliably you keep promises, replies and early warnings"))
        self.action.triggered.connect(self.open)

    def open(self) -> TrustDashboard:
        if self.view is None:
            self.view = TrustDashboard(self.window.client, self.window)
            self.view.setWindowFlag(Qt.WindowType.Window)
            self.window.client.data_refreshed.connect(self._refresh_if_shown)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        self.view.refresh()
        return self.view

    def _refresh_if_shown(self) -> None:
        if self.view is not None and self.view.isVisible():
            self.view.refresh()
