"""Undoable actions: each pairs a store operation with its inverse, both run by the worker.

QUndoStack calls redo() on push, so pushing a command performs it. The command's `state`
dict is filled in by the worker (the new id, the removed rows, the fields before an edit),
and the inverse runs after it in the same worker queue, so it always finds that state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtGui import QUndoCommand

from coach.i18n import _
from coach.timing import timeutil

from . import ops
from .worker import StoreClient


class StoreCommand(QUndoCommand):
    def __init__(self, client: StoreClient, text: str, do: Callable, undo: Callable,
                 on_done: Callable[[Any], None] | None = None) -> None:
        super().__init__(text)
        self.client = client
        self.state: dict[str, Any] = {}
        self._do, self._undo, self._on_done = do, undo, on_done

    def redo(self) -> None:
        self.client.submit(partial(self._do, state=self.state), self._on_done, writes=True)

    def undo(self) -> None:
        self.client.submit(partial(self._undo, state=self.state), writes=True)


def _now() -> Any:
    return timeutil.now()


def add_command(client: StoreClient, kind: str, fields: dict[str, Any], label: str,
                on_done: Callable[[int], None] | None = None) -> StoreCommand:
    def do(store, state):
        return ops.add(store, state, kind, fields, _now())

    return StoreCommand(client, _("Add “{what}”").format(what=label), do, ops.unadd, on_done)


def done_command(client: StoreClient, item_id: int, label: str) -> StoreCommand:
    def do(store, state):
        ops.finish(store, state, item_id, _now())

    return StoreCommand(client, _("Done: “{what}”").format(what=label), do, ops.revert)


def delete_command(client: StoreClient, item_id: int, label: str) -> StoreCommand:
    def do(store, state):
        ops.remove(store, state, item_id)

    return StoreCommand(client, _("Delete “{what}”").format(what=label), do, ops.unremove)


def edit_command(client: StoreClient, item_id: int, changes: dict[str, Any],
                 label: str) -> StoreCommand:
    def do(store, state):
        ops.edit(store, state, item_id, changes, _now())

    return StoreCommand(client, _("Edit “{what}”").format(what=label), do, ops.revert)
