"""The working week through `coach` processes and `coach remind --once` (cron's way)."""

from __future__ import annotations

import pytest

from tests.scenario.week import (
    RENEGOTIATION_DE,
    RENEGOTIATION_EN,
    WEEK_DE,
    WEEK_EN,
    check,
    instant,
)


@pytest.fixture
def no_fallback(tmp_path):
    """A PATH without notify-send, so what arrives came over D-Bus."""
    empty = tmp_path / "bin"
    empty.mkdir()
    return {"PATH": str(empty)}


@pytest.mark.parametrize(("lang", "week", "message"), [
    ("en", WEEK_EN, RENEGOTIATION_EN), ("de", WEEK_DE, RENEGOTIATION_DE)])
def test_a_working_week_notifies_what_and_when_it_should(cli, notifications, no_fallback,
                                                         lang, week, message):
    server = notifications()
    env = dict(no_fallback, COACH_LANG=lang)
    seen = 0
    for when, commands, expected in week:
        now = instant(when)
        for command in commands:
            result = cli(*command, now=now, env=env)
            assert result.code == 0, (when, command, result.err)
            if command[0] == "renegotiate":
                assert result.out.strip() == message
        result = cli("remind", "--once", now=now, env=env)
        assert (result.code, result.err) == (0, ""), when
        calls = server.calls()
        check(when, calls[seen:], expected)
        seen = len(calls)
