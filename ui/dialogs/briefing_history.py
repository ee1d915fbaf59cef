"""The briefing history as a table model: every kept briefing, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from coach.i18n import N_, _

HistoryIdRole = Qt.ItemDataRole.UserRole + 1


class HistoryModel(QAbstractTableModel):
    """Kept briefings, newest first: when generated, when sent, language, format."""

    HEADERS = (N_("Generated"), N_("Sent"), N_("Language"), N_("Format"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def briefing_at(self, row: int) -> Any:
        # Rows are handed out by position, not through a QVariant: PySide's wrapping of
        # arbitrary Python objects in item data upsets reference counts at exit.
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == HistoryIdRole:
            return item.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        from coach.timing.display import local

        column = index.column()
        if column == 0:
            return local(item.generated_at)
        if column == 1:
            return local(item.sent_at) if item.sent_at else _("not sent")
        if column == 2:
            return {"en": _("English"), "de": _("German")}.get(item.lang, item.lang)
        return {"text": _("Text"), "markdown": _("Markdown"), "html": _("HTML"),
                "json": _("JSON")}.get(item.format, item.format)
