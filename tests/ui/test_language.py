"""The window in German: our catalog, Qt's own buttons, and the language setting."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from coach.i18n import current_language
from coach.storage import settings
from coach.storage.store import open_store
from ui.notify.banner import Banner, BannerAdapter
from ui.notify.chain import NotifierChain


@pytest.fixture
def german(qapp):
    """German for one test; afterwards the language the process started with, Qt's too."""
    from ui.system.language import apply_language

    apply_language("de")
    yield
    apply_language(None)


@pytest.fixture
def settings_dialog(qtbot, client):
    from ui.dialogs.settings_dialog import SettingsDialog

    banner = Banner()
    qtbot.addWidget(banner)
    chain = NotifierChain([BannerAdapter(banner)])
    dialog = SettingsDialog(client, chain)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    yield dialog
    chain.close()


def plain(text: str) -> str:
    return text.replace("&", "")


def test_the_window_speaks_german(german, window):
    assert [plain(m.title()) for m in window.menus.values()] == [
        "Datei", "Bearbeiten", "Ansicht", "Einträge", "Hilfe"]
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert [re.sub(r" \(\d+\)$", "", t) for t in tabs] == [
        "Heute", "Zusagen", "Offene Rückmeldungen", "Warnsignale"]
    actions = [plain(a.text()) for m in window.menus.values() for a in m.actions() if a.text()]
    assert "Neue Zusage …" in actions


def test_german_accelerators_do_not_clash_within_a_menu_or_the_menu_bar(german, window):
    def keys(texts: list[str]) -> list[str]:
        return [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]

    titles = [m.title() for m in window.menus.values()]
    assert len(keys(titles)) == len(set(keys(titles))) == len(titles)
    for menu in window.menus.values():
        found = keys([a.text() for a in menu.actions()])
        assert len(found) == len(set(found)), (menu.title(), found)


def test_qt_standard_buttons_come_from_qts_german_translation(german, qtbot):
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert plain(buttons.button(QDialogButtonBox.StandardButton.Cancel).text()) == "Abbrechen"
    assert plain(buttons.button(QDialogButtonBox.StandardButton.Save).text()) == "Speichern"
    box = QMessageBox(QMessageBox.Icon.Question, "Titel", "Frage",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert plain(box.button(QMessageBox.StandardButton.Yes).text()) == "Ja"
    assert plain(box.button(QMessageBox.StandardButton.No).text()) == "Nein"


def test_english_has_no_qt_translator_left_behind(qtbot):
    from ui.system.language import apply_language

    apply_language("de")
    apply_language("en")
    try:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        assert plain(buttons.button(QDialogButtonBox.StandardButton.Cancel).text()) == "Cancel"
    finally:
        apply_language(None)


def test_choosing_german_in_the_settings_applies_at_the_next_start(german, qtbot,
                                                                   settings_dialog, data_dir):
    from ui.system.language import apply_language, saved_language

    dialog = settings_dialog
    assert dialog.language.currentData() == ""  # follows the system until chosen
    assert "nächsten Start" in dialog.language_note.text()
    assert plain(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text()) \
        == "Abbrechen"
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert QSettings().value("language") == "de"
    with open_store(data_dir) as store:
        assert settings.get_all(store)["language"] == "de"

    apply_language("en")  # as a fresh process would start, before it reads the choice
    assert apply_language(saved_language()) == "de" == current_language()


def test_back_to_the_system_language_forgets_the_choice():
    from ui.system.language import remember_language, saved_language

    remember_language("de")
    remember_language(None)
    assert saved_language() is None
    remember_language("xx")  # a hand-edited ini file must not break start-up
    assert saved_language() is None
