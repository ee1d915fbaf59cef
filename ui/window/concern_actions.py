"""Concerns wired into the main window: "This is heating up…" on commitments and replies,
the concern log, and the badge ("Concerns (3 · 1 ⚑)" plus a status-bar "Brief now") while a
concern needs telling. `install(window)` adds it all; `brief_now(window, id)` is also what a
notification's "Brief now" action should call.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

from coach.i18n import _
from coach.model.concern import Concern
from coach.reminders import concern_nudge

from . import icons


def heating_up(window: Any) -> None:
    """From the selected commitment or owed reply: open "This is heating up…"."""
    # The dialogs load on first use, not before the window's first paint.
    from .concern_view import HeatingUpDialog, create_from, source_of

    current = window._current()
    if current is None:
        return
    item_id = current[0]

    def ask(suggested: tuple[str, str]) -> None:
        dialog = HeatingUpDialog(*suggested, parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            values = dialog.values()

            def added(concern_id: int) -> None:
                window.show_section(2)
                window._select_after_reload("concern", concern_id)
                window.statusBar().showMessage(_("Concern added: “{what}”.").format(
                    what=values["title"]), 6000)

            window.client.submit(lambda store: create_from(store, item_id, values), added,
                                 writes=True)

        dialog.accepted.connect(save)
        window.heating_up_dialog = dialog
        dialog.open()

    window.client.submit(lambda store: source_of(store, item_id), ask)


def open_log(window: Any, concern_id: int | None = None) -> None:
    """The concern's log and heat; the selected concern unless an id is given."""
    from .concern_view import ConcernDialog

    if concern_id is None:
        current = window._current()
        if current is None:
            return
        concern_id = current[0]
    dialog = ConcernDialog(window, concern_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.concern_dialog = dialog
    dialog.open()


def brief_now(window: Any, concern_id: int | None) -> None:
    """Open the briefing with this concern on top (also the notification's "Brief now")."""
    window.bring_to_front()
    try:
        from ..dialogs.briefing_dialog import BriefingDialog
    except ImportError:  # the briefing dialog not built into this copy: the plain briefing
        window.brief_manager()
        return
    dialog = BriefingDialog(window.client, window, focus_concern_id=concern_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.briefing = dialog
    dialog.open()


def needing_telling(store: Any) -> list[Concern]:
    return concern_nudge.open_needing_telling(store)


class Badge:
    """Concerns tab "Concerns (3 · 1 ⚑)" and a status-bar "Brief now" while one needs telling."""

    def __init__(self, window: Any) -> None:
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
        from ..background.rows import CONCERN
        from .concern_view import FLAG
        from .main_window import TAB_LABELS

        before = {c.id for c in self.flagged}
        self.flagged = flagged
        index = self.window.tabs.indexOf(self.window.concerns_view)
        label = _(TAB_LABELS[CONCERN])
        total = self.window.models[CONCERN].total
        if flagged:
            text = _("{label} ({shown} · {flagged} {flag})").format(
                label=label, shown=total, flagged=len(flagged), flag=FLAG)
        else:
            text = f"{label} ({total})" if total else label
        self.window.tabs.setTabText(index, text)
        if not flagged:
            self.button.hide()
            return
        top = flagged[0]
        self.button.setText(_("Brief your manager now: {title} (heat {heat})").format(
            title=top.title, heat=top.heat))
        self.button.setToolTip(_("Open the briefing with this concern on top."))
        self.button.show()
        if {c.id for c in flagged} - before:
            self.window.statusBar().showMessage(
                _("{flag} “{title}” is heating up: brief your manager now, before it "
                  "escalates.").format(flag=FLAG, title=top.title), 15_000)

    def _brief(self) -> None:
        if self.flagged:
            brief_now(self.window, self.flagged[0].id)


def install(window: Any) -> None:
    """Add the concern actions to the window's Items menu and lists, and the badge."""
    heating = QAction(icons.icon("heating-up"), _("This is &heating up…"), window)
    heating.setShortcut(QKeySequence("Ctrl+Shift+H"))
    heating.setStatusTip(_("Turn the selected commitment or reply into a concern"))
    heating.triggered.connect(lambda: heating_up(window))
    log = QAction(icons.icon("concern"), _("Concern &log and heat…"), window)
    log.setShortcut(QKeySequence("Ctrl+L"))
    log.triggered.connect(lambda: open_log(window))
    window.menus["items"].addSeparator()
    window.menus["items"].addActions([heating, log])
    window.commitments_view.add_view_actions([heating])
    window.replies_view.add_view_actions([heating])
    window.concerns_view.add_view_actions([log])
    window.heating_up_action, window.concern_log_action = heating, log
    window.concern_badge = Badge(window)
