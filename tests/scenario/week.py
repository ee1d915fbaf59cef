"""A working week with Trust Coach, step by step: what the user types and what pops up.

Each step is (Berlin wall time, commands run at that time, notifications expected from the
reminder pass at that time: (summary, words the body must contain)). The same steps drive
`coach remind --once` (test_week_cli.py) and the window's reminder pass
(test_week_window.py), against a real notification server on a private session bus.

The week runs Monday 19 October to Monday 26 October 2026; summer time ends on Sunday 25,
so the last reminders check that 11:00 is still 11:00 on the wall after the change, and
that a computer switched off until 10:20 on Monday gets one digest and one reminder, not one
per missed time. The user never takes the end-of-day review (17:30, after the last step of
each day), so each working morning also catches up the day before's, once.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

Step = tuple[str, list[tuple[str, ...]], list[tuple[str, tuple[str, ...]]]]

# Ids are given in order in a fresh data folder: 1 the offer, 2 the call, 3 the concern.
WEEK_EN: list[Step] = [
    ("2026-10-19 08:30", [
        ("add", "Send the offer to ACME", "--to", "Frau Schneider", "--due", "2026-10-20 15:00",
         "--check", "skip"),
        ("reply", "Jim Baker", "--via", "call", "--about", "refund", "--received",
         "2026-10-19 08:30"),
        ("concern", "ACME unhappy about delays", "--heat", "2"),
    ], []),
    ("2026-10-19 09:00", [], [
        ("Your day: what matters today", ("1 reply owed today: Jim Baker",
                                          "1 concern your manager has not heard about: "
                                          "ACME unhappy about delays"))]),
    ("2026-10-19 12:59", [], []),
    ("2026-10-19 13:00", [], [("Reply to Jim Baker", ("Call: refund", "due now"))]),
    ("2026-10-19 14:00", [("heat", "3", "3")], [
        ("Tell your manager today: ACME unhappy about delays", ("Heat 3 of 5",))]),
    ("2026-10-19 15:00", [], [("Reply to Jim Baker", ("Call: refund", "2 hours ago"))]),
    ("2026-10-19 15:10", [("done", "2")], []),
    ("2026-10-19 17:00", [], []),
    ("2026-10-20 09:00", [], [
        ("Your day: what matters today", ("1 promise due today or overdue: Send the offer",)),
        ("Due in 6 hours: Send the offer to ACME", ("promised this to Frau Schneider",)),
        ("You skipped the review on Monday", ())]),
    ("2026-10-20 14:00", [], [("Due in 1 hour: Send the offer to ACME", ())]),
    ("2026-10-20 14:01", [("snooze", "1", "29min")], []),
    ("2026-10-20 14:29", [], []),
    ("2026-10-20 14:30", [], [("Due in 30 minutes: Send the offer to ACME", ())]),
    ("2026-10-20 15:00", [], [("Due now: Send the offer to ACME",
                               ("Frau Schneider is expecting it now",))]),
    ("2026-10-20 16:59", [], []),
    ("2026-10-20 17:00", [], [("Overdue: Send the offer to ACME",
                               ("2 hours ago", "Frau Schneider is waiting"))]),
    ("2026-10-21 09:00", [], [
        ("Your day: what matters today", ("1 promise due today or overdue",)),
        ("You skipped the review on Tuesday", ())]),
    ("2026-10-21 09:30", [("renegotiate", "1", "2026-10-26 11:00", "--reason",
                           "the supplier delivers on Friday")], []),
    ("2026-10-21 11:00", [], []),
    ("2026-10-22 09:00", [], [
        ("Your day: what matters today", ("1 concern your manager has not heard about",)),
        ("You skipped the review on Wednesday", ())]),
    ("2026-10-22 09:05", [("told", "3")], []),
    # Friday, the briefing day: nothing due, so no digest, but the weekly briefing nudge.
    ("2026-10-23 09:00", [], [("Time for your weekly briefing",
                               ("Friday is your briefing day",)),
                              ("You skipped the review on Thursday", ())]),
    ("2026-10-25 12:00", [], []),  # Sunday, the clocks went back an hour at 03:00
    # Off until 10:20 on Monday: the digest and the 09:00 and 10:00 reminders were missed.
    ("2026-10-26 10:20", [], [
        ("Your day: what matters today", ("Send the offer to ACME",)),
        ("Due in 40 minutes: Send the offer to ACME", ()),
        ("You skipped the review on Friday", ())]),
    ("2026-10-26 10:21", [], []),
    ("2026-10-26 10:59", [], []),
    ("2026-10-26 11:00", [], [("Due now: Send the offer to ACME", ())]),
    ("2026-10-26 11:05", [("done", "1")], []),
    ("2026-10-26 13:00", [], []),
]
RENEGOTIATION_EN = ("I need until Mon, 26 Oct 2026, 11:00 for “Send the offer to ACME”, "
                    "because the supplier delivers on Friday. I am sorry for the change.")


WEEK_DE: list[Step] = [
    ("2026-10-19 08:30", [
        ("add", "Angebot an ACME schicken", "--to", "Herr Jansen", "--due", "morgen 15 Uhr",
         "--check", "skip"),
        ("reply", "Frau Schneider", "--via", "call", "--about", "Gutschrift", "--received",
         "2026-10-19 08:30"),
        ("concern", "ACME unzufrieden mit Lieferzeiten", "--heat", "2"),
    ], []),
    ("2026-10-19 09:00", [], [
        ("Ihr Tag: was heute zählt", ("1 offene Rückmeldung für heute: Frau Schneider",
                                      "1 Warnsignal, von dem Ihre Führungskraft noch nichts "
                                      "weiß: ACME unzufrieden mit Lieferzeiten"))]),
    ("2026-10-19 13:00", [], [("Rückmeldung an Frau Schneider", ("Anruf: Gutschrift",))]),
    ("2026-10-19 14:00", [("heat", "3", "4")], [
        ("Informieren Sie Ihre Führungskraft heute: ACME unzufrieden mit Lieferzeiten",
         ("Hitze 4 von 5",))]),
    ("2026-10-19 15:10", [("done", "2")], []),
    ("2026-10-20 09:00", [], [
        ("Ihr Tag: was heute zählt", ("1 Zusage heute fällig oder überfällig",)),
        ("Fällig in 6 Stunden: Angebot an ACME schicken",
         ("Sie haben das Herrn Jansen zugesagt",)),
        ("Sie haben den Tagesabschluss am Montag ausgelassen", ())]),
    ("2026-10-20 14:00", [], [("Fällig in 1 Stunde: Angebot an ACME schicken", ())]),
    ("2026-10-20 14:01", [("snooze", "1", "29 Minuten")], []),
    ("2026-10-20 14:30", [], [("Fällig in 30 Minuten: Angebot an ACME schicken", ())]),
    ("2026-10-20 15:00", [], [("Jetzt fällig: Angebot an ACME schicken",
                               ("Herr Jansen erwartet es jetzt",))]),
    ("2026-10-20 17:00", [], [("Überfällig: Angebot an ACME schicken",
                               ("vor 2 Stunden", "Herr Jansen wartet"))]),
    ("2026-10-21 09:00", [], [
        ("Ihr Tag: was heute zählt", ("1 Zusage heute fällig oder überfällig",)),
        ("Sie haben den Tagesabschluss am Dienstag ausgelassen", ())]),
    ("2026-10-21 09:30", [("renegotiate", "1", "Montag 11 Uhr", "--reason",
                           "der Lieferant erst am Freitag liefert")], []),
    ("2026-10-22 09:05", [("told", "3")], [
        ("Sie haben den Tagesabschluss am Mittwoch ausgelassen", ())]),
    ("2026-10-26 10:20", [], [
        ("Ihr Tag: was heute zählt", ("Angebot an ACME schicken",)),
        ("Fällig in 40 Minuten: Angebot an ACME schicken", ()),
        ("Sie haben den Tagesabschluss am Freitag ausgelassen", ())]),
    ("2026-10-26 10:59", [], []),
    ("2026-10-26 11:00", [], [("Jetzt fällig: Angebot an ACME schicken", ())]),
    ("2026-10-26 11:05", [("done", "1")], []),
    ("2026-10-26 13:00", [], []),
]
RENEGOTIATION_DE = ("Ich brauche bis Mo., 26. Okt. 2026, 11:00 für „Angebot an ACME schicken“, "
                    "weil der Lieferant erst am Freitag liefert. Entschuldigen Sie die "
                    "Änderung.")


def instant(text: str) -> str:
    """A Berlin wall time as ISO 8601 with its offset, for COACH_NOW."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).isoformat()


def check(step_time: str, sent: list[dict], expected) -> None:
    got = [call["summary"] for call in sent]
    assert got == [summary for summary, _words in expected], (step_time, sent)
    for call, (_summary, words) in zip(sent, expected, strict=True):
        for word in words:
            assert word in call["body"], (step_time, word, call["body"])


def window_pass(qtbot, reminders, server, monkeypatch, when: str, expected, seen: int) -> int:
    """One step's reminder pass through the window at `when`; checks what reached the
    notification server and returns how many calls it has seen so far."""
    monkeypatch.setenv("COACH_NOW", instant(when))
    with qtbot.waitSignal(reminders.passed, timeout=10_000) as got:
        reminders.run_pass()
    assert len(got.args[0].due) == len(expected), (when, got.args[0].due)
    wanted = seen + len(expected)
    qtbot.waitUntil(lambda: len(server.calls()) >= wanted, timeout=5000)
    calls = server.calls()
    check(when, calls[seen:], expected)
    return len(calls)
