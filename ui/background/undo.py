"""The window's undo stack over the core's undo (coach.ops.undo).

An action runs in the worker as `coach.ops.undo.record(store, targets, operation)`; only when
it succeeded is a command pushed, holding the rows from before and after. So a failed action
leaves no entry behind, and undo/redo are plain "put these rows back" jobs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from coach.i18n import N_

from ..system.plain import action_text

if TYPE_CHECKING:  # the store and its operations load in the worker, not at start-up
    from coach.ops.changed import Changed
    from coach.ops.undo import Undoable

    from .worker import StoreClient

Operation = Callable[[Any], "Changed"]


class StoreCommand(QUndoCommand):
    """Undo and redo of an action that already happened (its first redo is the push)."""

    def __init__(self, client: StoreClient, text: str, undoable: Undoable) -> None:
        # The text becomes the Edit menu's "Undo …" entry: a title's "&" must stay an "&".
        super().__init__(action_text(text))
        self.client, self.undoable = client, undoable
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(): the action ran already
            self._pushed = True
            return
        self.client.submit(self.undoable.redo, writes=True)

    def undo(self) -> None:
        self.client.submit(self.undoable.undo, writes=True)


def run(client: StoreClient, stack: QUndoStack, text: str, targets: set[int],
        operation: Operation, on_done: Callable[[Changed], None] | None = None,
        on_error: Callable[[str], None] | None = None) -> None:
    """Run `operation(store)` on the items `targets` in the worker, undoably."""
    from coach.ops import undo

    def job(store) -> Undoable:
        return undo.record(store, frozenset(targets), operation)

    def done(undoable: Undoable) -> None:
        stack.push(StoreCommand(client, text, undoable))
        if on_done is not None:
            on_done(undoable.changed)

    client.submit(job, done, on_error, writes=True)


ADD, DONE, DELETE, EDIT = (N_("Add “{what}”"), N_("Done: “{what}”"), N_("Delete “{what}”"),
                           N_("Edit “{what}”"))
