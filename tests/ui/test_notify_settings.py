"""Settings for reminders, the notifier status line and test button; returned with a note."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox

from coach.model import owed_reply
from coach.storage import settings
from coach.storage.store import open_store
from ui.notify.banner import Banner, BannerAdapter
from ui.notify.chain import NotifierChain
from ui.notify.dbus import DBusAdapter


@pytest.fixture
def chain(qtbot, session_bus):
    banner = Banner()
    qtbot.addWidget(banner)
    made = NotifierChain([DBusAdapter(timeout=1.0), BannerAdapter(banner)])
    yield made
    made.close()


def open_dialog(qtbot, client, chain):
    from ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(client, chain)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    return dialog


def test_settings_show_the_defaults_and_save_working_and_quiet_hours(qtbot, client, chain,
                                                                      data_dir):
    dialog = open_dialog(qtbot, client, chain)
    assert [box.isChecked() for box in dialog.days] == [True] * 5 + [False] * 2
    assert dialog.work_start.time() == QTime(9, 0)
    dialog.days[4].setChecked(False)  # no Fridays
    dialog.work_end.setTime(QTime(16, 30))
    dialog.quiet_start.setTime(QTime(21, 0))
    dialog.call_hours.setValue(2)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with open_store(data_dir) as store:
        values = settings.get_all(store)
    assert values["working_days"] == [0, 1, 2, 3]
    assert (values["work_end"], values["quiet_start"]) == ("16:30", "21:00")
    assert values["reply_hours_call"] == 2


def test_the_review_time_and_the_briefing_day_are_set_in_settings(qtbot, client, chain,
                                                                  data_dir):
    dialog = open_dialog(qtbot, client, chain)
    assert dialog.review_on.isChecked() and dialog.review_time.time() == QTime(17, 30)
    assert dialog.briefing_day.currentText() == "Friday"
    dialog.review_time.setTime(QTime(16, 45))
    dialog.briefing_day.setCurrentIndex(dialog.briefing_day.findText("Monday"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with open_store(data_dir) as store:
        values = settings.get_all(store)
    assert (values["review_time"], values["briefing_weekday"]) == ("16:45", 0)
    again = open_dialog(qtbot, client, chain)
    again.review_on.setChecked(False)
    again.briefing_day.setCurrentIndex(0)  # no fixed day
    assert not again.review_time.isEnabled()
    with qtbot.waitSignal(again.accepted, timeout=5000):
        again.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with open_store(data_dir) as store:
        values = settings.get_all(store)
    assert (values["review_time"], values["briefing_weekday"]) == (None, None)


def test_settings_refuse_a_day_that_ends_before_it_starts(qtbot, client, chain, data_dir):
    dialog = open_dialog(qtbot, client, chain)
    dialog.work_end.setTime(QTime(8, 0))
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert dialog.error.text() == "Work must end after it starts."
    for box in dialog.days:
        box.setChecked(False)
    dialog.work_end.setTime(QTime(17, 0))
    assert dialog.error.text() == "Choose at least one working day."


def test_pause_and_resume(qtbot, client, chain, data_dir):
    dialog = open_dialog(qtbot, client, chain)
    assert dialog.pause_label.text() == "Reminders are on."
    dialog.pause_hour.click()
    qtbot.waitUntil(lambda: dialog.pause_label.text().startswith("Paused until"), timeout=5000)
    with open_store(data_dir) as store:
        assert settings.get(store, "paused_until") == "2026-11-26T15:00:00Z"
    dialog.resume.click()
    qtbot.waitUntil(lambda: dialog.pause_label.text() == "Reminders are on.", timeout=5000)
    with open_store(data_dir) as store:
        assert settings.get(store, "paused_until") is None


def test_the_status_line_names_the_working_notifier_and_the_test_reaches_it(
        qtbot, client, chain, notifications):
    server = notifications()
    dialog = open_dialog(qtbot, client, chain)
    qtbot.waitUntil(lambda: "fake-notifications" in dialog.notifier_label.text(), timeout=5000)
    assert dialog.notifier_label.text() == (
        "Notifications go to: desktop notifications (fake-notifications).")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: len(server.calls()) == 1, timeout=5000)
    assert server.calls()[0]["summary"] == "Trust Coach test"
    qtbot.waitUntil(lambda: dialog.notifier_label.text().startswith("Test sent to"), timeout=5000)


def test_without_a_server_the_status_line_falls_back_to_the_banner(qtbot, client, chain):
    dialog = open_dialog(qtbot, client, chain)
    qtbot.waitUntil(lambda: "banner" in dialog.notifier_label.text(), timeout=5000)


def add_reply(data_dir) -> int:
    got = datetime.fromisoformat("2026-11-26T09:00:00+01:00")
    with open_store(data_dir) as store:
        item = owed_reply.new("Jim Baker", "call", got, got, got, about="offer")
        return owed_reply.add(store, item).id


def test_returned_with_a_note_becomes_a_commitment_in_one_click(qtbot, client, data_dir,
                                                                 questions):
    from ui.dialogs.returned_dialog import ReturnedDialog

    item = add_reply(data_dir)
    dialog = ReturnedDialog(client, item, "Jim Baker")
    qtbot.addWidget(dialog)
    assert not dialog.as_commitment.isEnabled()  # nothing agreed yet
    dialog.note.setPlainText("Send the revised offer friday 12:00")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.as_commitment.click()  # the promise check offered: skipped (No)
    assert questions.asked == ["“Send the revised offer” is a promise to Jim Baker. Check it "
                               "before you save it?"]
    with open_store(data_dir) as store:
        reply = store.conn.execute("SELECT status, note FROM owed_replies WHERE id = ?",
                                   (item,)).fetchone()
        promise = store.conn.execute(
            "SELECT title, recipient, due FROM commitments WHERE id = ?",
            (dialog.commitment_id,)).fetchone()
    assert tuple(reply) == ("returned", "Send the revised offer friday 12:00")
    assert tuple(promise) == ("Send the revised offer", "Jim Baker", "2026-11-27T11:00:00Z")


def test_an_agreement_without_a_date_asks_by_when_first(qtbot, client, data_dir, questions):
    from ui.dialogs.returned_dialog import ReturnedDialog

    item = add_reply(data_dir)
    dialog = ReturnedDialog(client, item, "Jim Baker")
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("Send the revised offer")
    dialog.as_commitment.click()
    qtbot.waitUntil(lambda: dialog.by_when_prompt is not None
                    and dialog.by_when_prompt.isVisible())
    with open_store(data_dir) as store:  # nothing written before the answer
        assert store.conn.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.by_when_prompt.buttons["tomorrow"].click()
    with open_store(data_dir) as store:
        due = store.conn.execute("SELECT due FROM commitments WHERE id = ?",
                                 (dialog.commitment_id,)).fetchone()[0]
    assert due == "2026-11-27T16:00:00Z"  # the end of tomorrow's working day
    assert len(questions.asked) == 1  # then the promise check was offered, and skipped


def test_returned_without_a_note_makes_no_commitment(qtbot, client, data_dir):
    from ui.dialogs.returned_dialog import ReturnedDialog

    item = add_reply(data_dir)
    dialog = ReturnedDialog(client, item, "Jim Baker")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.returned.click()
    assert dialog.commitment_id is None
    with open_store(data_dir) as store:
        assert store.conn.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0
        assert store.conn.execute("SELECT status FROM owed_replies").fetchone()[0] == "returned"


def test_the_manager_name_email_and_briefing_reminder_are_set_in_settings(qtbot, client, chain,
                                                                      data_dir):
    dialog = open_dialog(qtbot, client, chain)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.manager_email.setText("maria.weber")
    assert not save.isEnabled()
    assert dialog.error.text() == "The manager's email address needs an @."
    dialog.manager_name.setText("Maria Weber")
    dialog.manager_email.setText("maria.weber@example.com")
    dialog.briefing_days.setValue(3)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        save.click()
    with open_store(data_dir) as store:
        values = settings.get_all(store)
    assert values["manager_name"] == "Maria Weber"
    assert values["manager_email"] == "maria.weber@example.com"
    assert values["briefing_quiet_days"] == 3
