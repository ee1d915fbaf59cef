"""What the window's item actions do: each asks (a dialog) and then calls one core operation
(coach.ops) in the worker through the undo stack, which records it only once it succeeded.

Functions of the main window (its public surface and its declared dialog attributes); split
from ui/window/main_window.py so that file stays about building and showing the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from coach.i18n import _
from coach.timing import timeutil

from ..background.rows import COMMITMENT

if TYPE_CHECKING:
    from coach.ops.changed import Changed

    from .main_window import MainWindow


def quick_add(window: MainWindow) -> None:
    if window.capture is None:
        from .capture import QuickCapture

        window.capture = QuickCapture(window)
        window.capture.save_requested.connect(lambda fields: add(window, COMMITMENT, fields))
        window.capture.details_requested.connect(
            lambda fields: new_item(window, COMMITMENT, fields))
    window.capture.open_fresh()


def add(window: MainWindow, kind: str, fields: dict[str, Any],
        hint: str | None = None) -> None:
    """Add an item from a dialog's fields (None: not given) and select it once it is shown;
    `hint` follows the "Added" message."""
    from coach.ops.add import add as add_item

    from ..background import undo

    fields = {k: v for k, v in fields.items() if v is not None}
    label = fields.get("title") or fields.get("who") or ""
    window.tabs.setCurrentWidget(window.view_of(kind))

    def added(changed: Changed) -> None:
        window.select_item(kind, changed.first)
        message = _("Added “{what}”.").format(what=label)
        window.show_message(f"{message} {hint}" if hint else message, 8000 if hint else 5000)

    undo.run(window.client, window.undo_stack, _(undo.ADD).format(what=label), set(),
             lambda store: add_item(store, kind, fields, timeutil.now()), added)


def new_item(window: MainWindow, kind: str, initial: dict[str, Any] | None = None) -> None:
    from ..dialogs.item_dialog import ItemDialog

    dialog = ItemDialog(window.client, kind, initial=initial, parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: add(window, kind, dialog.values(), _skipped_hint(dialog)))
    window.item_dialog = dialog
    dialog.open()


def _skipped_hint(dialog: Any) -> str | None:
    if not dialog.check_skipped:
        return None
    return _("The promise check was skipped; it counts as skipped in your statistics.")


def edit_current(window: MainWindow) -> None:
    from coach.ops import items

    current = window.current_item()
    if current is None:
        return
    item_id, what = current
    kind = window.current_view().kind
    window.client.submit(lambda store: items.require(store, item_id),
                         lambda item: _open_editor(window, kind, item, what))


def _open_editor(window: MainWindow, kind: str, item: Any, what: str) -> None:
    from ..dialogs.item_dialog import ItemDialog

    dialog = ItemDialog(window.client, kind, item=item, parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def save() -> None:
        from coach.ops.edit import edit

        from ..background import undo

        changes = dialog.changes()
        if not changes:
            return
        done = changes.get("status") == "done"
        undo.run(window.client, window.undo_stack, _(undo.EDIT).format(what=what), {item.id},
                 lambda store: edit(store, item.id, changes, timeutil.now()),
                 (lambda _changed: offer_close_loop(window, item.id)) if done else None)

    dialog.accepted.connect(save)
    window.item_dialog = dialog
    dialog.open()


def done_current(window: MainWindow) -> None:
    from coach.ops.finish import finish

    from ..background import undo

    current = window.current_item()
    if current is None:
        return
    item_id, what = current
    kind = window.current_view().kind

    def finished(_changed: Changed) -> None:
        _after_removal(window, _("Done: “{what}”. Undo with {keys}."), what)
        if kind == COMMITMENT:  # a manager's request? offer to tell them
            offer_close_loop(window, item_id)

    undo.run(window.client, window.undo_stack, _(undo.DONE).format(what=what), {item_id},
             lambda store: finish(store, item_id, timeutil.now()), finished)


def delete_current(window: MainWindow) -> None:
    from coach.ops.delete import delete

    from ..background import undo

    current = window.current_item()
    if current is None:
        return
    item_id, what = current
    undo.run(window.client, window.undo_stack, _(undo.DELETE).format(what=what), {item_id},
             lambda store: delete(store, item_id),
             lambda _changed: _after_removal(window, _("Deleted “{what}”. Undo with {keys}."),
                                             what))


def _after_removal(window: MainWindow, message: str, what: str) -> None:
    keys = window.actions.undo.shortcut().toString()
    window.show_message(message.format(what=what, keys=keys), 8000)
    view = window.current_view()
    row = view.current_row()

    def reselect(_snapshot=None) -> None:
        window.client.loaded.disconnect(reselect)
        view.select_row(row)  # the next item moves up into the same place

    window.client.loaded.connect(reselect)


def offer_close_loop(window: MainWindow, item_id: int) -> None:
    """After a commitment was done: if the manager should hear of it, ask how to tell them."""
    from ..dialogs.close_loop_dialog import CloseLoopDialog, pending_offer, recorded_message

    def show(offer) -> None:
        if offer is None:
            return
        dialog = CloseLoopDialog(offer, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(choice: str) -> None:
            from coach.ops.finish import close_loop

            def recorded(changed: Changed) -> None:
                window.show_message(recorded_message(choice, changed.detail), 8000)

            window.client.submit(
                lambda store: close_loop(store, item_id, choice, timeutil.now()), recorded,
                writes=True)

        dialog.chosen.connect(chosen)
        window.close_loop_dialog = dialog
        dialog.open()

    window.client.submit(lambda store: pending_offer(store, item_id), show)


def pause_reminders(window: MainWindow) -> None:
    from coach.ops.pause import pause_reminders as pause

    def paused(changed: Changed) -> None:
        from coach.timing.display import local

        window.show_message(_("Reminders paused until {time}.").format(
            time=local(changed.detail, fmt="HH:mm")), 10_000)

    window.client.submit(lambda store: pause(store, timeutil.now()), paused, writes=True)
