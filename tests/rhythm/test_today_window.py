"""The window's Today view shows what `coach today --json` prints, and acts with one key."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from coach.model import recurrence
from coach.rhythm import series
from coach.storage.store import open_store
from tests.rhythm.helpers import BERLIN, a_day, at
from ui.today.model import RowTypeRole

NOW = "2026-11-26T13:00:00+01:00"


def _seed(data_dir) -> dict[str, int]:
    with open_store(data_dir) as store:
        ids = a_day(store)
        rule = recurrence.parse("every Thursday 4:30pm", at("2026-11-26 08:00"), BERLIN)
        ids["weekly"] = series.add(store, series.new_series(
            "Weekly report to Petra", rule, at("2026-11-26 08:00"), recipient="Petra Lang")).id
    return ids


def _open_today(qtbot, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: window.today.today is not None, timeout=10_000)
    return window


def test_the_window_opens_on_today_with_the_same_content_as_coach_today_json(
        qtbot, cli, data_dir, open_window, monkeypatch):
    monkeypatch.setenv("COACH_NOW", NOW)
    _seed(data_dir)
    printed = json.loads(cli("today", "--json", now=NOW).out)
    window = _open_today(qtbot, open_window)
    assert window.tabs.currentWidget() is window.today_view
    assert window.tabs.tabText(0) == f"Today ({printed['count']})"
    assert window.today_view.rows_as_json() == printed["sections"]
    assert window.today_view.date_label.text() == printed["headline"]
    assert window.today_view.summary.text() == printed["summary"]
    # The cards on top say what the printout ends with: Wednesday's review to catch up.
    model = window.today_view.model
    cards = [model.index(row, 0).data() for row in range(model.rowCount())
             if model.card_at(row) is not None]
    assert printed["review"]["kind"] == "catch-up" and printed["briefing"] is None
    assert cards == [printed["review"]["text"] + "\nV: start the review"]


def test_one_key_actions_on_today(qtbot, data_dir, open_window, monkeypatch, cli):
    monkeypatch.setenv("COACH_NOW", NOW)
    ids = _seed(data_dir)
    window = _open_today(qtbot, open_window)
    view = window.today_view
    view.list.setFocus()
    # T: the manager was told about the hot concern; it leaves Today.
    assert view.select_id(ids["acme"])
    with qtbot.waitSignal(window.today.shown, timeout=10_000):
        qtbot.keyClick(view.list, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: window.today.today.entry(ids["acme"]) is None, timeout=10_000)
    # R: the call is returned.
    assert view.select_id(ids["call"])
    qtbot.keyClick(view.list, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: window.today.today.entry(ids["call"]) is None, timeout=10_000)
    # S: this week's report is skipped; the next one is planned and the skip recorded.
    assert view.select_id(ids["weekly"])
    qtbot.keyClick(view.list, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: window.today.today.entry(ids["weekly"]) is None, timeout=10_000)
    listed = {c["id"]: c for c in json.loads(cli("list", "--json", now=NOW).out)["commitments"]}
    assert listed[ids["weekly"]]["due"] == "2026-12-03T16:30:00+01:00"
    # D: done through the window's own Done, so it can be undone.
    assert view.select_id(ids["slides"])
    qtbot.keyClick(view.list, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.today.today.entry(ids["slides"]) is None, timeout=10_000)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.today.today.entry(ids["slides"]) is not None, timeout=10_000)
    # Ctrl+Z once more takes the skip back exactly: today's report is due again, and the
    # statistics no longer count a skip.
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.today.today.entry(ids["weekly"]) is not None, timeout=10_000)
    listed = {c["id"]: c for c in json.loads(cli("list", "--json", now=NOW).out)["commitments"]}
    assert listed[ids["weekly"]]["due"] == "2026-11-26T16:30:00+01:00"
    stats = json.loads(cli("stats", "--json", now=NOW).out)
    assert stats["rhythm"]["occurrences_skipped"] == 0
    # Ctrl+1 still opens the commitments list, Ctrl+0 comes back to Today.
    window.show_section(0)
    assert window.tabs.currentWidget() is window.commitments_view
    window.today_action.trigger()
    assert window.tabs.currentWidget() is view


def test_quick_add_understands_a_recurring_rule(qtbot, data_dir, open_window, monkeypatch, cli):
    monkeypatch.setenv("COACH_NOW", NOW)
    window = open_window()
    window.quick_add()
    window.capture.line.setText("Send Petra the weekly report jeden Freitag 9 Uhr")
    assert window.capture.preview.text().startswith(
        "“Send Petra the weekly report” · every Friday, 09:00, first")
    with qtbot.waitSignal(window.snapshot_shown, timeout=10_000):
        window.capture.accept()
    [row] = json.loads(cli("list", "--json", now=NOW).out)["commitments"]
    assert (row["title"], row["due"]) == ("Send Petra the weekly report",
                                          "2026-11-27T09:00:00+01:00")
    assert cli("done", str(row["id"]), now=NOW).code == 0
    [nxt] = json.loads(cli("list", "--json", now=NOW).out)["commitments"]
    assert nxt["due"] == "2026-12-04T09:00:00+01:00"


def test_a_long_section_shows_its_first_entries_and_a_line_that_opens_the_list(
        qtbot, cli, data_dir, open_window, monkeypatch):
    from coach.model import commitment
    from coach.rhythm.today import SECTION_LIMIT
    from ui.today.model import MORE

    monkeypatch.setenv("COACH_NOW", NOW)
    with open_store(data_dir) as store:
        for n in range(SECTION_LIMIT + 5):
            commitment.add(store, commitment.new(
                f"Overdue promise {n:02}", at("2026-11-20 08:00"),
                due=at("2026-11-20 09:00").replace(minute=n)))
    window = _open_today(qtbot, open_window)
    view = window.today_view
    model = view.model
    rows = [(model.index(r).data(RowTypeRole), model.index(r).data()) for r in
            range(model.rowCount())]
    entries = [text for kind, text in rows if kind == "entry"]
    assert entries == [f"Overdue promise {n:02}" for n in range(SECTION_LIMIT)]
    assert rows[-1] == (MORE, "and 5 more")
    # The header and the tab count all of them, the summary too.
    assert window.tabs.tabText(0) == f"Today ({SECTION_LIMIT + 5})"
    assert view.summary.text() == f"{SECTION_LIMIT + 5} overdue"
    printed = json.loads(cli("today", "--json", now=NOW).out)
    assert view.rows_as_json() == printed["sections"]
    assert printed["sections"][0]["more"] == 5
    # Keyboard: End goes to the last row, Enter opens the commitments list with all of them.
    view.list.setFocus()
    view.select_row(0)
    qtbot.keyClick(view.list, Qt.Key.Key_End)
    assert model.more_at(view.current_row()) == "overdue"
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.commitments_view
    assert window.commitments_view.model.rowCount() == SECTION_LIMIT + 5
    # A click on the line does the same (the line is a link, one click).
    window.today_action.trigger()
    more = model.index(model.rowCount() - 1)
    view.list.scrollTo(more)
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.list.visualRect(more).center())
    assert window.tabs.currentWidget() is window.commitments_view


def test_the_minute_refresh_follows_the_clock_and_keeps_an_unchanged_page(
        qtbot, data_dir, open_window, monkeypatch):
    monkeypatch.setenv("COACH_NOW", NOW)
    _seed(data_dir)
    window = _open_today(qtbot, open_window)
    controller = window.today
    shown = controller.today
    # A minute passes and nothing Today shows changes: the page is left as it is.
    monkeypatch.setenv("COACH_NOW", "2026-11-26T13:01:00+01:00")
    with qtbot.waitSignal(controller.shown, timeout=10_000):
        controller.refresh()
    assert controller.today is shown
    # At 16:31 the weekly report (due 16:30) has fallen overdue: the page shows it there.
    monkeypatch.setenv("COACH_NOW", "2026-11-26T16:31:00+01:00")
    with qtbot.waitSignal(controller.shown, timeout=10_000):
        controller.refresh()
    late = next(s for s in controller.today.sections if s.key == "overdue")
    assert "Weekly report to Petra" in [e.title for e in late.entries]


def test_today_uses_the_room_of_the_details_pane_it_hides(
        qtbot, data_dir, open_window, monkeypatch):
    monkeypatch.setenv("COACH_NOW", NOW)
    _seed(data_dir)
    window = _open_today(qtbot, open_window)
    window.show()
    qtbot.waitExposed(window)
    # The pane and its splitter handle go, not only the text: no empty band under Today.
    assert not window.details_area.isVisible()
    today_height = window.tabs.height()
    window.tabs.setCurrentIndex(1)  # Commitments: the details are back under the list
    qtbot.waitUntil(lambda: window.details_area.isVisible()
                    and window.tabs.height() < today_height)
