"""Acting on a promise in the window: Renegotiate…, Snooze… and Manager approved (OK).

The same operations as `coach renegotiate`, `coach snooze` and `coach ok`
(coach.ops.renegotiate, .snooze, .approve), run in the worker through the undo stack. A
commitment reminder's "Ask for more time" opens Renegotiate… on its item. Built by
ui/window/compose.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from coach.i18n import N_, _
from coach.timing import timeutil

from ..background import undo
from ..background.rows import COMMITMENT, REPLY
from . import icons

if TYPE_CHECKING:
    from coach.ops.changed import Changed

    from .main_window import MainWindow

RENEGOTIATE, SNOOZE, APPROVE = (N_("Renegotiate “{what}”"), N_("Snooze “{what}”"),
                                N_("Manager's OK for “{what}”"))


def _renegotiated(item_id: int, new_due: datetime, reason: str | None):
    def operation(store) -> Changed:
        from coach.ops import items, renegotiate
        from coach.ops.changed import of

        done = renegotiate.renegotiate(store, items.require(store, item_id), new_due,
                                       timeutil.now(), reason)
        return of(COMMITMENT, item_id, detail=done)
    return operation


def _snoozed(item_id: int, until: datetime):
    def operation(store) -> Changed:
        from coach.ops import items, snooze
        from coach.ops.changed import of

        item = snooze.snooze(store, item_id, until, timeutil.now())
        return of(items.kind_name(item), item_id)
    return operation


def _approved(item_id: int):
    def operation(store) -> Changed:
        from coach.ops import approve, items
        from coach.ops.changed import of

        approve.approve(store, items.require(store, item_id), timeutil.now())
        return of(COMMITMENT, item_id)
    return operation


def _load(item_id: int):
    def job(store) -> Any:
        from coach.ops import items

        return items.require(store, item_id)
    return job


class CommitmentActions:
    """Items → Renegotiate… (Ctrl+Shift+T), Snooze… (Ctrl+Shift+S), Manager approved (OK)
    (Ctrl+Shift+O); also in the lists' context menus."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.renegotiate_dialog: QDialog | None = None
        self.snooze_dialog: QDialog | None = None
        self.renegotiate_action = self._action(
            _("Re&negotiate…"), "Ctrl+Shift+T", self.renegotiate,
            _("Ask for more time: a new date and an honest message to send"), "advice-later")
        self.snooze_action = self._action(
            _("&Snooze…"), "Ctrl+Shift+S", self.snooze,
            _("Hold the reminders about this item until later"), "pause")
        self.approve_action = self._action(
            _("Manager &approved (OK)"), "Ctrl+Shift+O", self.approve,
            _("Your manager gave the OK this promise was waiting for"), "done")

    def _action(self, text: str, keys: str, slot, tip: str, icon: str) -> QAction:
        action = QAction(icons.icon(icon), text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    @property
    def actions(self) -> list[QAction]:
        return [self.renegotiate_action, self.snooze_action, self.approve_action]

    def _selected(self, kinds: tuple[str, ...]) -> tuple[int, str] | None:
        view = self.window.current_view()
        if getattr(view, "kind", None) not in kinds:
            self.window.show_message(_("Select a commitment first.") if kinds == (COMMITMENT,)
                                     else _("Select a commitment or an owed reply first."),
                                     4000)
            return None
        return self.window.current_item()

    # --- Renegotiate… ---------------------------------------------------------------------
    def renegotiate(self) -> None:
        current = self._selected((COMMITMENT,))
        if current is not None:
            self.open_renegotiate(current[0])

    def open_renegotiate(self, item_id: int) -> None:
        """Renegotiate… on this commitment (also a reminder's "Ask for more time")."""
        window = self.window
        view = window.view_of(COMMITMENT)
        window.tabs.setCurrentWidget(view)
        view.select_id(item_id)
        window.client.submit(_load(item_id), self._ask_renegotiate, window.show_error)

    def _ask_renegotiate(self, item: Any) -> None:
        from ..dialogs.renegotiate_dialog import RenegotiateDialog

        window = self.window
        if window.isHidden() or window.isMinimized():
            window.bring_to_front()
        dialog = RenegotiateDialog(window.client, item.id, item.title, item.due, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.requested.connect(self._renegotiate)
        self.renegotiate_dialog = dialog
        dialog.open()

    def _renegotiate(self, new_due: datetime, reason: str | None) -> None:
        dialog = self.renegotiate_dialog
        if dialog is None:
            return
        item_id, what = dialog.item_id, dialog.title

        def done(changed: Changed) -> None:
            shown = self.renegotiate_dialog
            if shown is not None:
                shown.show_done(changed.detail.message, changed.detail.in_time)
            self.window.show_message(_("Renegotiated: “{what}”.").format(what=what), 6000)

        def failed(message: str) -> None:
            shown = self.renegotiate_dialog
            if shown is not None:
                shown.show_error(message)

        undo.run(self.window.client, self.window.undo_stack, _(RENEGOTIATE).format(what=what),
                 {item_id}, _renegotiated(item_id, new_due, reason), done, failed)

    # --- Snooze… ------------------------------------------------------------------------
    def snooze(self) -> None:
        from ..dialogs.snooze_dialog import SnoozeDialog

        current = self._selected((COMMITMENT, REPLY))
        if current is None:
            return
        dialog = SnoozeDialog(current[0], current[1], self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.requested.connect(self._snooze)
        self.snooze_dialog = dialog
        dialog.open()

    def _snooze(self, until: datetime) -> None:
        from coach.timing.display import day_and_time

        dialog = self.snooze_dialog
        if dialog is None:
            return
        item_id, what = dialog.item_id, dialog.title
        message = _("Snoozed until {when}.").format(when=day_and_time(until))
        undo.run(self.window.client, self.window.undo_stack, _(SNOOZE).format(what=what),
                 {item_id}, _snoozed(item_id, until),
                 lambda _changed: self.window.show_message(message, 6000),
                 self.window.show_error)

    # --- Manager approved (OK) ----------------------------------------------------------
    def approve(self) -> None:
        current = self._selected((COMMITMENT,))
        if current is None:
            return
        item_id, what = current
        undo.run(self.window.client, self.window.undo_stack, _(APPROVE).format(what=what),
                 {item_id}, _approved(item_id),
                 lambda _changed: self.window.show_message(
                     _("Your manager's OK is recorded: “{what}”.").format(what=what), 6000),
                 self.window.show_error)
