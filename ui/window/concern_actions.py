"""Concerns in the main window: "This is heating up…" on commitments and replies, the concern
log, and the badge (the ⚑ after the Concerns tab's count, and a status-bar "Brief now") while
a concern needs telling. Built by ui/window/compose.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QPushButton

from coach.i18n import _
from coach.model.concern import Concern
from coach.timing import timeutil

from ..background import undo
from ..background.rows import CONCERN
from ..system.plain import action_text
from . import icons

if TYPE_CHECKING:
    from .main_window import MainWindow




def needing_telling(store: Any) -> list[Concern]:
    from coach.reminders import concern_nudge

    return concern_nudge.open_needing_telling(store)


class Badge:
    """"Concerns (3 · 1 ⚑)" and a status-bar "Brief now" while a concern needs telling."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.flagged: list[Concern] = []
        self.button = QPushButton(icons.icon("concern"), "")
        self.button.setObjectName("brief-now-button")
        self.button.setFlat(True)
        self.button.clicked.connect(self._brief)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        window.client.data_refreshed.connect(self.refresh)

    def refresh(self) -> None:
        self.window.client.submit(needing_telling, self._show)

    def _show(self, flagged: list[Concern]) -> None:
        before = {c.id for c in self.flagged}
        self.flagged = flagged
        self.window.set_tab_badge(CONCERN, f"{len(flagged)} {icons.FLAG}" if flagged else "")
        if not flagged:
            self.button.hide()
            return
        top = flagged[0]
        # Elided: the status bar keeps room for its message; "&" stays an "&".
        title = self.button.fontMetrics().elidedText(top.title, Qt.TextElideMode.ElideRight, 220)
        self.button.setText(action_text(_("Brief your manager now: {title} (heat {heat})")
                                        .format(title=title, heat=top.heat)))
        self.button.setAccessibleName(_("Brief your manager now: {title} (heat {heat})")
                                      .format(title=top.title, heat=top.heat))
        self.button.setToolTip(_("Open the briefing with this concern on top."))
        self.button.show()
        if {c.id for c in flagged} - before:
            self.window.show_message(
                _("{flag} “{title}” is heating up: brief your manager now, before it "
                  "escalates.").format(flag=icons.FLAG, title=top.title), 15_000)

    def _brief(self) -> None:
        if self.flagged:
            self.window.brief_manager(self.flagged[0].id)


class ConcernActions:
    """Items → "This is heating up…" (Ctrl+Shift+H) and "Concern log and heat…" (Ctrl+L)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.heating_up_dialog: QDialog | None = None
        self.log_dialog: QDialog | None = None
        self.heating_up_action = QAction(icons.icon("heating-up"), _("This is &heating up…"),
                                         window)
        self.heating_up_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.heating_up_action.setStatusTip(
            _("Turn the selected commitment or reply into a concern"))
        self.heating_up_action.triggered.connect(self.heating_up)
        self.log_action = QAction(icons.icon("concern"), _("Concern &log and heat…"), window)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.triggered.connect(lambda: self.open_log())
        self.badge = Badge(window)

    def heating_up(self) -> None:
        """From the selected commitment or owed reply: open "This is heating up…"."""
        from coach.ops.concerns import suggested_from

        from .concern_view import HeatingUpDialog  # loads on first use, not at start-up

        current = self.window.current_item()
        if current is None:
            return
        item_id = current[0]

        def ask(suggested: tuple[str, str]) -> None:
            dialog = HeatingUpDialog(*suggested, parent=self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self._add(item_id, dialog.values()))
            self.heating_up_dialog = dialog
            dialog.open()

        self.window.client.submit(lambda store: suggested_from(store, item_id), ask)

    def _add(self, source_id: int, values: dict[str, Any]) -> None:
        from coach.ops.concerns import heating_up

        def added(changed) -> None:
            self.window.select_item(CONCERN, changed.first)
            self.window.show_message(_("Concern added: “{what}”.").format(
                what=values["title"]), 6000)

        undo.run(self.window.client, self.window.undo_stack,
                 _(undo.ADD).format(what=values["title"]), set(),
                 lambda store: heating_up(store, source_id, values["title"], timeutil.now(),
                                          heat=values["heat"], who=values["who"],
                                          note=values["note"]), added)

    def open_log(self, concern_id: int | None = None) -> None:
        """The concern's log and heat; the selected concern unless an id is given."""
        from .concern_view import ConcernDialog

        if concern_id is None:
            current = self.window.current_item()
            if current is None:
                return
            concern_id = current[0]
        dialog = ConcernDialog(self.window, concern_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.log_dialog = dialog
        dialog.open()
