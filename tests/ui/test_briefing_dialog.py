"""The briefing dialog: draft, clipboard formats, mail link, mark as sent, history, banner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from coach.briefing import build as briefing
from coach.model import concern, records
from coach.ops.briefing import keep
from coach.storage import settings
from tests.briefing_data import seed


@pytest.fixture(autouse=True)
def empty_clipboard_afterwards(qapp) -> Iterator[None]:
    # Qt's offscreen platform crashes at exit if a QMimeData is still on its clipboard
    # (xcb does not); the tests leave it empty.
    yield
    qapp.clipboard().clear()


@pytest.fixture
def ids(store, now, clock):
    return seed(store, now)


@pytest.fixture
def open_dialog(qtbot, client):
    from ui.dialogs.briefing_dialog import BriefingDialog

    def open_(**kwargs):
        dialog = BriefingDialog(client, **kwargs)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.ready, timeout=10_000), \
                qtbot.waitSignal(dialog.history_loaded, timeout=10_000):
            dialog.show()
        return dialog

    return open_


def clipboard():
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.clipboard().mimeData()


def test_copy_puts_html_and_plain_text_on_the_clipboard(qtbot, qtmodeltester, open_dialog,
                                                        ids):
    dialog = open_dialog(lang="en")
    assert "ACME unhappy about the delay" in dialog.editor.toPlainText()
    assert dialog.status.text() == "6 things need your attention · 3 done · 2 overdue"
    with qtbot.waitSignal(dialog.history_loaded, timeout=10_000):
        dialog.copy_button.click()
    mime = clipboard()
    assert {"text/html", "text/plain"} <= set(mime.formats())
    assert mime.text().startswith("Status update, Thursday, 26 November 2026")
    assert '<h3 id="heads-up">Heads-up</h3>' in mime.html()
    assert "Copied" in dialog.status.text()
    assert dialog.history.rowCount() == 1
    qtmodeltester.check(dialog.history)


def test_edits_are_what_gets_copied(qtbot, open_dialog, ids):
    dialog = open_dialog(lang="en")
    cursor = dialog.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    dialog.editor.setTextCursor(cursor)
    qtbot.keyClicks(dialog.editor, "Hi Alice, ")
    with qtbot.waitSignal(dialog.history_loaded, timeout=10_000):
        dialog.copy_button.click()
    assert clipboard().text().startswith("## Hi Alice, Status update")
    assert "Hi Alice, " in clipboard().html()
    assert briefing.history(dialog_store(dialog))[0].payload["edited"] is True


def dialog_store(dialog):
    from coach.storage.store import open_store

    return open_store(dialog.client.data_dir)


def test_mail_opens_a_mailto_link_in_german_for_the_manager(qtbot, store, open_dialog, ids):
    settings.put(store, "manager_email", "chefin@example.com")
    dialog = open_dialog(lang="de")
    from PySide6.QtCore import QUrl

    opened: list[str] = []
    dialog.open_url = lambda link: opened.append(
        link.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    with qtbot.waitSignal(dialog.history_loaded, timeout=10_000):
        dialog.mail_button.click()
    url = opened[0]
    assert url.startswith("mailto:chefin@example.com?subject=Lagebericht%20Do.%2C%2026.%20Nov.")
    assert len(url) <= 2000 and " " not in url and "ä" not in url
    assert "%0D%0A%0D%0AGEF%C3%84HRDET%0D%0A-%20Send%20ACME" in url
    body = parse_qs(urlsplit(url).query)["body"][0]
    assert body.startswith("Lagebericht, Donnerstag, 26. November 2026\r\n\r\n6 Punkte")
    # Too long for one link: shortened there, whole on the clipboard.
    assert "shortened" in dialog.status.text()
    assert clipboard().text().rstrip().endswith("meine Antwort war vor 1 Tag fällig")


def test_mark_as_sent_tells_the_concerns_and_is_kept(qtbot, store, open_dialog, ids, now):
    dialog = open_dialog(lang="en")
    with qtbot.waitSignal(dialog.history_loaded, timeout=10_000):
        dialog.sent_button.click()
    assert not dialog.sent_button.isEnabled()
    assert "knows about 2 concerns" in dialog.status.text()
    told = records.fetch(store, concern.Concern, ids["acme"]).told_at
    assert told == datetime.fromisoformat("2026-11-26T15:00:00+01:00")
    assert briefing.last_sent(store) == now
    index = dialog.history.index(0, 1)
    assert index.data() != "not sent"


def test_broken_user_template_shows_a_banner_and_the_default(open_dialog, data_dir, ids):
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "briefing.en.html.j2").write_text("{{ nope(", encoding="utf-8")
    dialog = open_dialog(lang="en")
    assert dialog.banner.isVisibleTo(dialog)
    assert "briefing.en.html.j2 is broken" in dialog.banner.text()
    assert "Heads-up" in dialog.editor.toPlainText()  # the default took over


def test_concern_nudge_puts_its_concern_on_top(open_dialog, ids):
    dialog = open_dialog(lang="en", focus_concern_id=ids["printer"])
    text = dialog.editor.toPlainText()
    assert text.index("Printer contract renewal") < text.index("ACME unhappy")


def test_history_reopens_and_copies_again(qtbot, store, open_dialog, ids, now):
    draft = briefing.build(store, now, lang="de")
    keep(store, draft, "Lagebericht von früher\n", "de", "text", sent=True)
    dialog = open_dialog(lang="en")
    assert dialog.history.rowCount() == 1
    dialog.tabs.setCurrentIndex(1)
    assert "Lagebericht von früher" in dialog.kept_text.toPlainText()
    dialog.copy_kept_button.click()
    assert clipboard().text() == "Lagebericht von früher\n"
    assert "text/html" in clipboard().formats()


def test_save_to_file_picks_the_format_by_ending(qtbot, open_dialog, ids, tmp_path):
    dialog = open_dialog(lang="en")
    target = tmp_path / "brief.md"
    with qtbot.waitSignal(dialog.reported, timeout=10_000):
        dialog.save_to(target)
    assert target.read_text(encoding="utf-8").startswith("## Status update")
    html = tmp_path / "brief.html"
    with qtbot.waitSignal(dialog.reported, timeout=10_000):
        dialog.save_to(html)
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_closing_the_dialog_while_it_is_still_loading_is_harmless(qtbot, client):
    from shiboken6 import isValid

    from ui.dialogs.briefing_dialog import BriefingDialog

    dialog = BriefingDialog(client)
    dialog.show()
    dialog.deleteLater()  # the user closed it before the draft came back
    qtbot.waitUntil(lambda: not isValid(dialog), timeout=5000)
    # The draft and the history still arrive; handing them to the gone dialog must not fail.
    qtbot.waitUntil(lambda: client.idle, timeout=10_000)
    with qtbot.waitSignal(client.loaded, timeout=10_000):
        client.reload()  # the worker is still healthy afterwards


def test_switching_language_asks_before_it_replaces_edits(qtbot, open_dialog, ids,
                                                          questions):
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QMessageBox


    dialog = open_dialog(lang="en")
    cursor = dialog.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    dialog.editor.setTextCursor(cursor)
    qtbot.keyClicks(dialog.editor, " My own closing line.")
    questions.reply = QMessageBox.StandardButton.No
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    assert len(questions.asked) == 1
    assert dialog.lang == "en"  # kept the language
    assert "My own closing line." in dialog.editor.toPlainText()

    questions.reply = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.ready, timeout=10_000):
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
    assert "My own closing line." not in dialog.editor.toPlainText()
    assert dialog.editor.toPlainText().startswith("Lagebericht")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_blank_line_between_an_item_and_its_details(open_dialog, ids, lang):
    # Regression: Qt gave a list's bottom margin to the text of its last item, so a blank
    # line (an empty bullet, to the eye) stood between the last heads-up item and its details.
    dialog = open_dialog(lang=lang)
    block = dialog.editor.document().begin()
    checked = 0
    while block.isValid():
        after = block.next()
        item, detail = block.textList(), after.textList() if after.isValid() else None
        if item is not None and detail is not None \
                and detail.format().indent() > item.format().indent():
            assert block.blockFormat().bottomMargin() == 0, block.text()
            assert after.blockFormat().topMargin() == 0, after.text()
            checked += 1
        assert block.text().strip() or item is None, "an empty bullet"
        block = after
    assert checked == 2  # both heads-up items have details
