"""Import into a database that already has items: ids move, references move with them."""

from __future__ import annotations

from coach.model import commitment
from coach.storage import exchange


def row(item_id: int, title: str, **fields) -> dict:
    return {"id": item_id, "title": title, "status": "open", "created": "2026-11-20T09:00:00Z",
            "updated": "2026-11-20T09:00:00Z", **fields}


def test_imported_items_whose_ids_are_taken_keep_their_references(store, now):
    for title in ("Mine 1", "Mine 2", "Mine 3"):
        commitment.add(store, commitment.new(title, now))
    data = {"format": exchange.FORMAT, "version": exchange.FORMAT_VERSION, "tables": {
        "commitments": [row(1, "Find out about the refund"),
                        row(4, "Call back about the refund", parent_id=1)],
        "concerns": [row(2, "Refund customer is angry", heat=3, source_id=4)],
        "concern_log": [{"concern_id": 2, "at": "2026-11-20T09:00:00Z", "kind": "created",
                         "heat": 3}],
        "promise_checks": [{"commitment_id": 1, "result": "not-yet", "answers": "{}",
                            "checked_at": "2026-11-20T09:00:00Z"}],
    }}
    assert exchange.import_data(store, data) == 3

    ids = {r["title"]: r["id"] for r in store.query("SELECT id, title FROM commitments")}
    assert {ids["Mine 1"], ids["Mine 2"], ids["Mine 3"]} == {1, 2, 3}  # untouched
    risky, get_back = ids["Find out about the refund"], ids["Call back about the refund"]
    assert risky not in (1, 2, 3) and get_back == 4  # a free id is kept as it was
    [(parent,)] = store.query("SELECT parent_id FROM commitments WHERE id = ?", (get_back,))
    assert parent == risky
    [(concern_id, source)] = store.query("SELECT id, source_id FROM concerns")
    assert source == get_back and concern_id not in (1, 2, 3, 4, risky)
    assert store.query("SELECT count(*) FROM concern_log WHERE concern_id = ?",
                       (concern_id,))[0][0] == 1
    assert store.query("SELECT result FROM promise_checks WHERE commitment_id = ?",
                       (risky,))[0][0] == "not-yet"
    # The next id handed out is above everything imported.
    assert commitment.add(store, commitment.new("After", now)).id > max(ids.values())
