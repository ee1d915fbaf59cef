"""`coach remind --once` end to end on a private session bus with a fake notification server."""

from __future__ import annotations

import html
import time

import pytest

LATER = "2026-11-26T17:30:00+01:00"  # two working hours after the first reminder


@pytest.fixture
def no_fallback(tmp_path):
    """A PATH without notify-send, so D-Bus is the only way out (as on a bare server)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    return {"PATH": str(empty)}


def not_digest(server):
    """The calls apart from the morning digest, which the first pass of a working day sends,
    and the end-of-day review's reminder at 17:30 (both have their own tests/scenario)."""
    return [c for c in server.calls() if c["summary"] not in (
        "Your day: what matters today", "Time for your end-of-day review")]


def add_reply(cli, who="Frau Schneider", via="voicemail", about="refund",
              received="2026-11-26 09:00"):
    result = cli("reply", who, "--via", via, "--about", about, "--received", received)
    assert result.code == 0, result.err
    return int(result.out)


def test_an_overdue_reply_is_notified_with_who_channel_and_subject(cli, notifications,
                                                                    no_fallback):
    server = notifications()
    add_reply(cli)
    result = cli("remind", "--once", env=no_fallback)
    assert (result.code, result.err) == (0, "")
    [call] = not_digest(server)
    # The adaptor only dispatches a call whose signature is exactly susssasa{sv}i.
    assert call["summary"] == "Reply to Frau Schneider"
    assert "Voicemail: refund" in call["body"]
    assert call["app"] == "Trust Coach"
    assert call["hints"]["desktop-entry"] == "io.github.trustcoach.TrustCoach"
    # Nobody is left to act on a button once the command has exited.
    assert call["actions"] == []


def test_nothing_is_notified_twice_and_the_reminder_comes_back_later(cli, notifications,
                                                                      no_fallback):
    server = notifications()
    add_reply(cli)
    assert cli("remind", "--once", env=no_fallback).code == 0
    assert cli("remind", "--once", env=no_fallback).code == 0
    assert len(not_digest(server)) == 1
    assert cli("remind", "--once", now=LATER, env=no_fallback).code == 0
    assert len(not_digest(server)) == 2
    assert cli("remind", "--once", now=LATER, env=no_fallback).code == 0
    assert len(not_digest(server)) == 2


def test_nothing_due_sends_nothing_and_succeeds(cli, notifications, no_fallback):
    server = notifications()
    add_reply(cli, received="2026-11-26 14:30")  # due tomorrow 10:30
    result = cli("remind", "--once", env=no_fallback)
    assert (result.code, result.out, result.err) == (0, "", "")
    assert not_digest(server) == []


def test_several_due_replies_arrive_as_one_grouped_notification(cli, notifications,
                                                                 no_fallback):
    server = notifications()
    for who in ("Anna", "Ben", "Carla"):
        add_reply(cli, who=who, via="call", received="2026-11-26 08:00")
    assert cli("remind", "--once", env=no_fallback).code == 0
    [call] = not_digest(server)
    assert call["summary"] == "3 replies overdue"
    for who in ("Anna", "Ben", "Carla"):
        assert who in call["body"]


def test_hostile_text_arrives_escaped_and_whole(cli, notifications, no_fallback):
    server = notifications()
    about = "-u critical & <b>now</b>"
    add_reply(cli, who="O'Brien <Sales>", via="email", about=about, received="2026-11-24 09:00")
    assert cli("remind", "--once", env=no_fallback).code == 0
    [call] = not_digest(server)
    assert call["summary"] == "Reply to O'Brien <Sales>"  # the summary is plain text
    assert "&lt;b&gt;" in call["body"] and "<" not in call["body"]
    assert f"Email: {about}" in html.unescape(call["body"])


def test_without_a_notification_server_it_exits_1_and_the_reminder_stays_due(
        cli, notifications, no_fallback):
    add_reply(cli)
    result = cli("remind", "--once", env=no_fallback)
    assert result.code == 1
    assert "could not be delivered" in result.err and "next run" in result.err
    assert "Traceback" not in result.err
    server = notifications()
    assert cli("remind", "--once", env=no_fallback).code == 0
    assert len(not_digest(server)) == 1


def test_a_server_that_never_answers_gives_exit_1_in_bounded_time(cli, notifications,
                                                                  no_fallback):
    notifications(hang=True)
    add_reply(cli)
    started = time.monotonic()
    result = cli("remind", "--once", env=no_fallback)
    assert result.code == 1
    assert "did not answer" in result.err
    assert time.monotonic() - started < 15


def test_remind_needs_once(cli):
    result = cli("remind")
    assert result.code == 2
    assert "--once" in result.err
