"""Shared steps of the sync tests: the account, a sync, and reading the commitments back."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from coach.model import commitment
from coach.model.commitment import Commitment
from coach.storage.store import Store
from tests.sync.conftest import PASSWORD, USER

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    """A Berlin wall-clock time, as the user reads it: '2026-11-26 09:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def connect(store: Store, server, now: datetime, **options) -> None:
    from coach.sync import account

    account.setup(store, server.url, USER, None, "true", now)


def sync(store: Store, now: datetime, **options):
    from coach.sync import service

    return service.sync(store, now, secret=PASSWORD, **options)


def add(store: Store, title: str, now: datetime, **fields) -> Commitment:
    return commitment.add(store, commitment.new(title, now, **fields))


def reload(store: Store, item: Commitment) -> Commitment | None:
    return commitment.get(store, item.id)
