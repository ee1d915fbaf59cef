"""The window shows the texts the app wrote in its own language, whatever language they were
made in: a get-back title in the detail pane and the filter, a concern's log."""

from __future__ import annotations

import pytest

from coach.model import commitment, concern
from coach.ops.briefing import draft, keep
from coach.rules import promise_check as pc
from tests.test_promise_check import TZ


@pytest.fixture
def switch(qapp):
    """Switch the window's language mid-test (after seeding in English); back afterwards."""
    from ui.system.language import apply_language

    yield apply_language
    apply_language(None)


def _seed_in_english(store, now) -> tuple[int, int]:
    from coach import i18n

    assert i18n.current_language() == "en"
    risky = commitment.new("Angebot schicken", now, recipient="Herr Jansen")
    done = pc.record(store, risky, {"authority": "no", "manager": "no"}, now, TZ, "en")
    hot = concern.add(store, concern.new("Kunde verärgert", now, heat=4, who="Herr Jansen"))
    keep(store, draft(store, now, lang="en"), "text", "en", "text", sent=True, now=now)
    return done.get_back.id, hot.id


def test_detail_pane_and_concern_log_speak_german(store, now, switch, open_window, qtbot):
    get_back, hot = _seed_in_english(store, now)
    switch("de")
    window = open_window()
    view = window.commitments_view
    window.tabs.setCurrentWidget(view)
    assert view.select_id(get_back)
    qtbot.waitUntil(lambda: "melden" in window.details.text())
    assert "Bei Herrn Jansen zu „Angebot schicken“ melden" in window.details.text()
    assert "Get back" not in window.details.text()
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.keyClicks(window.filter_edit, "melden")
    assert view.model.row_of(get_back) is not None

    from ui.window.concern_view import ConcernDialog

    dialog = ConcernDialog(window, hot)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    notes = [dialog.log_model.data(dialog.log_model.index(row, 3))
             for row in range(dialog.log_model.rowCount())]
    assert "im Lagebericht gemeldet" in notes and "sent in a briefing" not in notes
