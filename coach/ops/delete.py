"""Deleting an item with everything that hangs off it, and restoring it as it was."""

from __future__ import annotations

from coach.ops import items, undo
from coach.ops.changed import Changed, of
from coach.storage.store import Store


def delete(store: Store, item_id: object) -> Changed:
    """Delete the item, its check, its log and its notification record; `detail` holds the
    rows that `restore` puts back."""
    with store.write():
        item = items.require(store, item_id)
        saved = undo.take(store, frozenset({item.id}))
        undo.put_back(store, undo.Rows(saved.ids, ()))
    return of(items.kind_name(item), item.id, detail=saved)


def restore(store: Store, saved: undo.Rows) -> Changed:
    """Put deleted items back with their ids, exactly as `delete` found them."""
    with store.write():
        undo.put_back(store, saved)
        found = [items.find(store, i) for i in sorted(saved.ids)]
    kinds = frozenset(items.kind_name(i) for i in found if i is not None)
    return Changed(kinds, saved.ids, (), None)
