"""Painting Today: calm section headers, two-line entries, time chips, one accent colour.

Everything is drawn from the palette (text, base, highlight as the accent) so light and dark
themes both work; the only other colour is the warning red for what is late.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from coach.rhythm.today import ACTION_KEYS, ACTION_LABELS, OVERDUE

from ..window.models import heat_color, warning_color
from .model import CARD, ENTRY, HEADER, MORE, CardRole, CountRole, EntryRole, RowTypeRole

MARGIN = 28  # left and right, inside the list
HEADER_HEIGHT = 46
ENTRY_HEIGHT = 58
ENTRY_HEIGHT_ONE_LINE = 42
MORE_HEIGHT = 36
RING = 16
CARD_PADDING = 14


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of b over a: muted text is text blended towards the base."""
    return QColor(round(a.red() + (b.red() - a.red()) * amount),
                  round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


def with_alpha(color: QColor, alpha: int) -> QColor:
    found = QColor(color)
    found.setAlpha(alpha)
    return found


def accent(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Highlight)


def muted(palette: QPalette) -> QColor:
    return blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base),
                 0.45)


def scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    found = QFont(font)
    found.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    found.setBold(bold)
    return found


class TodayDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        kind = index.data(RowTypeRole)
        width = option.rect.width() or 600
        if kind == HEADER:
            return QSize(width, HEADER_HEIGHT)
        if kind == MORE:
            return QSize(width, MORE_HEIGHT)
        if kind == CARD:
            lines = str(index.data(Qt.ItemDataRole.DisplayRole) or "").count("\n") + 1
            height = QFontMetrics(option.font).lineSpacing() * lines + 2 * CARD_PADDING + 14
            return QSize(width, height)
        entry = index.data(EntryRole)
        one_line = entry is not None and not (entry.detail or entry.every)
        return QSize(width, ENTRY_HEIGHT_ONE_LINE if one_line else ENTRY_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        kind = index.data(RowTypeRole)
        if kind == HEADER:
            self._header(painter, option, index)
        elif kind == CARD:
            self._card(painter, option, index)
        elif kind == ENTRY:
            self._entry(painter, option, index)
        elif kind == MORE:
            self._more(painter, option, index)
        painter.restore()

    # --- rows ------------------------------------------------------------------------------
    def _header(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        pal = option.palette
        rect = option.rect.adjusted(MARGIN, 14, -MARGIN, 0)
        late = index.data(Qt.ItemDataRole.UserRole + 23) == OVERDUE
        title_font = scaled(option.font, 1.12, bold=True)
        painter.setFont(title_font)
        painter.setPen(warning_color() if late else pal.color(QPalette.ColorRole.Text))
        title = str(index.data(Qt.ItemDataRole.DisplayRole))
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        width = QFontMetrics(title_font).horizontalAdvance(title)
        painter.setFont(scaled(option.font, 1.0))
        painter.setPen(muted(pal))
        painter.drawText(rect.adjusted(width + 10, 0, 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         str(index.data(CountRole)))
        painter.setPen(QPen(with_alpha(muted(pal), 70), 1))
        bottom = option.rect.bottom() - 1
        painter.drawLine(MARGIN + option.rect.left(), bottom, option.rect.right() - MARGIN, bottom)

    def _more(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        """ "and N more": a quiet link in the accent colour, in line with the titles."""
        pal = option.palette
        self._selection(painter, option, option.rect.adjusted(MARGIN - 10, 3, -(MARGIN - 10), -3))
        font = scaled(option.font, 0.95, bold=True)
        painter.setFont(font)
        painter.setPen(blend(pal.color(QPalette.ColorRole.Text), accent(pal), 0.8))
        text = f"{index.data(Qt.ItemDataRole.DisplayRole)}  →"
        rect = option.rect.adjusted(MARGIN + RING + 14, 0, -MARGIN, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                       rect.width()))

    def _selection(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if not (selected or hovered):
            return
        color = with_alpha(accent(option.palette), 46 if selected else 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(rect), 8, 8)

    def _entry(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        pal = option.palette
        entry = index.data(EntryRole)
        row = option.rect.adjusted(MARGIN - 10, 3, -(MARGIN - 10), -3)
        self._selection(painter, option, row)
        inner = option.rect.adjusted(MARGIN, 0, -MARGIN, 0)
        # The ring: what is late or must be done now is red, a concern shows its heat.
        ring_color = muted(pal)
        if entry.late or entry.call_now:
            ring_color = warning_color()
        elif entry.heat is not None:
            ring_color = heat_color(entry.heat) or accent(pal)
        cy = inner.top() + (20 if (entry.detail or entry.every) else inner.height() // 2)
        ring = QRectF(inner.left(), cy - RING / 2, RING, RING)
        painter.setPen(QPen(ring_color, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if entry.kind == "concern":
            painter.setBrush(with_alpha(ring_color, 60))
        painter.drawEllipse(ring)
        # Right side: the chip, and the key hint while selected.
        chip_font = scaled(option.font, 0.86, bold=entry.late or entry.call_now)
        chip_metrics = QFontMetrics(chip_font)
        chip_w = chip_metrics.horizontalAdvance(entry.chip) + 20 if entry.chip else 0
        chip_h = chip_metrics.height() + 6
        chip = QRectF(inner.right() - chip_w, cy - chip_h / 2, chip_w, chip_h)
        if entry.chip:
            tone = warning_color() if entry.late or entry.call_now else accent(pal)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(with_alpha(tone, 34))
            painter.drawRoundedRect(chip, chip_h / 2, chip_h / 2)
            painter.setFont(chip_font)
            painter.setPen(tone if entry.late or entry.call_now else blend(
                pal.color(QPalette.ColorRole.Text), tone, 0.55))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, entry.chip)
        right = int(chip.left()) - 12
        if option.state & QStyle.StateFlag.State_Selected:
            right = self._key_hint(painter, option, entry, right, cy)
        # Title and the detail line under it.
        left = int(ring.right()) + 14
        title_font = scaled(option.font, 1.04)
        painter.setFont(title_font)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        title_rect = QRect(left, int(cy) - 11, max(0, right - left), 22)
        metrics = QFontMetrics(title_font)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(entry.title, Qt.TextElideMode.ElideRight,
                                            title_rect.width()))
        detail = entry.detail
        if entry.every:
            detail = f"{detail}   ↻ {entry.every}" if detail else f"↻ {entry.every}"
        if detail:
            small = scaled(option.font, 0.9)
            painter.setFont(small)
            painter.setPen(muted(pal))
            detail_rect = QRect(left, int(cy) + 10, max(0, inner.right() - left), 20)
            elided = QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight,
                                                    detail_rect.width())
            painter.drawText(detail_rect,
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)

    def _key_hint(self, painter: QPainter, option: QStyleOptionViewItem, entry, right: int,
                  cy: float) -> int:
        from coach.i18n import _

        pal = option.palette
        font = scaled(option.font, 0.82)
        metrics = QFontMetrics(font)
        label = _(ACTION_LABELS[entry.action])
        key = ACTION_KEYS[entry.action]
        label_w = metrics.horizontalAdvance(label)
        cap_w = metrics.horizontalAdvance(key) + 10
        height = metrics.height() + 4
        label_rect = QRectF(right - label_w, cy - height / 2, label_w, height)
        cap = QRectF(label_rect.left() - 6 - cap_w, cy - height / 2, cap_w, height)
        painter.setFont(font)
        painter.setPen(QPen(muted(pal), 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(cap, 4, 4)
        painter.drawText(cap, Qt.AlignmentFlag.AlignCenter, key)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         label)
        return int(cap.left()) - 12

    def _card(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        pal = option.palette
        tone = accent(pal)
        rect = QRectF(option.rect.adjusted(MARGIN - 10, 8, -(MARGIN - 10), -6))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(with_alpha(tone, 200 if selected else 120), 1.4 if selected else 1))
        painter.setBrush(with_alpha(tone, 40 if selected else 22))
        painter.drawRoundedRect(rect, 10, 10)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        *body, hint = text.split("\n")
        inner = rect.adjusted(CARD_PADDING + 4, CARD_PADDING - 2, -CARD_PADDING, -CARD_PADDING)
        line = QFontMetrics(option.font).lineSpacing()
        y = inner.top()
        for number, part in enumerate(body):
            painter.setFont(scaled(option.font, 1.0, bold=number == 0))
            painter.setPen(pal.color(QPalette.ColorRole.Text) if number == 0 else muted(pal))
            painter.drawText(QRectF(inner.left(), y, inner.width(), line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, part)
            y += line
        painter.setFont(scaled(option.font, 0.9, bold=True))
        painter.setPen(blend(pal.color(QPalette.ColorRole.Text), tone, 0.7))
        painter.drawText(QRectF(inner.left(), y + 4, inner.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, hint)
        _ = index.data(CardRole)
