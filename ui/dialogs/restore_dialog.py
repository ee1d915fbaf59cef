"""Restore from backup…: pick one of the rolling backups; the current data is kept aside."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import N_, _
from coach.storage.backup import Backup
from coach.timing.display import local, relative

from ..system.plain import PlainLabel, tip

HEADERS = (N_("Taken"), N_("How long ago"), N_("Size"))
Index = QModelIndex | QPersistentModelIndex


class BackupModel(QAbstractTableModel):
    """The backups, newest first, with their sizes (read off the UI thread beforehand)."""

    def __init__(self, backups: list[tuple[Backup, int]], now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = backups
        self._now = now

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(HEADERS)):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        found, size = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return local(found.taken)
            if index.column() == 1:
                return relative(found.taken, self._now)
            return _("{n} KB").format(n=max(1, size // 1024))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(str(found.path))
        return None

    def backup_at(self, row: int) -> Backup:
        return self._rows[row][0]


class RestoreDialog(QDialog):
    def __init__(self, backups: list[tuple[Backup, int]], now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        layout = QVBoxLayout(self)
        self.model = BackupModel(backups, now, self)
        if backups:
            text = _("Choose the backup to go back to. Your current data is not deleted: it "
                     "is kept beside it as coach.db.before-restore-…, so this can be undone.")
        else:
            text = _("There are no backups yet. Trust Coach makes one when the window opens "
                     "(at most once a day); File → Back up now makes one at once.")
        label = PlainLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(backups))
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(_("&Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if backups:
            self.table.selectRow(0)
        self.resize(520, 320)

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None
