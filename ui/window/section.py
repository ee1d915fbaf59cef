"""One section of the window (commitments, owed replies or concerns): its list, or a page
that explains the section while it is empty."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import N_, _
from coach.ops.listing.rows import COMMITMENT, CONCERN, REPLY

from ..system.plain import PlainLabel
from . import icons
from .models import WHAT, ItemIdRole, SectionModel

EXPLAIN = {
    COMMITMENT: (
        N_("No commitments yet"),
        N_("Promises you made, with when they are due. Run the promise check before you "
           "promise: only promise what is in your hands, by a date you can keep."),
        N_("Add your first commitment"),
    ),
    REPLY: (
        N_("No owed replies"),
        N_("Calls, voicemails, emails and messages you still have to answer, each with a "
           "reply-by time. A call returned today keeps more trust than a perfect answer "
           "next week."),
        N_("Add your first owed reply"),
    ),
    CONCERN: (
        N_("No concerns"),
        N_("Situations heating up that your manager should hear about from you, early: an "
           "angry customer, a promise slipping. The hotter it gets, the sooner you brief."),
        N_("Add your first concern"),
    ),
}


TABLE_NAMES = {COMMITMENT: N_("Commitments list"), REPLY: N_("Owed replies list"),
               CONCERN: N_("Concerns list")}


class WrappedLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at its real width.

    A centred label in a box layout gets the height of its size hint, which Qt computes for
    a guessed width; longer (German) texts were cut off at the bottom.
    """

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(self.width()))


class ItemTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setIconSize(QSize(18, 18))
        self.verticalHeader().hide()
        # Fixed row height: the view need not measure 100,000 rows.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultSectionSize(150)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)


class SectionView(QStackedWidget):
    """The list, or a page that explains the empty section (built when first needed)."""

    add_requested = Signal(str)  # the kind to add
    current_changed = Signal()
    double_clicked = Signal(QModelIndex)  # the list's, once it is built

    def __init__(self, model: SectionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.kind = model.kind
        self.setObjectName(f"section-{self.kind}")
        self.empty_page: QWidget | None = None
        # The table is built when first shown or used: the tabs not on screen at start-up
        # (the window opens on Today) cost nothing before the first paint, not even the
        # column widths, which need Babel's relative times.
        self._table: ItemTable | None = None
        self._pending_actions: list[QAction] = []
        self._pending_columns = None
        # Until the first load: "Loading…", never the empty-state page nor an empty list.
        self.loading = PlainLabel(_("Loading…"))
        self.loading.setObjectName(f"loading-{self.kind}")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.loading)
        model.modelReset.connect(self._update_page)

    @property
    def table(self) -> ItemTable:
        if self._table is None:
            self._build_table()
        return self._table

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.table  # noqa: B018 - shown now: build the list before it paints
        super().showEvent(event)

    def restore_columns(self, state) -> None:
        if self._table is None:
            self._pending_columns = state
        else:
            self._table.horizontalHeader().restoreState(state)

    def column_state(self):
        if self._table is None:
            return self._pending_columns
        return self._table.horizontalHeader().saveState()

    def _build_empty_page(self) -> QWidget:
        # Built once the first load shows the section empty, not before the first paint:
        # until the data is in, "nothing here yet" would not be true anyway.
        self.empty_page = QWidget()
        layout = QVBoxLayout(self.empty_page)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addStretch(2)
        picture = PlainLabel()
        picture.setPixmap(icons.icon({REPLY: "reply"}.get(self.kind, self.kind)).pixmap(
            QSize(48, 48), self.devicePixelRatioF()))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        title, text, button = EXPLAIN[self.kind]
        self.empty_title = PlainLabel(_(title))
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.empty_title.setFont(font)
        layout.addWidget(self.empty_title)
        self.empty_text = WrappedLabel(_(text))
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setMinimumWidth(380)  # a readable measure, not a narrow column
        self.empty_text.setMaximumWidth(520)
        layout.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        self.add_button = QPushButton(icons.icon("add"), _(button))
        self.add_button.setObjectName("add-first")
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.kind))
        layout.addSpacing(12)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.addWidget(self.empty_page)
        return self.empty_page

    def _build_table(self) -> None:
        from . import columns

        model = self.model
        table = self._table = ItemTable()
        table.setModel(model)
        table.setObjectName(f"table-{self.kind}")
        # After setModel: a header without sections forgets per-section settings.
        header = table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        columns.fit(table, self.kind)
        table.setAccessibleName(_(TABLE_NAMES[self.kind]))
        # A header click sorts all rows in the model; the default is Advice, most urgent first.
        header.setSortIndicator(model.columnCount() - 1, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        table.selectionModel().currentRowChanged.connect(
            lambda *_args: self.current_changed.emit())
        table.doubleClicked.connect(self.double_clicked)
        if self._pending_columns is not None:
            header.restoreState(self._pending_columns)
        for action in self._pending_actions:
            table.addAction(action)
        self.insertWidget(0, table)
        if self.model.now is not None and (self.empty_page is None or self.model.rowCount()):
            self.setCurrentWidget(table)

    def showing_list(self) -> bool:
        return self._table is not None and self.currentWidget() is self._table

    def _show_list(self) -> None:
        # A list nobody has looked at yet stays unbuilt (the loading label stands in for
        # it): showEvent builds it, with the rows already in the model.
        if self._table is not None or self.isVisible():
            self.setCurrentWidget(self.table)

    def _update_page(self) -> None:
        if self.model.now is None:
            return  # nothing loaded yet (a sort while the window is built): keep the list
        if self.model.rowCount():
            self._show_list()
        else:
            self.setCurrentWidget(self.empty_page or self._build_empty_page())

    def show_state(self, total: int, filter_text: str) -> None:
        """Explain an empty section, or say that the filter hides everything."""
        if self.model.rowCount():
            self._show_list()
            return
        if self.empty_page is None:
            self._build_empty_page()
        filtered = bool(filter_text) and total > 0
        title, text, _button = EXPLAIN[self.kind]
        self.empty_title.setText(_("Nothing matches “{text}”").format(text=filter_text)
                                 if filtered else _(title))
        self.empty_text.setText(_("Clear the filter (Esc) to see all {n}.").format(n=total)
                                if filtered else _(text))
        self.add_button.setVisible(not filtered)
        self.setCurrentWidget(self.empty_page)

    def add_view_actions(self, actions: list[QAction]) -> None:
        if self._table is None:
            self._pending_actions.extend(actions)
            return
        for action in actions:
            self._table.addAction(action)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not self.showing_list() or not index.isValid():
            return None
        return index.data(ItemIdRole)

    def select_id(self, item_id: int | None) -> bool:
        row = self.model.row_of(item_id) if item_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def select_row(self, row: int) -> None:
        rows = self.model.rowCount()
        if rows:
            self.table.setCurrentIndex(self.model.index(max(0, min(row, rows - 1)), 0))

    def current_row(self) -> int:
        index: QModelIndex = self.table.currentIndex()
        return index.row() if index.isValid() else 0
