"""The section models: Qt's model tester, roles, paging of large lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

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


def test_a_hundred_thousand_rows_are_paged(qapp, qtmodeltester):
    model = SectionModel(COMMITMENT)
    many = rows(COMMITMENT, 100_000)
    model.set_rows(many, NOW)
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE
    assert model.row_of(99_999) == 99_998  # finding an item pages it in
    assert model.rowCount() == 100_000
    assert not model.canFetchMore(QModelIndex())
