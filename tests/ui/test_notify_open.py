""""Open" on a notification shows the item in its own tab, whatever kind it is."""

from __future__ import annotations

from coach.storage.store import open_store
from tests.ui.helpers import seed


def test_open_on_a_notification_selects_the_item_in_its_own_tab(open_window, data_dir, now):
    from ui.window.models import ItemIdRole

    with open_store(data_dir) as store:
        ids = seed(store, now)
    window = open_window()
    for name, view in (("angry", window.concerns_view), ("voicemail", window.replies_view),
                       ("late", window.commitments_view)):
        window.features.reminders.open_requested.emit(ids[name])
        assert window.tabs.currentWidget() is view, name
        assert view.table.currentIndex().data(ItemIdRole) == ids[name]
