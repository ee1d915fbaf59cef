"""Table models for the three sections, over the light rows the worker delivers.

Rows arrive from the worker filtered and sorted by urgency, highest first (ties by due,
reply-by, or heat), a page at a time: 100,000 open items cost the window only the pages
it has shown.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from coach.i18n import N_, _
from coach.model.labels import (
    ADVICE_COLUMN,
    ADVICE_LABELS,
    CALL_NOW,
    CHANNEL_LABELS,
    HEAT_LABELS,
    TODAY,
)
from coach.ops.listing.rows import COMMITMENT, CONCERN, PAGE, REPLY, Row
from coach.timing.display import day_and_time, decimal, relative

from ..system.plain import tip
from . import icons

ItemIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
OverdueRole = Qt.ItemDataRole.UserRole + 3
DetailsRole = Qt.ItemDataRole.UserRole + 4  # the tooltip's text, plain

WHAT, WHO, WHEN, STATUS, ADVICE = range(5)
COLUMNS = 5

HEADERS = {
    COMMITMENT: (N_("What"), N_("To"), N_("Due"), N_("Status"), N_("Advice")),
    REPLY: (N_("About"), N_("From"), N_("Reply by"), N_("Channel"), N_("Advice")),
    CONCERN: (N_("What"), N_("Who"), N_("Changed"), N_("Heat"), N_("Advice")),
}
CHANNEL_ICONS = {"call": "reply", "voicemail": "reply", "email": "mail", "message": "mail"}


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def warning_color() -> QColor:
    # Readable on either palette: a deep red on light bases, a soft red on dark ones.
    return QColor("#ff7b72") if is_dark() else QColor("#b3261e")


def advice_color(advice: str) -> QColor | None:
    if advice == CALL_NOW:
        return warning_color()
    if advice == TODAY:
        return QColor("#f0a040") if is_dark() else QColor("#a15c00")
    return None


def heat_color(heat: int) -> QColor | None:
    if heat >= 4:
        return warning_color()
    if heat == 3:
        return QColor("#f0a040") if is_dark() else QColor("#a15c00")
    return None


class SectionModel(QAbstractTableModel):
    """Open items of one kind, a page at a time.

    The worker hands over the first page and how many rows the list has (`set_page`); the
    other pages are asked for when the view first needs them (`pager`, ui.background.rows
    .Lists) and show as loading until they arrive. Only the pages near what was shown are
    kept, so a list of 50,000 items costs the window a few hundred rows.
    """

    KEEP_PAGES = 24

    def __init__(self, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.pager = None  # ui.background.rows.Lists, set by the window
        self._count = 0
        self._pages: dict[int, list[Row]] = {}  # page number -> rows, most recent last
        self._asked: set[int] = set()
        self._generation = 0
        self._complete: list[Row] | None = None  # set_rows: every row, sorted here
        self.exact = True  # False while the coarse order stands in for urgency
        self.now: datetime | None = None
        self._when_cache: dict[int, str] = {}
        self._sort: tuple[int, Qt.SortOrder] = (ADVICE, Qt.SortOrder.DescendingOrder)

    # --- data in ------------------------------------------------------------------------
    def set_page(self, page, now: datetime | None) -> None:
        """A new list from the worker (coach.ops.listing.lists.ListPage): its first page."""
        self.beginResetModel()
        self._complete = None
        self._count = page.count
        self._pages = self._paged(page.rows)
        self._asked = set()
        self._generation = page.generation
        self.exact = page.exact
        self.now = now
        self._when_cache.clear()
        self.endResetModel()

    def set_rows(self, rows: list[Row], now: datetime) -> None:
        """Every row at once (most urgent first), sorted here by a header click."""
        self.beginResetModel()
        self._complete = list(rows)
        self.now = now
        self._count = len(rows)
        self._pages = self._paged(self._sorted(*self._sort))
        self._when_cache.clear()
        self.endResetModel()

    def add_page(self, generation: int, start: int, rows: list[Row]) -> None:
        """A page asked for earlier; dropped if the list was replaced meanwhile."""
        number = start // PAGE
        if generation != self._generation or not rows:
            return
        self._asked.discard(number)
        self._pages.pop(number, None)
        self._pages[number] = rows
        while len(self._pages) > self.KEEP_PAGES:
            # The page furthest from this one goes first: the view rarely jumps back there.
            far = max(self._pages, key=lambda n: abs(n - number))
            del self._pages[far]
        last = min(start + len(rows), self._count) - 1
        if last >= start:
            self.dataChanged.emit(self.index(start, 0), self.index(last, COLUMNS - 1))

    def set_now(self, now: datetime) -> None:
        """The clock moved on: relative times and overdue marks change, rows do not."""
        self.now = now
        self._when_cache.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, COLUMNS - 1))

    @property
    def total(self) -> int:
        return self._count

    def row_at(self, row: int) -> Row | None:
        """The row shown at this place, or None while its page is loading."""
        page = self._pages.get(row // PAGE)
        if page is None or row % PAGE >= len(page):
            if self._complete is None and 0 <= row < self._count:
                self._ask(row // PAGE)
            return None
        return page[row % PAGE]

    def row_of(self, item_id: int) -> int | None:
        """The row showing this item, among the pages loaded; None if it is not there."""
        for number, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == item_id:
                    return number * PAGE + offset
        return None

    def _ask(self, number: int) -> None:
        if number in self._asked or self.pager is None:
            return
        self._asked.add(number)
        self.pager.fetch_page(self.kind, self._generation, number * PAGE)

    @staticmethod
    def _paged(rows: list[Row]) -> dict[int, list[Row]]:
        return {n // PAGE: rows[n:n + PAGE] for n in range(0, len(rows), PAGE)}

    # --- sorting (a header click) ---------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every row, not just the page shown; Advice, most urgent first, is the default."""
        if (column, order) == self._sort:
            return
        self._sort = (column, order)
        if self._complete is None and self.pager is not None:
            # The worker orders the whole list; the first page comes back as a new list.
            self.pager.sort(self.kind, column, order == Qt.SortOrder.DescendingOrder)
            return
        self.beginResetModel()
        self._pages = self._paged(self._sorted(column, order))
        self.endResetModel()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[Row]:
        rows = self._complete or []
        descending = order == Qt.SortOrder.DescendingOrder
        if column == ADVICE:
            # Ties keep the worker's order (due, reply-by or heat) either way round.
            return list(rows) if descending else sorted(rows, key=lambda r: r.urgency)
        if column == WHAT:
            key = (lambda r: r.what.casefold()) if self.kind != REPLY else \
                (lambda r: self._what(r).casefold())
        elif column == WHO:
            def key(r: Row) -> str:
                return r.who.casefold()
        elif column == WHEN:
            def key(r: Row) -> tuple:
                # Items without a date go after every dated one (before them, reversed).
                return (r.when is None, r.when.timestamp() if r.when else 0.0)
        elif self.kind == CONCERN:
            def key(r: Row) -> int:
                return r.heat
        else:
            now = self.now

            def key(r: Row) -> tuple:
                overdue = r.when is not None and now is not None and r.when < now
                return (r.channel, overdue, r.urgent)
        return sorted(rows, key=key, reverse=descending)

    # --- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < COLUMNS):
            return _(HEADERS[self.kind][section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def overdue(self, row: Row) -> bool:
        return (self.kind != CONCERN and row.when is not None and self.now is not None
                and row.when < self.now)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:  # its page is on the way: say so, never show it as empty
            if (role == Qt.ItemDataRole.DisplayRole and column == WHAT) or \
                    role == Qt.ItemDataRole.ToolTipRole:
                return _("Loading…")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ItemIdRole:
            return row.id
        if role == KindRole:
            return row.kind
        if role == OverdueRole:
            return self.overdue(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(self._tooltip(row))  # user text: shown as written, never as markup
        if role == DetailsRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (WHEN, STATUS) and self.overdue(row):
                return warning_color()
            if column == STATUS and self.kind == CONCERN:
                return heat_color(row.heat)
            if column == ADVICE:
                return advice_color(row.advice)
        return None

    def _what(self, row: Row) -> str:
        if row.kind == REPLY and not row.what:
            label = _(CHANNEL_LABELS.get(row.channel, row.channel))
            return label[:1].upper() + label[1:]  # not capitalize(): "E-Mail" stays
        return row.what

    def _when(self, row: Row) -> str:
        if row.when is None or self.now is None:
            return "" if row.kind != COMMITMENT else _("no date")
        text = self._when_cache.get(row.id)
        if text is None:
            text = relative(row.when, self.now)
            if self.overdue(row):
                text = _("overdue, {when}").format(when=text)
            self._when_cache[row.id] = text
        return text

    def _display(self, row: Row, column: int) -> str:
        if column == ADVICE:
            return _(ADVICE_COLUMN[row.advice]) if row.advice else ""
        if column == WHAT:
            return self._what(row)
        if column == WHO:
            return row.who
        if column == WHEN:
            return self._when(row)
        if row.kind == CONCERN:
            return _("{heat}/5 {label}").format(heat=row.heat,
                                                label=_(HEAT_LABELS.get(row.heat, "?")))
        parts = [_(CHANNEL_LABELS.get(row.channel, row.channel))] if row.kind == REPLY else []
        if self.overdue(row):
            parts.append(_("overdue"))
        elif row.urgent:
            parts.append(_("urgent"))
        # Nothing for a plain open commitment: "open" on every row told no rows apart.
        return ", ".join(parts)

    def _tooltip(self, row: Row) -> str:
        lines = [self._what(row)]
        if row.who:
            lines.append(row.who)
        if row.when is not None:
            lines.append(f"{day_and_time(row.when)} ({self._when(row)})")
        if row.note:
            lines.append(row.note if len(row.note) < 300 else row.note[:300] + "…")
        if row.advice:
            lines.append(_("{advice} (urgency {score})").format(
                advice=_(ADVICE_LABELS[row.advice]), score=decimal(row.urgency)))
        return "\n".join(lines)

    def _decoration(self, row: Row, column: int):
        if column == ADVICE and row.advice:
            return icons.icon(f"advice-{row.advice}")
        if column == WHAT:
            name = {COMMITMENT: "commitment", CONCERN: "concern"}.get(
                row.kind, CHANNEL_ICONS.get(row.channel, "reply"))
            return icons.icon(name)
        if column == WHEN and self.overdue(row):
            return icons.icon("overdue")
        if column == STATUS and row.kind == CONCERN and row.heat >= 4:
            return icons.icon("concern")
        return None
