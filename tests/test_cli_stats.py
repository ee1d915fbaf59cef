"""`coach stats [--json]` against a real database holding the fixed history."""

from __future__ import annotations

import json

import pytest

from tests import stats_dataset as ds

CONTRACT_KEYS = ("promises_kept_on_time_pct", "replies_on_time_pct", "concerns_told_early_pct",
                 "days_since_last_briefing", "loops_closed_pct", "calibration")


@pytest.fixture
def filled(store):
    ds.fill(store)
    return store


def test_json_has_the_contract_keys_with_the_hand_computed_values(cli, filled):
    result = cli("stats", "--json")
    assert result.code == 0, result.err
    figures = json.loads(result.out)
    for key in CONTRACT_KEYS:
        assert figures[key] == ds.EXPECTED[key], key
    assert figures["reply_median_hours_by_channel"] == {"call": 4.0, "email": 24.0}
    assert len(figures["weekly"]) == 12
    assert figures["coaching"].startswith("4 of your last 8 promises")


def test_json_on_a_fresh_data_dir_is_all_null(cli):
    figures = json.loads(cli("stats", "--json").out)
    for key in CONTRACT_KEYS[:-1]:
        assert figures[key] is None, key
    assert figures["calibration"] == {"safe": None, "own-part": None, "not-yet": None,
                                      "skipped": None}


def test_text_summary_reads_as_sentences_and_ends_with_the_coaching_line(cli, filled):
    result = cli("stats")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Trust figures, last 90 days"
    assert any("Promises kept on time" in ln and "50%" in ln and "8 promises" in ln
               and "on average 12 h late" in ln for ln in lines)
    assert any("Replies on time" in ln and "60%" in ln and "call 4 h" in ln
               and "email 24 h" in ln for ln in lines)
    assert any("Last briefing" in ln and "4 days ago" in ln for ln in lines)
    assert any("Kept, by promise check" in ln and "safe 67%" in ln
               and "own part only 0%" in ln for ln in lines)
    assert lines[-1].startswith("4 of your last 8 promises were not kept on time")


def test_stats_changes_nothing_in_the_database(cli, filled, data_dir):
    from tests.conftest import db_dump

    before = db_dump(data_dir / "coach.db")
    assert cli("stats").code == 0
    assert cli("stats", "--json").code == 0
    assert db_dump(data_dir / "coach.db") == before


def test_unknown_option_is_one_clear_line(cli):
    result = cli("stats", "--csv")
    assert result.code == 2
    assert result.err.startswith("coach: ") and len(result.err.splitlines()) == 1
