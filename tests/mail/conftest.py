"""Fixtures for the mail tests: a real Dovecot per test, seeded over IMAP APPEND."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.mail import dovecot, seed


@pytest.fixture
def imap() -> Iterator[dovecot.Dovecot]:
    server = dovecot.configure()
    try:
        server.start()
        yield server
    finally:
        dovecot.remove(server)


@pytest.fixture
def seeded(imap) -> dovecot.Dovecot:
    client = imap.client()
    try:
        seed.seed(client, seed.mailbox())
    finally:
        client.logout()
    return imap


def flags_of(server: dovecot.Dovecot) -> dict[tuple[str, int], tuple]:
    client = server.client()
    try:
        out = {}
        for folder in ("INBOX", "Sent"):
            client.select_folder(folder, readonly=True)
            for uid, flags in client.get_flags(client.search("ALL")).items():
                out[(folder, uid)] = tuple(sorted(flags))
        return out
    finally:
        client.logout()


@pytest.fixture
def account(cli, store, seeded):
    """The mail account added through the CLI (password from a command), manager set."""
    from coach.storage import settings

    settings.put(store, "manager_email", seed.MANAGER)
    result = cli("mail", "add", "--host", "127.0.0.1", "--port", str(seeded.port),
                 "--user", dovecot.USER, "--security", "none",
                 "--password-command", f"echo {dovecot.PASSWORD}",
                 "--address", seed.ME, "--address", seed.ALIAS)
    assert result.code == 0, result.err
    return seeded


def suggestions(cli, **kw) -> list[dict]:
    result = cli("suggestions", "--json", **kw)
    assert result.code == 0, result.err
    return json.loads(result.out)


def by_kind(found: list[dict]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s in found:
        out.setdefault(s["kind"], set()).add(seed.key_of(s["message_id"]))
    return out
