"""The Today view's model: section headers and entries in one flat list, from coach.rhythm.today.

One row per header ("Overdue · 2") and per entry; cards (briefing due, review waiting) come
first. The delegate paints each row type; the data is exactly the core's Today, so the
window shows what `coach today --json` prints (tests compare `rows_as_json`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from coach.i18n import _
from coach.rhythm.today import ACTION_KEYS, ACTION_LABELS, Entry, Today

from ..system.plain import tip
from ..window.models import DetailsRole, ItemIdRole

RowTypeRole = Qt.ItemDataRole.UserRole + 20
EntryRole = Qt.ItemDataRole.UserRole + 21
CountRole = Qt.ItemDataRole.UserRole + 22
SectionKeyRole = Qt.ItemDataRole.UserRole + 23
CardRole = Qt.ItemDataRole.UserRole + 24
HEADER, ENTRY, CARD, MORE = "header", "entry", "card", "more"
BRIEFING_CARD, REVIEW_CARD = "briefing", "review"
KIND_NAMES = {"commitment": "commitment", "reply": "reply", "concern": "concern"}


class TodayModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Any, str]] = []  # (type, payload, section key)
        self.today: Today | None = None
        self._found: tuple[dict[int, int], list[int]] | None = None

    def set_today(self, today: Today) -> None:
        self.beginResetModel()
        self.today = today
        rows: list[tuple[str, Any, str]] = []
        if today.review is not None:
            rows.append((CARD, (REVIEW_CARD, today.review), ""))
        if today.briefing is not None:
            rows.append((CARD, (BRIEFING_CARD, today.briefing), ""))
        for section in today.sections:
            rows.append((HEADER, section, section.key))
            rows += [(ENTRY, entry, section.key) for entry in section.entries]
            if section.more:
                rows.append((MORE, section, section.key))  # "and N more": opens its list
        self._rows = rows
        self._found = None
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][0] == HEADER:
            return Qt.ItemFlag.ItemIsEnabled  # headers are read, never selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def entry_at(self, row: int) -> Entry | None:
        if 0 <= row < len(self._rows) and self._rows[row][0] == ENTRY:
            return self._rows[row][1]
        return None

    def more_at(self, row: int) -> str | None:
        """The section key of an "and N more" row, else None."""
        if 0 <= row < len(self._rows) and self._rows[row][0] == MORE:
            return self._rows[row][2]
        return None

    def card_at(self, row: int) -> str | None:
        if 0 <= row < len(self._rows) and self._rows[row][0] == CARD:
            return self._rows[row][1][0]
        return None

    def row_of(self, item_id: int | None) -> int | None:
        return self._index()[0].get(item_id)

    def selectable_rows(self) -> list[int]:
        return self._index()[1]

    def _index(self) -> tuple[dict[int, int], list[int]]:
        # Worked out once per Today, not at every list snapshot (each filter keystroke asks
        # for the selection again).
        if self._found is None:
            rows: dict[int, int] = {}
            for row, (kind, payload, _key) in enumerate(self._rows):
                if kind == ENTRY:
                    rows.setdefault(payload.id, row)
            self._found = (rows, [row for row, (kind, _p, _k) in enumerate(self._rows)
                                  if kind != HEADER])
        return self._found

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, payload, key = self._rows[index.row()]
        if role == RowTypeRole:
            return kind
        if role == SectionKeyRole:
            return key
        if kind == HEADER:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return payload.title
            if role == CountRole:
                return payload.total
            return None
        if kind == MORE:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return payload.more_text()
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip(_("Show them all in the list"))
            if role == CountRole:
                return payload.more
            return None
        if kind == CARD:
            return self._card_data(payload, role)
        entry: Entry = payload
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == EntryRole:
            return entry
        if role == ItemIdRole:
            return entry.id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
                    DetailsRole):
            text = "\n".join(filter(None, [entry.title, entry.detail, entry.chip, entry.every,
                                           self.action_hint(entry)]))
            return tip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        return None

    def _card_data(self, payload: tuple[str, Any], role: int) -> Any:
        which, value = payload
        if role == CardRole:
            return payload
        if which == REVIEW_CARD:
            text, hint = value.text(), _("V: start the review")
        else:
            text = value.reason + ("\n" + "\n".join(f"· {c}" for c in value.changes)
                                   if value.changes else "")
            hint = _("B: brief your manager")
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(f"{text}\n{hint}")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{text}\n{hint}"
        return None

    @staticmethod
    def action_hint(entry: Entry) -> str:
        hint = f"{ACTION_KEYS[entry.action]}: {_(ACTION_LABELS[entry.action])}"
        if entry.every:
            hint += f" · S: {_(ACTION_LABELS['skip'])}"
        return hint

    def rows_as_json(self) -> list[dict[str, Any]]:
        """What the view shows, in the form of `coach today --json` (sections and entries)."""
        sections: list[dict[str, Any]] = []
        for kind, payload, key in self._rows:
            if kind == HEADER:
                sections.append({"key": key, "title": payload.title, "total": payload.total,
                                 "more": 0, "entries": []})
            elif kind == MORE:
                sections[-1]["more"] = payload.more
            elif kind == ENTRY:
                sections[-1]["entries"].append(payload.to_json(self._tz()))
        return sections

    @staticmethod
    def _tz():
        from coach.timing.dates import local_tz

        return local_tz()
