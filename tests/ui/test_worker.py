"""The worker tells data changes apart from filter keystrokes, so typing stays cheap."""

from __future__ import annotations

from coach.model import commitment
from coach.storage.store import open_store


def test_filtering_reloads_the_list_but_is_no_data_change(qtbot, data_dir, now, clock):
    from ui.background.worker import StoreClient

    with open_store(data_dir) as store:
        commitment.add(store, commitment.new("Send ACME the offer", now))
    client = StoreClient(str(data_dir))
    try:
        changes = []
        client.data_refreshed.connect(lambda: changes.append(1))
        with qtbot.waitSignal(client.data_refreshed, timeout=5000):
            client.reload()
        assert changes == [1]
        # Reminders, badges and the dashboard listen to data_refreshed: a keystroke in the
        # filter must not make them recompute over every item.
        with qtbot.waitSignal(client.loaded, timeout=5000) as filtered:
            client.set_filter("acme")
        assert [r.what for r in filtered.args[0].rows["commitment"]] == ["Send ACME the offer"]
        assert changes == [1]
        with qtbot.waitSignal(client.data_refreshed, timeout=5000):
            client.submit(lambda store: commitment.add(
                store, commitment.new("Call ACME back", now)), writes=True)
        assert changes == [1, 1]
    finally:
        client.shutdown()
