"""Concerns: change the heat (logged), record that the manager was told, and "This is heating
up…", a concern grown out of a commitment or owed reply (its source kept)."""

from __future__ import annotations

from datetime import datetime

from coach.i18n import _
from coach.model import concern
from coach.model.owed_reply import OwedReply
from coach.ops import items
from coach.ops.add import add_concern
from coach.ops.changed import CONCERN, Changed, of
from coach.storage.store import Store
from coach.wording.german import subj


def heat(store: Store, item_id: object, value: object, now: datetime,
         note: str | None = None, message: dict | None = None) -> Changed:
    """A new heat, logged with a typed `note` or the app's `message` (coach.wording.texts)."""
    level = concern.check_heat(value)  # before the id: a bad heat is the first thing said
    with store.write():
        item = items.require_concern(store, item_id)
        concern.set_heat(store, item, level, now, note, message)
    return of(CONCERN, item.id)


def told(store: Store, item_id: object, now: datetime, note: str | None = None) -> Changed:
    """The manager heard of it at this heat; nudges stay quiet until the heat rises again."""
    with store.write():
        item = items.require_concern(store, item_id)
        concern.mark_told(store, item, now, note)
    return of(CONCERN, item.id)


def suggested_from(store: Store, item_id: object) -> tuple[str, str]:
    """The concern's title and who, as "This is heating up…" first suggests them."""
    item = items.require(store, item_id)
    if isinstance(item, OwedReply):
        about = f": {item.about}" if item.about else ""
        return _("{who} is waiting for an answer{about}").format(who=subj(item.who),
                                                                 about=about), item.who
    if isinstance(item, concern.Concern):
        return item.title, item.who or ""
    return item.title, item.recipient or ""


def heating_up(store: Store, source_id: object, title: str, now: datetime, *,
               heat: object = 3, who: str | None = None, note: str | None = None) -> Changed:
    with store.write():
        source = items.require(store, source_id)
        return add_concern(store, title, now, heat=heat, who=who, note=note,
                           source_id=source.id)
