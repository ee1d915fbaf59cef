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
    assert exchange.import_data(store, data) == (3, 0)

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


def test_importing_the_same_export_twice_adds_nothing_the_second_time(cli, tmp_path, data_dir):
    """Through the real command line: each item keeps its UUID through export and import."""
    assert cli("add", "Send the offer", "--to", "Mr Wilson", "--due", "tomorrow 10:00",
               "--check", "skip").code == 0
    assert cli("reply", "Frau Berg", "--via", "email", "--about", "Rechnung").code == 0
    assert cli("concern", "Server keeps failing", "--heat", "3").code == 0
    export = tmp_path / "everything.json"
    assert cli("export", str(export)).err == "Exported 3 items to everything.json.\n".replace(
        "everything.json", str(export))

    again = cli("import", str(export))  # into the very database it came from
    assert again.code == 0
    assert again.err == (f"Imported 0 items from {export}.\n"
                         "Skipped 3 items that are here already.\n")
    listed = cli("list").out
    assert listed.count("Send the offer") == 1 and listed.count("Frau Berg") == 1

    other = tmp_path / "other"
    env = {"COACH_DATA_DIR": str(other)}
    first = cli("import", str(export), env=env)
    assert first.err == f"Imported 3 items from {export}.\n"
    second = cli("import", str(export), env=env)
    assert second.err.endswith("Skipped 3 items that are here already.\n")
    assert cli("list", env=env).out.count("Send the offer") == 1
    assert cli("stats", "--json", env=env).out == cli("stats", "--json").out


def test_an_old_export_without_uuids_still_imports_and_gets_them(store, now):
    data = {"format": exchange.FORMAT, "version": exchange.FORMAT_VERSION, "tables": {
        "commitments": [row(7, "From an older version")]}}
    assert exchange.import_data(store, data) == (1, 0)
    [(uid,)] = store.query("SELECT uid FROM commitments WHERE id = 7")
    assert len(uid) == 36 and uid[14] == "4"
    added = commitment.add(store, commitment.new("Typed today", now))
    [(other,)] = store.query("SELECT uid FROM commitments WHERE id = ?", (added.id,))
    assert other and other != uid
