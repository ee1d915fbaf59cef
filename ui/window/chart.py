"""A small weekly bar chart drawn with QPainter: no web view, no QtCharts.

Every colour comes from the widget's palette, so the chart reads in light and dark themes;
weeks without data show a short dash on the baseline instead of a misleading 0 % bar.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.i18n import _
from coach.stats.wording import pct

Role = QPalette.ColorRole


class TrendChart(QWidget):
    """Percentages (0–100, or None for no data) per week, with an optional dashed target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.values: list[float | None] = []
        self.target: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 140)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(360, 170)

    def set_series(self, labels: Sequence[str], values: Sequence[float | None],
                   target: float | None = None) -> None:
        self.labels, self.values, self.target = list(labels), list(values), target
        # Screen readers get the numbers the bars show.
        self.setAccessibleDescription("; ".join(
            f"{label}: {pct(value)}" for label, value in zip(self.labels, self.values,
                                                             strict=True)))
        self.update()

    @property
    def has_data(self) -> bool:
        return any(v is not None for v in self.values)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        pal = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(pal.color(Role.Mid), 1))
        painter.setBrush(pal.color(Role.Base))
        painter.drawRoundedRect(frame, 6, 6)
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        axis_w = metrics.horizontalAdvance(pct(100)) + 8
        plot = frame.adjusted(axis_w + 6, metrics.height() * 1.6, -10,
                              -(metrics.height() + 10))
        self._draw_grid(painter, plot, metrics, pal)
        if not self.has_data:
            painter.setPen(pal.color(Role.PlaceholderText))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, _("No data yet"))
        self._draw_bars(painter, plot, metrics, pal)
        painter.end()

    def _y(self, plot: QRectF, value: float) -> float:
        return plot.bottom() - plot.height() * max(0.0, min(value, 100.0)) / 100

    def _draw_grid(self, painter: QPainter, plot: QRectF, metrics: QFontMetricsF,
                   pal: QPalette) -> None:
        text = pal.color(Role.Text)
        grid = QColor(text)
        grid.setAlphaF(0.18)
        for value in (0, 50, 100):
            y = self._y(plot, value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             pct(value))
        if self.target is not None:
            pen = QPen(pal.color(Role.Link), 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = self._y(plot, self.target)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))

    def _draw_bars(self, painter: QPainter, plot: QRectF, metrics: QFontMetricsF,
                   pal: QPalette) -> None:
        n = len(self.values)
        if not n:
            return
        slot = plot.width() / n
        bar_w = max(3.0, slot * 0.62)
        label_every = 1
        widest = max((metrics.horizontalAdvance(s) for s in self.labels), default=0)
        while widest + 4 > slot * label_every and label_every < n:
            label_every += 1
        text = pal.color(Role.Text)
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            x = plot.left() + slot * i + (slot - bar_w) / 2
            if value is None:
                painter.setPen(QPen(pal.color(Role.Mid), 2))
                painter.drawLine(QPointF(x + bar_w * 0.3, plot.bottom() - 2),
                                 QPointF(x + bar_w * 0.7, plot.bottom() - 2))
            else:
                top = self._y(plot, value)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(pal.color(Role.Highlight))
                painter.drawRect(QRectF(x, top, bar_w, max(3.0, plot.bottom() - top)))
                if i == n - 1:  # this week's value in words; the top margin leaves room
                    painter.setPen(text)
                    painter.drawText(QRectF(x - slot, top - metrics.height() - 1,
                                            bar_w + 2 * slot, metrics.height()),
                                     Qt.AlignmentFlag.AlignHCenter, pct(value))
            if (n - 1 - i) % label_every == 0:
                painter.setPen(text)
                box = QRectF(plot.left() + slot * i - slot, plot.bottom() + 4, slot * 3,
                             metrics.height())
                painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, label)
