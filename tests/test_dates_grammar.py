"""The WHEN grammar of issue 18: every listed phrase, bare hours, day order, titles, refusals.

The clock is Thursday 26 November 2026, 15:00 in Berlin; the working day is 8-18 unless a
test says otherwise (the issue's example), Monday to Friday.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.storage.settings import WorkingHours
from coach.timing.dates import (
    WhenError,
    day_order,
    is_recurring,
    not_working_day,
    parse_when,
    split_when,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=BERLIN)
HOURS = WorkingHours(frozenset(range(5)), time(8), time(18))
NINE_TO_FIVE = WorkingHours(frozenset(range(5)), time(9), time(17))


def at(*local: int) -> datetime:
    return datetime(*local, tzinfo=BERLIN)


def parse(phrase: str, locale: str = "de_DE", hours: WorkingHours = HOURS,
          now: datetime = NOW) -> datetime:
    return parse_when(phrase, now, BERLIN, hours=hours, locale=locale)


ENGLISH = [
    ("Tuesday next week", at(2026, 12, 1, 18)),
    ("next Tuesday 2pm", at(2026, 12, 1, 14)),
    ("end of month", at(2026, 11, 30, 18)),
    ("end of the month", at(2026, 11, 30, 18)),
    ("end of next week", at(2026, 12, 4, 18)),
    ("week 50", at(2026, 12, 7, 18)),
    ("later today", at(2026, 11, 26, 18)),
    ("first thing tomorrow", at(2026, 11, 27, 8)),
    ("tomorrow at 5", at(2026, 11, 27, 17)),
    ("Monday 9", at(2026, 11, 30, 9)),
    ("friday 12", at(2026, 11, 27, 12)),
    ("by Thursday noon", at(2026, 12, 3, 12)),
    ("in 3 working days", at(2026, 12, 1, 18)),
    ("the 15th", at(2026, 12, 15, 18)),
    # beyond the list: the grammar, not the list
    ("at 3", at(2026, 11, 26, 15)),  # exactly now is not past yet
    ("at 4", at(2026, 11, 26, 16)),
    ("next week Tuesday at 3", at(2026, 12, 1, 15)),
    ("Friday end of day", at(2026, 11, 27, 18)),
    ("end of this week", at(2026, 11, 27, 18)),
    ("middle of next week", at(2026, 12, 2, 18)),
    ("beginning of next month", at(2026, 12, 1, 18)),
    ("end of December", at(2026, 12, 31, 18)),
    ("mid January", at(2027, 1, 15, 18)),
    ("end of next month", at(2026, 12, 31, 18)),
    ("calendar week 2 2027", at(2027, 1, 11, 18)),
    ("in 2 business days at 10am", at(2026, 11, 30, 10)),
    ("on the 3rd at 9", at(2026, 12, 3, 9)),
    ("Dec 3rd 4pm", at(2026, 12, 3, 16)),
    ("tomorrow half past three", at(2026, 11, 27, 15, 30)),
    ("Friday quarter to five", at(2026, 11, 27, 16, 45)),
    ("tonight at 8", at(2026, 11, 26, 20)),
    ("the week after next", at(2026, 12, 7, 18)),
    ("in 2 months", at(2027, 1, 26, 15)),
    ("Fri, 27 Nov 2026, 11:15", at(2026, 11, 27, 11, 15)),
]
GERMAN = [
    ("nächste Woche Dienstag", at(2026, 12, 1, 18)),
    ("Dienstag nächste Woche", at(2026, 12, 1, 18)),
    ("KW 50", at(2026, 12, 7, 18)),
    ("KW50", at(2026, 12, 7, 18)),
    ("Kalenderwoche 50", at(2026, 12, 7, 18)),
    ("Ende des Monats", at(2026, 11, 30, 18)),
    ("Monatsende", at(2026, 11, 30, 18)),
    ("Ende nächster Woche", at(2026, 12, 4, 18)),
    ("Mitte nächster Woche", at(2026, 12, 2, 18)),
    ("Anfang nächster Woche", at(2026, 11, 30, 18)),
    ("heute bis 17 Uhr", at(2026, 11, 26, 17)),
    ("heute 17h", at(2026, 11, 26, 17)),
    ("halb drei", at(2026, 11, 27, 14, 30)),  # 14:30 has passed today
    ("Fr 15 Uhr", at(2026, 11, 27, 15)),
    ("Fr.", at(2026, 11, 27, 18)),
    ("Mo 9 Uhr", at(2026, 11, 30, 9)),
    ("in 3 Werktagen", at(2026, 12, 1, 18)),
    ("Donnerstag früh", at(2026, 12, 3, 8)),
    # beyond the list
    ("um 3", at(2026, 11, 26, 15)),
    ("um 4", at(2026, 11, 26, 16)),
    ("Fr 3", at(2026, 11, 27, 15)),
    ("morgen um halb vier", at(2026, 11, 27, 15, 30)),
    ("Freitag viertel nach zehn", at(2026, 11, 27, 10, 15)),
    ("Dienstag der nächsten Woche um 10", at(2026, 12, 1, 10)),
    ("nächste Woche am Mittwoch", at(2026, 12, 2, 18)),
    ("übernächsten Freitag", at(2026, 12, 4, 18)),
    ("Ende dieser Woche", at(2026, 11, 27, 18)),
    ("Ende Dezember", at(2026, 12, 31, 18)),
    ("Mitte Januar", at(2027, 1, 15, 18)),
    ("Ende des nächsten Monats", at(2026, 12, 31, 18)),
    ("Anfang KW 51", at(2026, 12, 14, 18)),
    ("Montag KW 51 um 9 Uhr", at(2026, 12, 14, 9)),
    ("am 15.", at(2026, 12, 15, 18)),
    ("bis zum 3. Dezember", at(2026, 12, 3, 18)),
    ("in drei Arbeitstagen um 10 Uhr", at(2026, 12, 1, 10)),
    ("in 3 Tagen um 10 Uhr", at(2026, 11, 29, 10)),
    ("heute Abend um 8", at(2026, 11, 26, 20)),
    ("Freitagnachmittag", at(2026, 11, 27, 14)),
    ("morgen Feierabend", at(2026, 11, 27, 18)),
    ("Freitag, 27.11., 9 Uhr", at(2026, 11, 27, 9)),
    ("in 2 Monaten", at(2027, 1, 26, 15)),
]


@pytest.mark.parametrize(("phrase", "expected"), ENGLISH + GERMAN)
def test_listed_phrases(phrase: str, expected: datetime) -> None:
    assert parse(phrase) == expected


def _printed(moment: datetime, lang: str) -> list[str]:
    """The ways the app prints a moment with its time, in `lang`."""
    from coach.briefing.render import _filters
    from coach.i18n import set_language
    from coach.rules.promise_check import say_when
    from coach.timing.display import day_and_time, local

    set_language(lang)
    try:
        return [
            day_and_time(moment, BERLIN),  # the window's detail pane
            local(moment, BERLIN),  # short form: backups, pauses, history
            local(moment, BERLIN, "EEE d MMM, HH:mm"),  # quick-add preview, concern log
            local(moment, BERLIN, "EEE d MMM y, HH:mm"),  # item dialog
            _filters(lang)["when"](moment),  # briefing
            say_when(moment, NOW, BERLIN, lang),  # promise wording
        ]
    finally:
        set_language("en")


@pytest.mark.parametrize(("phrase", "expected"), ENGLISH + GERMAN)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_listed_phrases_print_and_parse_again(phrase: str, expected: datetime,
                                              lang: str) -> None:
    moment = parse(phrase)
    for text in _printed(moment, lang):
        assert parse(text, {"en": "en_GB", "de": "de_DE"}[lang]) == expected, text


# Minutes within a year either side of now, without the repeated autumn hour (printed times
# carry no offset there, so 02:30 means the first 02:30 - the one the grammar picks).
MOMENTS = st.integers(min_value=-180 * 24 * 60, max_value=360 * 24 * 60).map(
    lambda m: (NOW + timedelta(minutes=m)).astimezone(BERLIN)).filter(
    lambda d: not d.fold and d.astimezone(BERLIN).replace(fold=1).utcoffset()
    == d.utcoffset())


@settings(deadline=None, max_examples=150)
@given(MOMENTS, st.sampled_from(["en", "de"]))
def test_every_printed_date_parses_back_to_the_minute(moment: datetime, lang: str) -> None:
    for text in _printed(moment, lang):
        if text.startswith(("heute", "morgen")) or text.endswith(("today", "tomorrow")) \
                or moment < NOW and text in _printed(moment, lang)[-1:]:
            continue  # say_when speaks of times to come; it is tested with those below
        parsed = parse(text, {"en": "en_GB", "de": "de_DE"}[lang], NINE_TO_FIVE)
        assert parsed == moment, text


@settings(deadline=None, max_examples=100)
@given(st.integers(min_value=1, max_value=360 * 24 * 60), st.sampled_from(["en", "de"]))
def test_promise_wording_parses_back(minutes: int, lang: str) -> None:
    from coach.rules.promise_check import say_when

    moment = (NOW + timedelta(minutes=minutes)).astimezone(BERLIN)
    if moment.fold or moment.replace(fold=1).utcoffset() != moment.utcoffset():
        return
    text = say_when(moment, NOW, BERLIN, lang)
    assert parse(text, {"en": "en_GB", "de": "de_DE"}[lang], NINE_TO_FIVE) == moment, text


@pytest.mark.parametrize("locale", ["en_US", "en_GB", "de_DE"])
@settings(deadline=None, max_examples=60)
@given(day=st.dates(min_value=NOW.date(), max_value=NOW.date() + timedelta(days=360)))
def test_printed_short_dates_follow_the_locale(locale: str, day) -> None:
    from babel.dates import format_date

    text = format_date(day, "short", locale=locale)
    assert parse(text, locale).date() == day, text


# --- bare hours --------------------------------------------------------------------------------

@settings(deadline=None, max_examples=200)
@given(hour=st.integers(1, 11), start=st.integers(6, 10), length=st.integers(7, 11),
       day=st.sampled_from(["tomorrow", "morgen", "Monday", "Fr", "Dienstag"]),
       form=st.sampled_from(["{day} at {h}", "{day} um {h}", "{day} {h}", "{day} {h} Uhr",
                             "{day} um {h}:30"]))
def test_bare_hours_follow_the_working_day(hour: int, start: int, length: int, day: str,
                                           form: str) -> None:
    hours = WorkingHours(frozenset(range(5)), time(start), time(start + length))
    phrase = form.format(day=day, h=hour)
    minute = 30 if ":30" in form else 0
    readings = [h for h in (hour, hour + 12)
                if time(start) <= time(h, minute) <= time(start + length)]
    try:
        result = parse(phrase, hours=hours).astimezone(BERLIN)
    except WhenError as exc:
        assert len(readings) != 1, phrase  # refused only when the working day can't settle it
        assert "24 hours" in str(exc)
        return
    assert (result.hour, result.minute) in [(h, minute) for h in (hour, hour + 12)]
    if len(readings) == 1:
        assert result.hour == readings[0], phrase


@pytest.mark.parametrize(("phrase", "hour"), [("at 3", 15), ("um 3", 15), ("tomorrow at 5", 17),
                                              ("Fr 3", 15), ("Monday 9", 9), ("friday 12", 12),
                                              ("Mo 8 Uhr", 8), ("um 6", 18)])
def test_bare_hours_in_an_8_to_18_day(phrase: str, hour: int) -> None:
    assert parse(phrase).astimezone(BERLIN).hour == hour


def test_an_hour_the_working_day_cannot_settle_is_refused_with_a_hint() -> None:
    with pytest.raises(WhenError) as info:
        parse("Friday at 7", hours=NINE_TO_FIVE)  # 07:00 and 19:00 are both 2 hours out
    assert '"19:00"' in str(info.value)
    assert parse("Friday 7pm", hours=NINE_TO_FIVE) == at(2026, 11, 27, 19)
    assert parse("Freitag 7 Uhr abends", hours=NINE_TO_FIVE) == at(2026, 11, 27, 19)
    assert parse("Friday 07:00", hours=NINE_TO_FIVE) == at(2026, 11, 27, 7)


# --- numeric dates ---------------------------------------------------------------------------

def test_day_order_of_locales() -> None:
    assert day_order("de_DE") == day_order("en_GB") == day_order("de_AT") == "dmy"
    assert day_order("en_US") == "mdy"
    assert day_order("sv_SE") is None  # year first
    assert day_order("xx_XX") is None
    assert day_order(None) is None


@pytest.mark.parametrize(("phrase", "locale", "expected"), [
    ("3/12", "de_DE", at(2026, 12, 3, 18)), ("3/12", "en_GB", at(2026, 12, 3, 18)),
    ("3/12", "en_US", at(2027, 3, 12, 18)), ("3.12.", "de_DE", at(2026, 12, 3, 18)),
    ("3.12.", "en_GB", at(2026, 12, 3, 18)), ("3.12.", "en_US", at(2027, 3, 12, 18)),
])  # fmt: skip
def test_numeric_dates_follow_the_locale(phrase: str, locale: str, expected: datetime) -> None:
    assert parse(phrase, locale) == expected


@settings(deadline=None, max_examples=150)
@given(day=st.integers(1, 31), month=st.integers(1, 12), year=st.integers(2020, 2040),
       sep=st.sampled_from(["/", "."]), locale=st.sampled_from(["de_DE", "en_GB", "en_US"]))
def test_numeric_dates_property(day: int, month: int, year: int, sep: str,
                                locale: str) -> None:
    first, second = (month, day) if locale == "en_US" else (day, month)
    phrase = f"{first}{sep}{second}{sep}{year}"
    try:
        expected = datetime(year, month, day, 18, tzinfo=BERLIN)
    except ValueError:
        with pytest.raises(WhenError):
            parse(phrase, locale)
        return
    assert parse(phrase, locale) == expected


@pytest.mark.parametrize("phrase", ["3/12", "3.12.", "03/12/2026"])
def test_numeric_dates_without_a_known_order_are_refused(phrase: str) -> None:
    with pytest.raises(WhenError) as info:
        parse(phrase, "sv_SE")
    assert "2026-12-03" in str(info.value)
    assert parse("2026-12-03", "sv_SE") == at(2026, 12, 3, 18)


@pytest.mark.parametrize(("phrase", "locale"), [("13/3", "en_US"), ("3/13", "de_DE"),
                                                ("31.02.", "de_DE"), ("Freitag 28.11.", "de_DE")])
def test_no_number_is_reread_as_something_else(phrase: str, locale: str) -> None:
    with pytest.raises(WhenError):
        parse(phrase, locale)


# --- names after titles ------------------------------------------------------------------------

TITLE_WORDS = ["Herr", "Herrn", "Frau", "Mr", "Mrs", "Ms", "Dr", "Dr.", "Mr."]
NAMES = ["Freitag", "Montag", "Sonntag", "Friday", "Monday", "March", "May", "Morgen", "Mai"]


@settings(deadline=None, max_examples=150)
@given(st.sampled_from(["Termin mit", "Call", "Rückruf bei", "Angebot für"]),
       st.sampled_from(TITLE_WORDS), st.sampled_from(NAMES),
       st.sampled_from(["", " tomorrow", " morgen 10 Uhr", " Fr 15 Uhr"]))
def test_a_name_after_a_title_stays_in_the_title(lead: str, title: str, name: str,
                                                  due: str) -> None:
    text = f"{lead} {title} {name}{due}"
    got_title, got_due = split_when(text, NOW, BERLIN, hours=HOURS, locale="de_DE")
    assert got_title == f"{lead} {title} {name}"
    assert (got_due is None) == (due == "")


def test_herrn_freitag() -> None:
    assert split_when("Termin mit Herrn Freitag", NOW, BERLIN) == \
        ("Termin mit Herrn Freitag", None)
    assert split_when("Termin mit Herrn Freitag Fr.", NOW, BERLIN, hours=HOURS) == \
        ("Termin mit Herrn Freitag", at(2026, 11, 27, 18))


def test_short_german_weekdays_need_a_dot_or_a_time_in_a_title() -> None:
    assert split_when("Mach das so", NOW, BERLIN) == ("Mach das so", None)
    assert split_when("Bericht Fr.", NOW, BERLIN, hours=HOURS)[1] == at(2026, 11, 27, 18)
    assert split_when("Bericht Fr 3", NOW, BERLIN, hours=HOURS)[1] == at(2026, 11, 27, 15)


# --- refusals -----------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["freitags", "every Friday", "jeden Montag 9 Uhr",
                                    "each Monday", "täglich", "on Fridays", "wöchentlich"])
def test_recurring_phrases_are_refused_with_a_hint(phrase: str) -> None:
    assert is_recurring(phrase)
    with pytest.raises(WhenError) as info:
        parse(phrase)
    assert "repeating" in str(info.value)
    assert split_when(f"Report {phrase}", NOW, BERLIN)[1] is None


@pytest.mark.parametrize("phrase", ["Friday", "morgens", "abends", "tomorrow morning",
                                    "Freitagabend", "next week"])
def test_not_recurring(phrase: str) -> None:
    assert not is_recurring(phrase)


@pytest.mark.parametrize("phrase", ["1.1.1960", "2300-01-01", "31.12.2201", "1969-12-31 10:00",
                                    "in 200 years", "in 99999 days", "KW 50 2250"])
def test_dates_outside_1970_to_2200_are_refused(phrase: str) -> None:
    with pytest.raises(WhenError):
        parse(phrase)


@pytest.mark.parametrize("phrase", ["Monday 9 Sep", "blah 3", "3", "Freitag Freitag",
                                    "Termin mit Herrn Freitag", "in 3 Jahrzehnten", "KW 54"])
def test_unknown_phrases_are_refused_with_a_suggestion(phrase: str) -> None:
    with pytest.raises(WhenError) as info:
        parse(phrase)
    assert "\n" not in str(info.value)


def test_unknown_phrase_suggests_what_works() -> None:
    with pytest.raises(WhenError) as info:
        parse("sometime around the holidays-ish")
    assert "tomorrow 10am" in str(info.value)


def test_later_today_after_work_is_refused() -> None:
    with pytest.raises(WhenError):
        parse("later today", now=at(2026, 11, 26, 19))


# --- days off ------------------------------------------------------------------------------

def test_a_day_off_is_named() -> None:
    saturday = parse("28.11. 10 Uhr")
    assert not_working_day(saturday, BERLIN, HOURS, "en_GB") == "Saturday — not a working day"
    assert not_working_day(parse("Fr 10 Uhr"), BERLIN, HOURS, "en_GB") is None


def test_cli_says_when_a_due_date_is_a_day_off(cli) -> None:
    result = cli("add", "Offer", "--due", "Saturday 10am")
    assert result.code == 0
    assert "Saturday — not a working day" in result.err
    weekday = cli("add", "Offer", "--due", "Friday 10am")
    assert weekday.code == 0 and weekday.err == ""


def test_cli_reads_bare_hours_from_the_settings(cli) -> None:
    import json

    cli("settings", "work_start", "08:00")  # may not exist yet: the default is 9-17 then
    result = cli("add", "Offer", "--due", "tomorrow at 5")
    assert result.code == 0, result.err
    [item] = json.loads(cli("list", "--json").out)["commitments"]
    assert item["due"].startswith("2026-11-27T17:00")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_coach_list_prints_due_times_that_parse_back(cli, lang: str) -> None:
    import re

    from coach.i18n import set_language

    cli("add", "Offer", "--due", "Monday 9")
    cli("reply", "Jim", "--via", "email")
    out = cli("list", env={"COACH_LANG": lang}).out
    printed = re.findall(r"  ((?:\w+\.?, )\d.*?|\w+\.?, \w+.*?) \(", out)
    assert len(printed) == 2, out
    set_language(lang)
    try:
        back = [parse(text, {"en": "en_GB", "de": "de_DE"}[lang], NINE_TO_FIVE)
                for text in printed]
    finally:
        set_language("en")
    assert at(2026, 11, 30, 9) in back, printed


def test_the_grammar_reads_bare_hours_by_the_settings_default_working_week():
    from coach.storage.settings import DEFAULT_HOURS
    from coach.timing import dates

    ours = (dates.DEFAULT_DAYS, dates.DEFAULT_START, dates.DEFAULT_END)
    assert ours == (DEFAULT_HOURS.days, DEFAULT_HOURS.start, DEFAULT_HOURS.end)
