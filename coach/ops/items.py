"""Operations that take any item id: find it, finish it, remove it, put it back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, concern, owed_reply, records
from coach.model.commitment import Commitment
from coach.model.concern import Concern
from coach.model.owed_reply import OwedReply
from coach.storage.store import Store
from coach.timing.timeutil import iso

Item = Commitment | OwedReply | Concern
KINDS: tuple[type, ...] = (Commitment, OwedReply, Concern)


def parse_id(text: object) -> int:
    value = str(text).strip().lstrip("#")
    if not value.isdigit() or len(value) > 18:
        raise CoachError(_('"{id}" is not an item id (ids are whole numbers).').format(id=text))
    return int(value)


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


def finish(store: Store, item: Item, now: datetime) -> Item:
    """Done for a commitment, returned for a reply, resolved for a concern."""
    if isinstance(item, Commitment):
        from coach.rules import close_loop
        from coach.storage import settings

        with store.write():
            commitment.close(store, item, now)
            # A manager's request done: the loop stays "pending" until they are told.
            close_loop.on_done(store, item, now, settings.get(store, "manager_name") or "")
            if item.rule:  # a recurring commitment: its next occurrence (coach.rhythm.series)
                from coach.rhythm.series import continue_after

                continue_after(store, item, now)
        return item
    if isinstance(item, OwedReply):
        return owed_reply.mark_returned(store, item, now)
    return concern.resolve(store, item, now)


def remove(store: Store, item: Item) -> dict[str, Any]:
    """Delete an item with what hangs off it; returns what `restore` needs to undo it."""
    saved: dict[str, Any] = {"kind": type(item).__name__, "row": records.to_row(item)}
    with store.write() as conn:
        if isinstance(item, Concern):
            saved["log"] = [dict(r) for r in conn.execute(
                "SELECT * FROM concern_log WHERE concern_id = ?", (item.id,))]
            conn.execute("DELETE FROM concern_log WHERE concern_id = ?", (item.id,))
        if isinstance(item, Commitment):
            check = conn.execute(
                "SELECT * FROM promise_checks WHERE commitment_id = ?", (item.id,)).fetchone()
            saved["check"] = dict(check) if check else None
            conn.execute("DELETE FROM promise_checks WHERE commitment_id = ?", (item.id,))
        records.delete(store, type(item), item.id)
    return saved


def _insert_row(conn, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))


def restore(store: Store, saved: dict[str, Any]) -> Item:
    cls = {c.__name__: c for c in KINDS}[saved["kind"]]
    with store.write() as conn:
        _insert_row(conn, cls.TABLE, saved["row"])
        for entry in saved.get("log", []):
            _insert_row(conn, "concern_log", entry)
        if saved.get("check"):
            _insert_row(conn, "promise_checks", saved["check"])
    return records.from_row(cls, saved["row"])


def kind_name(item: Item) -> str:
    return {Commitment: "commitment", OwedReply: "reply", Concern: "concern"}[type(item)]


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
                    told_at=iso(item.told_at, tz), told_heat=item.told_heat)
    return data
