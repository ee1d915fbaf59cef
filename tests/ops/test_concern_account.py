"""A concern's account: what happened, what I am doing and what I need, each only as said."""

from __future__ import annotations

import json

from coach.model import concern
from coach.storage.store import open_store
from tests.conftest import db_dump


def _concern(cli, cid: str) -> dict:
    return next(c for c in json.loads(cli("list", "--json").out)["concerns"]
                if str(c["id"]) == cid)


def test_the_three_fields_are_kept_and_the_briefing_says_them(cli):
    cid = cli("concern", "Server slow", "--heat", "4", "--happened",
              "Two outages since Monday", "--doing", "Moving the database").out.strip()
    assert cli("edit", cid, "--need", "A decision on the budget").code == 0
    item = _concern(cli, cid)
    assert (item["happened"], item["doing"], item["need"]) == (
        "Two outages since Monday", "Moving the database", "A decision on the budget")
    text = cli("brief").out
    assert "What happened: Two outages since Monday" in text
    assert "What I am doing: Moving the database" in text
    assert "What I need from you: A decision on the budget" in text


def test_a_note_alone_stays_a_note_and_nothing_is_invented(cli):
    cli("concern", "Printer contract unclear", "--heat", "5", "--note", "Ends in January")
    text = cli("brief").out
    assert "Note: Ends in January" in text
    assert "What I am doing" not in text and "What happened" not in text
    assert "What I need" not in text  # not even from the heat
    german = cli("brief", "--lang", "de").out
    assert "Notiz: Ends in January" in german and "Was ich" not in german


def test_bad_account_text_exits_2_and_changes_nothing(cli, data_dir):
    cid = cli("concern", "Server slow").out.strip()
    before = db_dump(data_dir / "coach.db")
    for args in (("concern", "Other", "--doing", "bad\x1btext"),
                 ("edit", cid, "--need", "x\u202e")):
        result = cli(*args)
        assert result.code == 2 and "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) == 1
    assert cli("edit", "abc", "--happened", "x").code == 2
    assert db_dump(data_dir / "coach.db") == before


def test_export_and_import_carry_the_account(cli, tmp_path, data_dir):
    cli("concern", "Server slow", "--happened", "It fell over", "--need", "Your OK")
    out = tmp_path / "export.json"
    assert cli("export", str(out)).code == 0
    other = tmp_path / "other"
    env = {"COACH_DATA_DIR": str(other)}
    assert cli("import", str(out), env=env).code == 0
    with open_store(other) as store:
        [item] = concern.list_open(store)
    assert (item.happened, item.doing, item.need) == ("It fell over", None, "Your OK")
    data = json.loads(out.read_text(encoding="utf-8"))
    data["tables"]["concerns"][0]["doing"] = "bad\x07"
    out.write_text(json.dumps(data), encoding="utf-8")
    refused = cli("import", str(out), env={"COACH_DATA_DIR": str(tmp_path / "third")})
    assert refused.code == 2 and "Traceback" not in refused.err
