"""Concern dialogs: the dated log with heat change and "I told my manager", and
"This is heating up…" (a concern from a commitment or owed reply).

Everything that touches the store is a core operation run as a worker job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import N_, _
from coach.model import concern
from coach.model.concern import HEAT_LABELS, Concern, LogEntry
from coach.timing import timeutil
from coach.timing.display import local

from ..system.plain import PlainLabel, tip
from . import icons

LOG_KINDS = {"created": N_("created"), "heat": N_("heat changed"), "note": N_("note"),
             "told": N_("manager told"), "resolved": N_("resolved")}



@dataclass
class Loaded:
    concern: Concern
    log: list[LogEntry]
    needs_telling: bool


def load(store: Any, concern_id: int) -> Loaded:
    from coach.ops.items import require_concern
    from coach.reminders.concern_nudge import Thresholds, needs_telling
    from coach.storage import settings

    item = require_concern(store, concern_id)
    limits = Thresholds.from_settings(settings.load(store))
    return Loaded(item, concern.log_of(store, concern_id), needs_telling(item, limits))


class LogModel(QAbstractTableModel):
    HEADERS = (N_("When"), N_("What happened"), N_("Heat"), N_("Note"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[LogEntry] = []

    def set_entries(self, entries: list[LogEntry]) -> None:
        self.beginResetModel()
        self.entries = list(reversed(entries))  # newest first: what changed last matters most
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(self.data(index))  # a log note is user text: never markup
        entry = self.entries[index.row()]
        column = index.column()
        if column == 0:
            return local(entry.at, fmt="EEE d MMM, HH:mm")
        if column == 1:
            return _(LOG_KINDS.get(entry.kind, entry.kind))
        if column == 2:
            return f"{entry.heat}/5" if entry.heat else ""
        return entry.note or ""


def told_text(item: Concern) -> str:
    if item.told_at is None:
        return _("Your manager has not heard about this yet.")
    return _("Your manager last heard about it on {when}, at heat {heat}.").format(
        when=local(item.told_at, fmt="EEE d MMM, HH:mm"), heat=item.told_heat)


class ConcernDialog(QDialog):
    """A concern with its dated log; change heat, record that the manager was told, brief."""

    changed = Signal()
    loaded = Signal()  # the concern and its log are shown (tests wait for this)

    def __init__(self, window: Any, concern_id: int) -> None:
        super().__init__(window)
        self.window_ = window
        self.concern_id = concern_id
        self.setObjectName("concern-dialog")
        self.setWindowTitle(_("Concern"))
        self.resize(620, 440)
        self.heading = PlainLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.told = PlainLabel()
        self.told.setWordWrap(True)
        self.nudge = PlainLabel()
        self.nudge.setObjectName("concern-nudge")
        self.nudge.setWordWrap(True)
        self.log_model = LogModel(self)
        self.log_view = QTableView()
        self.log_view.setAccessibleName(_("Concern log"))
        self.log_view.setModel(self.log_model)
        self.log_view.verticalHeader().hide()
        self.log_view.setShowGrid(False)
        self.log_view.setWordWrap(False)
        # Read by eye; the keyboard starts on the heat, where something is to be done.
        self.log_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.log_view.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        self.log_view.horizontalHeader().resizeSection(0, 140)
        self.log_view.horizontalHeader().resizeSection(1, 130)
        self.log_view.horizontalHeader().resizeSection(2, 50)
        self.heat = QSpinBox()
        self.heat.setRange(concern.HEAT_MIN, concern.HEAT_MAX)
        self.heat.setObjectName("concern-heat")
        self.heat.setAccessibleName(_("Heat"))
        self.note = QLineEdit()
        self.note.setAccessibleName(_("What happened"))
        self.note.setPlaceholderText(_("What happened? (e.g. “Jim called again, angrier”)"))
        self.heat_button = QPushButton(_("&Change heat"))
        self.heat_button.clicked.connect(self.change_heat)
        self.told_button = QPushButton(_("I &told my manager"))
        self.told_button.clicked.connect(self.mark_told)
        self.brief_button = QPushButton(icons.icon("briefing"), _("&Brief now"))
        self.brief_button.clicked.connect(self._brief)
        change = QHBoxLayout()
        change.addWidget(PlainLabel(_("Heat")))
        change.addWidget(self.heat)
        change.addWidget(self.note, 1)
        change.addWidget(self.heat_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.told_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.brief_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.told)
        layout.addWidget(self.nudge)
        layout.addWidget(self.log_view, 1)
        layout.addLayout(change)
        layout.addWidget(buttons)
        self.reload()

    def _brief(self) -> None:
        self.window_.brief_manager(self.concern_id)

    def reload(self) -> None:
        self.window_.client.submit(lambda store: load(store, self.concern_id), self._show,
                                   self._error)

    def _show(self, data: Loaded) -> None:
        item = data.concern
        self.heading.setText(_("{title} — heat {heat}/5 ({label})").format(
            title=item.title, heat=item.heat, label=_(HEAT_LABELS[item.heat])))
        self.told.setText(told_text(item))
        self.nudge.setVisible(data.needs_telling)
        self.nudge.setText(f"{icons.FLAG} " + _("Brief your manager now, before it escalates."))
        self.heat.setValue(item.heat)
        self.log_model.set_entries(data.log)
        self.loaded.emit()

    def _error(self, message: str) -> None:
        self.told.setText(message)

    def _write(self, job) -> None:
        def done(_result=None) -> None:
            self.note.clear()
            self.reload()
            self.changed.emit()

        self.window_.client.submit(job, done, self._error, writes=True)

    def change_heat(self) -> None:
        from coach.ops.concerns import heat as change_heat

        heat, note, concern_id = self.heat.value(), self.note.text(), self.concern_id
        self._write(lambda store: change_heat(store, concern_id, heat, timeutil.now(),
                                              note or None))

    def mark_told(self) -> None:
        from coach.ops.concerns import told

        note, concern_id = self.note.text(), self.concern_id
        self._write(lambda store: told(store, concern_id, timeutil.now(), note or None))


class HeatingUpDialog(QDialog):
    """"This is heating up…": a concern from a commitment or owed reply (source_id kept)."""

    def __init__(self, title: str, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heating-up-dialog")
        self.setWindowTitle(_("This is heating up"))
        self.title = QLineEdit(title)
        self.who = QLineEdit(who)
        self.heat = QSpinBox()
        self.heat.setRange(concern.HEAT_MIN, concern.HEAT_MAX)
        self.heat.setValue(3)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("What happened?"))
        form = QFormLayout()
        form.addRow(_("Concern"), self.title)
        form.addRow(_("Who"), self.who)
        form.addRow(_("Heat (1 calm … 5 exploding)"), self.heat)
        form.addRow(_("Note"), self.note)
        hint = PlainLabel(_("Your manager should hear this from you, early. From heat 3 on, "
                        "Trust Coach reminds you to brief them."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add concern"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {"title": self.title.text(), "who": self.who.text() or None,
                "heat": self.heat.value(), "note": self.note.text() or None}
