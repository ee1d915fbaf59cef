"""Texts the app writes (the get-back title, "sent in a briefing", "Returned by email at
14:05") read in the language shown, not in the one active when they were made."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from coach import i18n
from coach.model import commitment, concern, owed_reply, records
from coach.ops import finish
from coach.ops.briefing import draft, keep
from coach.wording import texts

NOT_YET = "--check", "control=no,authority=no,date=yes,facts=yes,manager=no"
GET_BACK_DE = "Bei Herrn Jansen zu „Angebot schicken“ melden"
GET_BACK_EN = "Get back to Herr Jansen about “Angebot schicken”"


@pytest.fixture
def language() -> Iterator:
    """Switch the language shown within a test; back to English afterwards."""
    yield i18n.set_language
    i18n.set_language("en")


def _ids(out: str) -> list[int]:
    return [int(word) for word in out.split() if word.isdigit()]


def test_a_get_back_made_in_english_lists_in_german_and_back(cli) -> None:
    made = cli("add", "Angebot schicken", "--to", "Herr Jansen", "--due", "2026-12-01 12:00",
               *NOT_YET)
    assert made.code == 0, made.err
    assert GET_BACK_EN in cli("list").out
    de = {"COACH_LANG": "de"}
    listed = cli("list", env=de).out
    assert GET_BACK_DE in listed and "Get back" not in listed
    as_json = json.loads(cli("list", "--json", env=de).out)
    assert GET_BACK_DE in [c["title"] for c in as_json["commitments"]]
    # The briefing speaks its own language, whichever the window or shell shows.
    assert GET_BACK_DE in cli("brief", "--lang", "de").out
    assert GET_BACK_EN in cli("brief", "--lang", "en", env=de).out


def test_a_get_back_made_in_german_lists_in_english(cli) -> None:
    de = {"COACH_LANG": "de"}
    assert cli("add", "Angebot schicken", "--to", "Herr Jansen", "--due", "2026-12-01 12:00",
               *NOT_YET, env=de).code == 0
    assert GET_BACK_DE in cli("list", env=de).out
    listed = cli("list").out
    assert GET_BACK_EN in listed and "melden" not in listed


def test_a_title_the_user_edited_stays_as_typed(cli) -> None:
    cli("add", "Angebot schicken", "--to", "Herr Jansen", "--due", "2026-12-01 12:00", *NOT_YET)
    get_back = next(c for c in json.loads(cli("list", "--json").out)["commitments"]
                    if c["title"] == GET_BACK_EN)
    assert cli("edit", str(get_back["id"]), "--title", "Jansen anrufen").code == 0
    for env in ({"COACH_LANG": "de"}, {}):
        titles = [c["title"] for c in json.loads(cli("list", "--json", env=env).out)
                  ["commitments"]]
        assert "Jansen anrufen" in titles and GET_BACK_EN not in titles
        assert GET_BACK_DE not in titles


def test_export_and_import_keep_the_generated_title(cli, tmp_path) -> None:
    cli("add", "Angebot schicken", "--to", "Herr Jansen", "--due", "2026-12-01 12:00", *NOT_YET)
    path = tmp_path / "export.json"
    assert cli("export", str(path)).code == 0
    other = {"COACH_DATA_DIR": str(tmp_path / "other"), "COACH_LANG": "de"}
    assert cli("import", str(path), env=other).code == 0, "import failed"
    assert GET_BACK_DE in cli("list", env=other).out
    again = tmp_path / "again.json"
    assert cli("export", str(again), env=other).code == 0
    rows = json.loads(again.read_text(encoding="utf-8"))["tables"]["commitments"]
    assert [r["texts"] for r in rows if r["texts"]] == [
        r["texts"] for r in json.loads(path.read_text(encoding="utf-8"))["tables"]
        ["commitments"] if r["texts"]]


def test_sent_in_a_briefing_reads_in_the_language_shown(store, now, language) -> None:
    item = concern.add(store, concern.new("Kunde verärgert", now, heat=4, who="Herr Jansen"))
    made = draft(store, now, lang="en")
    keep(store, made, "text", "en", "text", sent=True, now=now)
    assert concern.log_of(store, item.id)[-1].note == "sent in a briefing"
    language("de")
    assert concern.log_of(store, item.id)[-1].note == "im Lagebericht gemeldet"


def test_returned_by_email_reads_in_german_and_in_local_time(store, now, language,
                                                              monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    reply = owed_reply.add(store, owed_reply.new("Herr Jansen", "email", now,
                                                 now + timedelta(hours=4), now))
    sent = datetime.fromisoformat("2026-11-26T13:05:00+00:00")
    finish.return_reply(store, reply.id, None, sent, message=texts.message(
        texts.RETURNED_BY_EMAIL, time="2026-11-26T13:05:00Z"))
    assert records.fetch(store, owed_reply.OwedReply, reply.id).note == \
        "Returned by email at 14:05."
    language("de")
    assert records.fetch(store, owed_reply.OwedReply, reply.id).note == \
        "Um 14:05 per E-Mail beantwortet."


def test_rows_written_before_stay_verbatim_and_a_damaged_message_too(store, now,
                                                                     language) -> None:
    old = commitment.add(store, commitment.new("Get back to Jim about “Offer”", now))
    odd = commitment.add(store, commitment.new("Typed title", now, texts=json.dumps(
        {"title": {"key": "from-a-newer-version"}})))
    broken = commitment.add(store, commitment.new("Also typed", now, texts="{not json"))
    language("de")
    assert commitment.get(store, old.id).title == "Get back to Jim about “Offer”"
    assert commitment.get(store, odd.id).title == "Typed title"
    assert commitment.get(store, broken.id).title == "Also typed"


def test_the_texts_column_comes_with_a_migration(store) -> None:
    conn = sqlite3.connect(store.path)
    for table in ("commitments", "owed_replies", "concerns", "concern_log"):
        assert "texts" in [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    conn.close()


def test_accepted_mail_suggestions_read_in_the_language_shown(store, now, language,
                                                              monkeypatch) -> None:
    from coach.mail import suggestions as found
    from coach.mail.accept import accept
    from coach.timing.dates import local_tz

    monkeypatch.setenv("TZ", "Europe/Berlin")
    sent = datetime.fromisoformat("2026-11-25T08:30:00+00:00")
    follow = found.add(store, found.FOLLOW_UP, "<q@x>", now, date=sent,
                       sender="jansen@example.invalid", sender_name="Herr Jansen",
                       subject="Angebot", evidence="Passt Ihnen Dienstag?")
    loud = found.add(store, found.ESCALATION, "<e@x>", now, date=sent,
                     sender="jansen@example.invalid", sender_name="Herr Jansen",
                     subject="Lieferung", evidence=texts.message(
                         texts.CHASED, who="Herr Jansen", subject="Lieferung"))
    assert loud.evidence == "Herr Jansen is chasing again: “Lieferung”."
    item_id = accept(store, follow, now, local_tz()).ids[0]
    concern_id = accept(store, loud, now, local_tz()).ids[-1]
    item = commitment.get(store, item_id)
    assert (item.title, item.note) == ("Follow up with Herr Jansen: Angebot",
                                       "You asked: “Passt Ihnen Dienstag?”")
    language("de")
    item = commitment.get(store, item_id)
    assert (item.title, item.note) == ("Bei Herrn Jansen nachfassen: Angebot",
                                       "Ihre Frage: „Passt Ihnen Dienstag?“")
    hot = records.fetch(store, concern.Concern, concern_id)
    assert hot.title == "Herr Jansen eskaliert: Lieferung"
    assert hot.note == ("2026-11-25 09:30: Herr Jansen hakt erneut nach: „Lieferung“. "
                        "Informieren Sie Ihre Führungskraft, bevor sie es von Herrn Jansen "
                        "erfährt.")
    assert found.get(store, loud.id).evidence == "Herr Jansen hakt erneut nach: „Lieferung“."
    assert concern.log_of(store, concern_id)[0].note == hot.note


def test_asking_by_when_names_herrn_jansen_in_german(store, now, language) -> None:
    from coach.ops.add import add_commitment

    made = add_commitment(store, "Angebot", now, recipient="Herr Jansen", by_when="ask")
    follow = made.created[-1]
    assert commitment.get(store, follow).title == 'Ask Herr Jansen by when they need "Angebot"'
    language("de")
    assert commitment.get(store, follow).title == \
        "Herrn Jansen fragen, bis wann „Angebot“ gebraucht wird"



def test_a_returned_reply_is_beantwortet_in_german(cli) -> None:
    reply = cli("reply", "Frau Koch", "--via", "Anruf").out.strip()
    assert cli("done", reply).code == 0
    listed = cli("list", "--all", env={"COACH_LANG": "de"}).out
    assert "(beantwortet)" in listed and "returned" not in listed


def test_a_hostile_message_reads_as_the_stored_text(store, now) -> None:
    item = concern.add(store, concern.new("Typed", now, note="Typed note"))
    level = '{"key": "escalation-evidence", "date": "", "who": "x", "evidence": '
    deep = '{"note": ' + level * 100_000 + '"x"' + "}" * 100_001
    records.update(store, item, texts=deep)
    assert records.fetch(store, concern.Concern, item.id).note == "Typed note"
    # Parameters are values, never format fields of their own.
    records.update(store, item, texts=texts.dump({texts.TITLE: {
        "key": texts.GET_BACK, "title": "{0.__class__}"}}))
    assert records.fetch(store, concern.Concern, item.id).title == \
        "Get back about “{0.__class__}”"
