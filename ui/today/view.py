"""The Today page: a large date, one summary line, then the day's sections in a list view.

Keys in the list: the entry's own key (D done, R returned, T told; S skips an occurrence of a
recurring commitment), Space for the entry's action, B the briefing, V the review. It offers
the same small interface as a section view (table, model, kind, current_id …) so the
window's Edit, Done and Delete work on the entry selected here too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _
from coach.rhythm.today import ACTION_KEYS, DONE, SKIP, Entry, Today, all_clear, summary

from ..system.plain import PlainLabel
from ..window.models import ItemIdRole
from .delegate import MARGIN, TodayDelegate, accent, muted, scaled, with_alpha
from .model import BRIEFING_CARD, MORE, REVIEW_CARD, RowTypeRole, TodayModel

KEY_ACTIONS = {Qt.Key.Key_D: "D", Qt.Key.Key_R: "R", Qt.Key.Key_T: "T", Qt.Key.Key_S: "S",
               Qt.Key.Key_E: "D", Qt.Key.Key_Z: "R", Qt.Key.Key_G: "T"}  # E/Z/G: German labels


ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class TodayList(QListView):
    key_pressed = Signal(QKeyEvent)

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt's name
        # Enter on "and N more" opens the list, not the window's Edit (its shortcut).
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() in ENTER_KEYS and self._on_more()):
            event.accept()
            return True
        return super().event(event)

    def _on_more(self) -> bool:
        return self.currentIndex().data(RowTypeRole) == MORE

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                 Qt.KeyboardModifier.KeypadModifier) and (
                event.key() in KEY_ACTIONS or event.key() in (Qt.Key.Key_Space, Qt.Key.Key_B,
                                                              Qt.Key.Key_V)
                or event.key() in ENTER_KEYS and self._on_more()):
            self.key_pressed.emit(event)
            return
        super().keyPressEvent(event)


class EmptyDay(QWidget):
    """Nothing to do today: a calm congratulation instead of an empty list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today-empty")
        self.message = ""

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        tone = accent(pal)
        size = 76
        cx, top = self.width() / 2, max(24, self.height() / 2 - 120)
        circle = QRectF(cx - size / 2, top, size, size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(with_alpha(tone, 40))
        painter.drawEllipse(circle)
        pen = QPen(tone, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        x, y = circle.left(), circle.top()
        painter.drawPolyline([QPointF(x + 23, y + 40), QPointF(x + 34, y + 51),
                              QPointF(x + 54, y + 27)])
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        painter.setFont(scaled(self.font(), 1.5, bold=True))
        title = QRectF(0, circle.bottom() + 18, self.width(), 34)
        painter.drawText(title, Qt.AlignmentFlag.AlignCenter, _("All clear"))
        painter.setPen(muted(pal))
        painter.setFont(self.font())
        body = QRectF(self.width() * 0.2, title.bottom() + 6, self.width() * 0.6, 60)
        painter.drawText(body, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, self.message)


class TodayView(QWidget):
    act = Signal(object, str)  # (Entry, action)
    brief_requested = Signal()
    review_requested = Signal()
    more_requested = Signal(str)  # a section's key: show all of it in its list tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today")
        self.model = TodayModel(self)
        self.title = PlainLabel(_("Today"))
        self.title.setObjectName("today-title")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.title.setFont(font)
        self.date_label = PlainLabel()
        self.date_label.setObjectName("today-date")
        self.date_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = PlainLabel()
        self.summary.setObjectName("today-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.list = TodayList()
        self.list.setObjectName("today-list")
        self.list.setAccessibleName(_("Today"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(TodayDelegate(self.list))
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setMouseTracking(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        # Laid out a batch at a time between events; with capped sections (at most 12
        # entries each) this rarely matters, but a refresh never holds the UI thread.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(100)
        self.list.setSpacing(0)
        self.list.viewport().setAutoFillBackground(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.key_pressed.connect(self._key)
        self.list.doubleClicked.connect(self._double_clicked)
        self.list.clicked.connect(self._clicked)
        self.empty = EmptyDay()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 18, 0, 0)
        layout.setSpacing(2)
        for label in (self.title, self.date_label, self.summary):
            label.setContentsMargins(MARGIN, 0, MARGIN, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.date_label)
        layout.addSpacing(4)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addWidget(self.pages, 1)
        self._restyle()

    # --- the SectionView-like interface the window uses ------------------------------------
    @property
    def table(self) -> QListView:
        return self.list

    @property
    def kind(self) -> str:
        entry = self.current_entry()
        return entry.kind if entry is not None else "commitment"

    def showing_list(self) -> bool:
        return self.current_entry() is not None

    def current_entry(self) -> Entry | None:
        return self.model.entry_at(self.list.currentIndex().row())

    def current_id(self) -> int | None:
        entry = self.current_entry()
        return entry.id if entry else None

    def current_row(self) -> int:
        return self.list.currentIndex().row()

    def select_id(self, item_id: int | None) -> bool:
        row = self.model.row_of(item_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int) -> None:
        rows = self.model.selectable_rows()
        if not rows:
            return
        # A header is never selected: the next selectable row, else the last one.
        row = next((r for r in rows if r >= row), rows[-1])
        self.list.setCurrentIndex(self.model.index(row))

    def add_view_actions(self, actions: list[QAction]) -> None:
        for action in actions:
            self.list.addAction(action)

    # --- data ------------------------------------------------------------------------------
    def show_today(self, today: Today) -> None:
        keep = self.current_id()
        keep_row = max(self.current_row(), 0)
        self.model.set_today(today)
        self.date_label.setText(today.headline)
        self.summary.setText(summary(today) if today.count else "")
        self.empty.message = all_clear()
        empty = today.count == 0 and today.briefing is None and today.review is None
        self.pages.setCurrentWidget(self.empty if empty else self.list)
        self.empty.update()
        if not self.select_id(keep):
            self.select_row(keep_row)

    def rows_as_json(self) -> list[dict]:
        return self.model.rows_as_json()

    # --- keys ------------------------------------------------------------------------------
    def _key(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_B:
            self.brief_requested.emit()
            return
        if key == Qt.Key.Key_V:
            self.review_requested.emit()
            return
        more = self.model.more_at(self.current_row())
        if more is not None and key in (Qt.Key.Key_Space, *ENTER_KEYS):
            self.more_requested.emit(more)
            return
        card = self.model.card_at(self.current_row())
        if card is not None and key == Qt.Key.Key_Space:
            (self.review_requested if card == REVIEW_CARD else self.brief_requested).emit()
            return
        entry = self.current_entry()
        if entry is None:
            return
        letter = KEY_ACTIONS.get(key)
        if key == Qt.Key.Key_Space or letter == ACTION_KEYS[entry.action]:
            self.act.emit(entry, entry.action)
        elif letter == ACTION_KEYS[SKIP] and entry.every:
            self.act.emit(entry, SKIP)
        elif letter == ACTION_KEYS[DONE] and entry.action != DONE:
            self.act.emit(entry, entry.action)  # D finishes anything, as "Mark done" does

    def _clicked(self, index: QModelIndex) -> None:
        more = self.model.more_at(index.row())
        if more is not None:
            self.more_requested.emit(more)  # a link: one click, as in Things or Todoist

    def _double_clicked(self, index: QModelIndex) -> None:
        card = self.model.card_at(index.row())
        if card == REVIEW_CARD:
            self.review_requested.emit()
        elif card == BRIEFING_CARD:
            self.brief_requested.emit()
        elif index.data(ItemIdRole) is not None:
            for action in self.list.actions():
                if action.objectName() == "edit" or action.shortcut().toString() == "Return":
                    action.trigger()
                    return

    # --- looks -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        # The page is paper, not a form: the base colour behind everything, as in a list.
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.Base))
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        tone = accent(pal)
        self.date_label.setStyleSheet(f"color: {tone.name()}; font-weight: 600;")
        self.summary.setStyleSheet(f"color: {muted(pal).name()};")
