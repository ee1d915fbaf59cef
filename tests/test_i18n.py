"""German from end to end: the command line, relative times, numbers and weeks of the locale."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from coach.i18n import set_language
from coach.stats import figures as stats
from coach.timing import display

GERMAN = {"LANG": "de_DE.UTF-8", "COACH_LANG": "", "LANGUAGE": "", "LC_ALL": ""}
# Words of the English UI that must not leak into German output.
ENGLISH_WORDS = {"commitments", "owed", "replies", "concerns", "heat", "overdue", "today",
                 "later", "this", "week", "call", "now", "ago", "hours", "days", "nothing",
                 "open", "due", "usage", "options", "positional", "arguments", "show", "help",
                 "exit", "briefing", "reply", "urgent", "manager", "the", "and", "your"}


def english_words(text: str, allowed: set[str] = frozenset()) -> set[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", text)}
    return (words & ENGLISH_WORDS) - allowed


@pytest.fixture
def german():
    set_language("de")
    yield
    set_language("en")


@pytest.fixture
def seeded(cli):
    for args in (("add", "Angebot schicken", "--to", "Frau Weber", "--due", "in 3 hours",
                  "--check", "skip"),
                 ("add", "Bericht abgeben", "--due", "2026-11-24 12:00", "--check", "skip"),
                 ("reply", "Herr Jansen", "--via", "voicemail", "--about", "Erstattung",
                  "--received", "2026-11-24 09:00"),
                 ("concern", "Kunde verärgert", "--who", "Jansen", "--heat", "4")):
        assert cli(*args).code == 0
    return cli


def test_relative_times_in_german(german, now):
    assert display.relative(now - timedelta(days=2), now) == "vor 2 Tagen"
    assert display.relative(now + timedelta(hours=3), now) == "in 3 Stunden"


def test_relative_times_in_english(now):
    set_language("en")
    assert display.relative(now - timedelta(days=2), now) == "2 days ago"


def test_list_comes_out_entirely_in_german(seeded):
    result = seeded("list", env=GERMAN)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Zusagen"
    assert "Offene Rückmeldungen" in result.out and "Warnsignale" in result.out
    assert "in 3 Stunden" in result.out and "vor 2 Tagen" in result.out
    assert "Hitze 4" in result.out and "Mailbox" in result.out
    assert english_words(result.out) == set(), result.out


def test_the_briefing_comes_out_entirely_in_german(seeded):
    result = seeded("brief", "--lang", "de")  # the cli fixture runs in English otherwise
    assert result.code == 0, result.err
    assert result.out.startswith("Lagebericht, Donnerstag, 26. November 2026")
    assert english_words(result.out) == set(), result.out


def test_help_and_usage_errors_are_german(cli):
    result = cli("--help", env=GERMAN)
    assert result.out.startswith("Aufruf: coach")
    assert "Optionen:" in result.out and "diese Hilfe anzeigen und beenden" in result.out
    # Command and option names are the fixed contract; only the prose must be German.
    prose = re.sub(r"(--?[\w-]+|\{[^}]*\}|\b[A-Z]{2,}\b)", " ", result.out)
    commands = {"add", "reply", "concern", "heat", "told", "list", "done", "export", "import",
                "ics", "brief", "backup", "restore", "stats", "remind", "install", "desktop",
                "uninstall", "coach", "version", "smoke", "minimized", "data", "dir", "trust",
                "today", "review", "skip", "sync"}
    assert english_words(prose, commands) == set(), result.out
    error = cli("heat", env=GERMAN)
    assert error.code == 2
    assert error.err == "coach: diese Argumente fehlen: ID, N (siehe coach heat --help)\n"


@pytest.mark.parametrize(("lang", "env", "locale", "weekday"), [
    ("de", {"LANG": "de_AT.UTF-8"}, "de_AT", 0),
    ("en", {"LANG": "en_US.UTF-8"}, "en_US", 6),
    ("en", {"LANG": "C.UTF-8"}, "en_GB", 0),
    ("de", {"LANG": "en_US.UTF-8"}, "de_DE", 0),  # German chosen on an English system
])
def test_formats_and_first_weekday_follow_the_locale(monkeypatch, lang, env, locale, weekday):
    for var in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    set_language(lang)
    try:
        assert display.babel_locale() == locale
        assert display.first_weekday() == weekday
    finally:
        set_language("en")


def test_weeks_start_on_sunday_where_the_locale_says_so(now):
    from coach.timing.dates import local_tz

    tz = local_tz()
    monday = stats.week_bounds(now, tz, 2)
    sunday = stats.week_bounds(now, tz, 2, first_weekday=6)
    assert [d.weekday() for d, _s, _e in monday] == [0, 0]
    assert [d.weekday() for d, _s, _e in sunday] == [6, 6]
    assert sunday[-1][1] <= now < sunday[-1][2]  # this week is still the last one


def test_german_numbers_in_the_figures(german):
    from coach.stats.wording import hours, pct

    assert pct(87.5) == "88\xa0%"  # German puts a (no-break) space before the sign
    assert hours(1.5) == "1,5 Std."
