"""The field-by-field merge on its own: pure, no server."""

from __future__ import annotations

from datetime import UTC, datetime

from coach.sync.merge import LOCAL, REMOTE, Kept, merge

T1 = datetime(2026, 11, 26, 15, tzinfo=UTC)
T2 = datetime(2026, 11, 26, 16, tzinfo=UTC)
BASE = {"title": "Quote", "due": "2026-11-27T08:00:00Z", "status": "open"}


def test_each_side_wins_the_fields_only_it_changed():
    mine = dict(BASE, title="Quote for Jansen")
    theirs = dict(BASE, due="2026-11-28T08:00:00Z")
    result = merge(BASE, mine, theirs, T1, T2)
    assert result.fields == {"title": "Quote for Jansen", "due": "2026-11-28T08:00:00Z",
                             "status": "open"}
    assert result.to_local == {"due": "2026-11-28T08:00:00Z"}
    assert result.to_remote and result.kept == []


def test_both_changed_the_newer_wins_and_the_other_is_kept():
    mine, theirs = dict(BASE, title="A"), dict(BASE, title="B")
    assert merge(BASE, mine, theirs, T1, T2).kept == [Kept("title", "A", LOCAL)]
    assert merge(BASE, mine, theirs, T2, T1).kept == [Kept("title", "B", REMOTE)]
    assert merge(BASE, mine, theirs, T2, T1).fields["title"] == "A"


def test_the_same_change_on_both_sides_is_no_conflict():
    both = dict(BASE, status="done")
    result = merge(BASE, both, dict(both), T1, T2)
    assert result.kept == [] and not result.to_remote and result.to_local == {}


def test_without_a_base_every_difference_is_a_conflict_and_ties_go_to_this_computer():
    result = merge(None, dict(BASE, title="A"), dict(BASE, title="B"), T1, T1)
    assert result.fields["title"] == "A" and result.kept == [Kept("title", "B", REMOTE)]
    assert merge(None, BASE, dict(BASE, title="B"), T1, None).fields["title"] == "Quote"
