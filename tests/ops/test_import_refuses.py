"""Import refuses what the command line refuses, with the command line's message, and
changes nothing."""

from __future__ import annotations

import json

import pytest

from coach.errors import CoachError
from coach.model import validate
from coach.storage import exchange, settings
from tests.conftest import db_dump

ITEM = {"id": 5, "title": "Send the offer", "status": "open",
        "created": "2026-11-20T08:00:00Z", "updated": "2026-11-20T08:00:00Z"}
CONCERN = {"id": 6, "title": "ACME unhappy", "heat": 2, "status": "open",
           "created": "2026-11-20T08:00:00Z", "updated": "2026-11-20T08:00:00Z"}


def _file(tmp_path, **tables):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": exchange.FORMAT, "version": 1, "schema": 1,
                                "tables": tables}), encoding="utf-8")
    return path


def _message(check) -> str:
    with pytest.raises(CoachError) as caught:
        check()
    return str(caught.value)


def _cli_message(cli, *args: str) -> str:
    result = cli(*args)
    assert result.code == 2 and result.out == ""
    return result.err.strip().removeprefix("coach: ")


CASES = {
    "a 10 MB title": (
        {"commitments": [dict(ITEM, title="x" * 10_000_000)]},
        # Too long for a command line itself; `coach add` checks its title with this:
        lambda cli: _message(lambda: validate.title("x" * 10_000_000))),
    "heat 999": (
        {"concerns": [dict(CONCERN, heat=999)]},
        lambda cli: _cli_message(cli, "concern", "ACME unhappy", "--heat", "999")),
    "an id of 2^63": (
        {"commitments": [dict(ITEM, id=2**63)]},
        lambda cli: _cli_message(cli, "done", str(2**63))),
    "an unknown status": (
        {"commitments": [dict(ITEM, status="pending")]},
        lambda cli: _message(lambda: validate.status("commitment", "pending"))),
    "a setting that is not JSON": (
        {"settings": [{"key": "work_end", "value": "17:00"}]},
        lambda cli: _message(lambda: settings.parse("work_end", "17:00"))),
}


@pytest.mark.parametrize("case", CASES)
def test_import_refuses_with_the_command_lines_message(case, cli, data_dir, tmp_path):
    tables, expected = CASES[case]
    assert cli("add", "Already here").code == 0
    before = db_dump(data_dir / "coach.db")
    message = _cli_message(cli, "import", str(_file(tmp_path, **tables)))
    # The import says which way in refused it, then the command line's very sentence.
    assert message.endswith(expected(cli)), message
    assert db_dump(data_dir / "coach.db") == before
