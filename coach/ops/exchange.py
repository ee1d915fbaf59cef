"""Import as a user action: every row of the file passes coach.model.validate (the checks a
typed command passes, with the same messages) before anything is written; then one
transaction adds it all (coach.storage.exchange.import_data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.ops.changed import BRIEFING, ITEM_KINDS, SETTINGS, Changed
from coach.storage.store import Store


def import_data(store: Store, data: dict[str, Any]) -> Changed:
    """Add everything in an export (already read); `detail` is (items added, items skipped
    because they are here already)."""
    from coach.storage import exchange

    counts = exchange.import_data(store, data)
    return Changed(frozenset(ITEM_KINDS) | {BRIEFING, SETTINGS}, detail=counts)


def import_file(store: Store, path: Path) -> Changed:
    from coach.storage import exchange

    return import_data(store, exchange.read_export(path))
