"""Any item by its id: find it, require it (with the message every way in shows), its JSON."""

from __future__ import annotations

from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import records, validate
from coach.model.commitment import Commitment
from coach.model.concern import Concern
from coach.model.owed_reply import OwedReply
from coach.ops.changed import COMMITMENT, CONCERN, REPLY
from coach.storage.store import Store
from coach.timing.timeutil import iso

Item = Commitment | OwedReply | Concern
KINDS: tuple[type, ...] = (Commitment, OwedReply, Concern)
KIND_NAMES: dict[type, str] = {Commitment: COMMITMENT, OwedReply: REPLY, Concern: CONCERN}


def parse_id(text: object) -> int:
    return validate.item_id(text)


def find(store: Store, item_id: int) -> Item | None:
    for cls in KINDS:
        item = records.fetch(store, cls, item_id)
        if item is not None:
            return item
    return None


def require(store: Store, text: object) -> Item:
    item_id = parse_id(text)
    item = find(store, item_id)
    if item is None:
        raise CoachError(_("There is no item with id {id}.").format(id=item_id))
    return item


def require_concern(store: Store, text: object) -> Concern:
    item = require(store, text)
    if not isinstance(item, Concern):
        raise CoachError(_("Item {id} is not a concern.").format(id=item.id))
    return item


def require_open(store: Store, text: object) -> Item:
    item = require(store, text)
    if not item.is_open:
        raise CoachError(_("Item {id} is already closed ({status}).").format(
            id=item.id, status=_(item.status)))
    return item


def kind_name(item: Item) -> str:
    return KIND_NAMES[type(item)]


def to_json(item: Item, tz=None) -> dict[str, Any]:
    """The public JSON form used by `coach list --json` (a stable contract)."""
    data: dict[str, Any] = {"id": item.id, "kind": kind_name(item), "status": item.status}
    if isinstance(item, Commitment):
        data.update(title=item.title, to=item.recipient, due=iso(item.due, tz),
                    note=item.note, urgent=item.urgent, confidence=item.confidence,
                    outcome=item.outcome, closed=iso(item.closed, tz),
                    # Attached by the query that loaded the item (listing joins it in).
                    check=item.extra.get("check"))
    elif isinstance(item, OwedReply):
        data.update(who=item.who, via=item.channel, about=item.about,
                    received=iso(item.received, tz), reply_by=iso(item.reply_by, tz),
                    urgent=item.urgent, returned=iso(item.returned, tz))
    else:
        data.update(title=item.title, who=item.who, heat=item.heat, note=item.note,
                    happened=item.happened, doing=item.doing, need=item.need,
                    told_at=iso(item.told_at, tz), told_heat=item.told_heat)
    return data
