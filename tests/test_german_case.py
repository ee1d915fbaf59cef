"""German case for names in generated text: "an Herrn Jansen", "Herr Jansen wartet"."""

from __future__ import annotations

import pytest

from coach.wording.german import address, obj, subj


@pytest.mark.parametrize(("name", "expected"), [
    ("Herr Jansen", "Herrn Jansen"), ("Herrn Jansen", "Herrn Jansen"),
    ("Herr Dr. Jansen", "Herrn Dr. Jansen"), ("Hr. Meier", "Hrn. Meier"),
    ("Frau Koch", "Frau Koch"), ("Herr Meier und Herr Schulz", "Herrn Meier und Herrn Schulz"),
    ("Jansen", "Jansen"), ("Herrmann Jansen", "Herrmann Jansen"), ("Herr", "Herr"), ("", ""),
])  # fmt: skip
def test_object_form(name: str, expected: str) -> None:
    assert obj(name, "de") == expected
    assert obj(name, "en") == name  # English keeps the name as typed


@pytest.mark.parametrize(("name", "expected"), [
    ("Herrn Jansen", "Herr Jansen"), ("Herr Jansen", "Herr Jansen"), ("Hrn. Meier", "Hr. Meier"),
    ("Frau Koch", "Frau Koch"),
])  # fmt: skip
def test_subject_form(name: str, expected: str) -> None:
    assert subj(name, "de") == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Anna Berg", "Anna"), ("Herr Jansen", "Herr Jansen"), ("Dr. Jansen", "Dr. Jansen"),
    ("Mrs Smith", "Mrs Smith"), ("", ""),
])  # fmt: skip
def test_address(name: str, expected: str) -> None:
    assert address(name) == expected


def test_generated_german_texts_decline_herr() -> None:
    from coach.i18n import set_language
    from coach.model.commitment import Commitment
    from coach.rules import close_loop
    from coach.rules import promise_check as pc

    assert pc.get_back_title("Angebot", "Herr Jansen", "de") == \
        "Bei Herrn Jansen zu „Angebot“ melden"
    set_language("de")
    try:
        from datetime import UTC, datetime

        now = datetime(2026, 11, 26, 14, tzinfo=UTC)
        item = Commitment(title="Angebot", created=now, updated=now, recipient="Herr Jansen")
        message = close_loop.message(item, "Frau Berg")
        assert "Hallo Frau Berg," in message and "für Herrn Jansen" in message
        from datetime import timedelta

        from coach.model.owed_reply import OwedReply
        from coach.rhythm.today import _commitment
        from coach.sync.vtodo import _reply_title

        assert _commitment(item, now, UTC).detail == "an Herrn Jansen"
        reply = OwedReply(who="Herr Jansen", channel="call", received=now,
                          reply_by=now + timedelta(hours=2), created=now, updated=now,
                          about="Angebot")
        assert _reply_title(reply) == "Antwort an Herrn Jansen: Angebot"
        from coach.rhythm.today import headline

        assert headline(now, UTC) == "Donnerstag, 26. November"
    finally:
        set_language("en")
