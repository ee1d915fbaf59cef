"""The suggestions view: what the mail scan found, with its evidence, one key per answer.

A (or Enter) accepts, D (or Delete) dismisses, N means "never for this sender". The list is
a model over plain Suggestion objects loaded in the store worker; accept and dismiss run
there too, through the core (coach.mail.accept / coach.mail.suggestions).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import N_, _

from ..system.plain import PlainLabel

DATE, KIND, WHO, SUBJECT, EVIDENCE = range(5)
HEADERS = (N_("Date"), N_("Kind"), N_("From / to"), N_("Subject"), N_("Evidence"))
SuggestionIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class SuggestionsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        s = self.rows[index.row()]
        if role == SuggestionIdRole:
            return s.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(s, index.column(), role == Qt.ItemDataRole.ToolTipRole)
        return None

    def _text(self, s, column: int, tip: bool) -> str:
        from coach.mail.suggestions import KIND_LABELS
        from coach.timing.display import local

        if column == DATE:
            return local(s.date, fmt="dd.MM. HH:mm")
        if column == KIND:
            kind = _(KIND_LABELS[s.kind])
            return _("{kind}, call now").format(kind=kind) if s.urgent else kind
        if column == WHO:
            return f"{s.who} <{s.sender}>" if tip and s.sender else s.who
        if column == SUBJECT:
            return s.subject or ""
        text = s.evidence or ""
        if s.due is not None:
            text += " " + _("(due {when})").format(when=local(s.due, fmt="EEE dd.MM. HH:mm"))
        return text

    def suggestion_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None


class SuggestionsView(QWidget):
    """The table and its keys; acting goes through `acted` so the dialog can report it."""

    acted = Signal(str)
    loaded = Signal()

    def __init__(self, client, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.model = SuggestionsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(EVIDENCE,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Suggestions"))
        self.empty = PlainLabel(_("No suggestions. Found owed replies, promises and follow-ups "
                              "appear here after a mail scan."))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        hint = PlainLabel(_("A or Enter: accept · D or Delete: dismiss · N: never for this "
                        "sender"))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(hint)
        for keys, slot in ((("A", "Return", "Enter"), self.accept_current),
                           (("D", "Delete"), self.dismiss_current),
                           (("N",), self.never_current)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self.table)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)

    def reload(self) -> None:
        from coach.mail.suggestions import list_open

        self.client.submit(list_open, self._show)

    def _show(self, rows: list) -> None:
        row = max(self.table.currentIndex().row(), 0)
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(
                EVIDENCE, QHeaderView.ResizeMode.Stretch)
            self.table.selectRow(min(row, len(rows) - 1))
            self.table.setFocus()
        self.loaded.emit()

    def current(self):
        return self.model.suggestion_at(self.table.currentIndex().row())

    def accept_current(self) -> None:
        s = self.current()
        if s is None:
            return

        def job(store):
            from coach.mail import accept, suggestions
            from coach.timing import timeutil
            from coach.timing.dates import local_tz

            return accept.accept(store, suggestions.require_open(store, s.id),
                                 timeutil.now(), local_tz())

        self.client.submit(job, lambda _done: self._after(
            _("Accepted: “{what}”.").format(what=s.subject or s.who)), self._error,
            writes=True)

    def dismiss_current(self, sender: bool = False) -> None:
        s = self.current()
        if s is None:
            return

        def job(store):
            from coach.mail import suggestions
            from coach.timing import timeutil

            return suggestions.dismiss(store, suggestions.require_open(store, s.id),
                                       timeutil.now(), sender=sender)

        message = (_("Nothing from {sender} will be suggested again.").format(sender=s.sender)
                   if sender else _("Dismissed: “{what}”.").format(what=s.subject or s.who))
        self.client.submit(job, lambda _ids: self._after(message), self._error, writes=True)

    def never_current(self) -> None:
        self.dismiss_current(sender=True)

    def _after(self, message: str) -> None:
        self.acted.emit(message)
        self.reload()

    def _error(self, message: str) -> None:
        self.acted.emit(message)
        self.reload()


class SuggestionsDialog(QDialog):
    def __init__(self, client, scanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Suggestions from Mail"))
        self.resize(900, 420)
        self.view = SuggestionsView(client, self)
        self.status = PlainLabel(scanner.status if scanner is not None else "")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        scan = QPushButton(_("Scan &now"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(scan)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.view.acted.connect(self.status.setText)
        self.scan_button = scan
        self.scanner = scanner
        if scanner is not None:
            scan.clicked.connect(self._scan_or_stop)
            # Bound methods of Qt objects: disconnected for us when the dialog goes.
            scanner.status_changed.connect(self.status.setText)
            scanner.scanned.connect(self._scanned)
            scanner.busy_changed.connect(self._busy)
            self._busy(scanner.busy)
        else:
            scan.hide()
        self.view.reload()

    def _scanned(self, _report) -> None:
        self.view.reload()

    def _scan_or_stop(self) -> None:
        if not self.scanner.stop():
            self.scanner.scan_now()

    def _busy(self, busy: bool) -> None:
        # A first scan of a large mailbox takes a while: it can be stopped, losing nothing.
        self.scan_button.setText(_("&Stop Scan") if busy else _("Scan &now"))
