"""The section models: Qt's model tester, roles, paging of large lists."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from ui.background.rows import COMMITMENT, CONCERN, KINDS, REPLY, Row
from ui.window.models import PAGE, STATUS, WHAT, WHEN, ItemIdRole, SectionModel

NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


def rows(kind: str, n: int) -> list[Row]:
    return [Row(i, kind, f"item {i}", f"person {i % 7}", NOW + timedelta(hours=i - n // 2),
                urgent=i % 5 == 0, heat=1 + i % 5, channel="email" if i % 2 else "call",
                note="note" if i % 3 else "")
            for i in range(1, n + 1)]


@pytest.mark.parametrize("kind", KINDS)
def test_qtmodeltester_on_every_section_model(qtmodeltester, kind):
    model = SectionModel(kind)
    qtmodeltester.check(model)  # empty
    model.set_rows(rows(kind, 40), NOW)
    qtmodeltester.check(model)
    model.set_now(NOW + timedelta(days=1))
    qtmodeltester.check(model)


def test_roles_of_an_overdue_commitment(qapp):
    model = SectionModel(COMMITMENT)
    model.set_rows([Row(7, COMMITMENT, "Call Jim", "Jim", NOW - timedelta(days=1)),
                    Row(8, COMMITMENT, "Mail Ann", "Ann", NOW + timedelta(hours=2))], NOW)
    late, fine = model.index(0, WHEN), model.index(1, WHEN)
    assert late.data() == "overdue, 1 day ago"
    assert fine.data() == "in 2 hours"
    assert late.data(Qt.ItemDataRole.DecorationRole) is not None
    assert fine.data(Qt.ItemDataRole.DecorationRole) is None
    assert late.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert fine.data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, STATUS).data() == "overdue"
    assert model.index(0, WHAT).data(ItemIdRole) == 7
    assert "Call Jim" in model.index(0, WHAT).data(Qt.ItemDataRole.ToolTipRole)


def test_relative_times_follow_the_clock(qapp):
    model = SectionModel(REPLY)
    model.set_rows([Row(1, REPLY, "", "Frau Schneider", NOW + timedelta(hours=1),
                        channel="voicemail")], NOW)
    assert model.index(0, WHEN).data() == "in 1 hour"
    assert model.index(0, WHAT).data() == "Voicemail"  # no subject: the channel
    model.set_now(NOW + timedelta(hours=3))
    assert model.index(0, WHEN).data() == "overdue, 2 hours ago"


def test_concern_heat_status(qapp):
    model = SectionModel(CONCERN)
    model.set_rows([Row(1, CONCERN, "ACME angry", "Jim", NOW, heat=5)], NOW)
    assert model.index(0, STATUS).data() == "5/5 exploding"
    assert model.index(0, STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "overdue" not in model.index(0, WHEN).data()


def test_a_big_list_comes_a_page_at_a_time_then_in_the_exact_order(
        open_window, data_dir, qtbot, qtmodeltester, monkeypatch, cli):
    """First page in the coarse (index) order, other pages on demand, then the exact one."""
    from benchmarks.generate import generate
    from coach.ops.listing import lists

    generate(data_dir, 900, 40, 4)
    monkeypatch.setattr(lists, "INLINE", 50)  # "big" from 50 rows, to keep the test quick
    exact_ids = [c["id"] for c in json.loads(cli("list", "--json").out)["commitments"]]
    window = open_window()
    model = window.models[COMMITMENT]
    assert model.rowCount() == len(exact_ids) > 3 * PAGE  # every row, from the first load
    assert not model.exact  # the coarse order first: overdue, due time, urgent
    assert model.index(0, WHAT).data(ItemIdRole) is not None
    far = model.index(3 * PAGE + 1, WHAT)
    if model.row_at(far.row()) is None:
        assert far.data() == "Loading…"  # never an empty row
    qtbot.waitUntil(lambda: model.exact, timeout=20_000)  # ranked on its own thread
    qtbot.waitUntil(lambda: model.row_at(3 * PAGE + 1) is not None, timeout=5000)
    qtmodeltester.check(model)
    shown = [model.index(r, WHAT).data(ItemIdRole) for r in range(PAGE)]
    assert shown == exact_ids[:PAGE]  # the one urgency order, as `coach list` prints it
    qtbot.waitUntil(lambda: model.index(2 * PAGE + 5, WHAT).data(ItemIdRole) is not None,
                    timeout=5000)
    row = model.index(2 * PAGE + 5, WHAT).data(ItemIdRole)
    assert row == exact_ids[2 * PAGE + 5]


def test_a_page_for_a_replaced_list_is_dropped(qapp):
    model = SectionModel(COMMITMENT)
    model.set_rows(rows(COMMITMENT, 10), NOW)
    model.add_page(99, 0, rows(COMMITMENT, 3))  # an answer for an older list
    assert model.rowCount() == 10 and model.row_at(0).id == 1
