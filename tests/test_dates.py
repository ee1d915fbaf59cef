"""The WHEN grammar: fixed clocks, explicit zones, exact instants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.timing.dates import WhenError, format_iso, is_vague, local_tz, parse_when, split_when

BERLIN = ZoneInfo("Europe/Berlin")
# Thursday, 14:00 UTC.
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=BERLIN)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


BERLIN_CASES = [
    ("tomorrow 10am", utc(2026, 11, 27, 9)),
    ("in 2 hours", utc(2026, 11, 26, 16)),
    ("next Friday", utc(2026, 11, 27, 16)),
    ("morgen 10 Uhr", utc(2026, 11, 27, 9)),
    ("übermorgen", utc(2026, 11, 28, 16)),
    ("nächsten Freitag", utc(2026, 11, 27, 16)),
    ("in 3 Tagen", utc(2026, 11, 29, 14)),
    ("Montag 9 Uhr", utc(2026, 11, 30, 8)),
    ("heute 17 Uhr", utc(2026, 11, 26, 16)),
    ("2026-12-01", utc(2026, 12, 1, 16)),
    ("1.12.2026 14:30", utc(2026, 12, 1, 13, 30)),
    ("in einer Stunde", utc(2026, 11, 26, 15)),
    ("10am", utc(2026, 11, 27, 9)),  # already past today
    ("next week", utc(2026, 11, 30, 16)),
    ("end of week", utc(2026, 11, 27, 16)),
]

UTC_CASES = [
    ("tomorrow 10am", utc(2026, 11, 27, 10)),
    ("in 2 hours", utc(2026, 11, 26, 16)),
    ("next Friday", utc(2026, 11, 27, 17)),
    ("morgen 10 Uhr", utc(2026, 11, 27, 10)),
    ("übermorgen", utc(2026, 11, 28, 17)),
    ("nächsten Freitag", utc(2026, 11, 27, 17)),
    ("in 3 Tagen", utc(2026, 11, 29, 14)),
    ("Montag 9 Uhr", utc(2026, 11, 30, 9)),
    ("heute 17 Uhr", utc(2026, 11, 26, 17)),
    ("2026-12-01", utc(2026, 12, 1, 17)),
    ("1.12.2026 14:30", utc(2026, 12, 1, 14, 30)),
    ("in einer Stunde", utc(2026, 11, 26, 15)),
    ("10am", utc(2026, 11, 27, 10)),
    ("next week", utc(2026, 11, 30, 17)),
    ("end of week", utc(2026, 11, 27, 17)),
]


@pytest.mark.parametrize(("phrase", "expected"), BERLIN_CASES)
def test_berlin(phrase: str, expected: datetime) -> None:
    result = parse_when(phrase, NOW, BERLIN)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


@pytest.mark.parametrize(("phrase", "expected"), UTC_CASES)
def test_utc(phrase: str, expected: datetime) -> None:
    assert parse_when(phrase, NOW, UTC) == expected


@pytest.mark.parametrize(
    ("phrase", "local"),
    [
        ("Tomorrow at 10 AM.", (2026, 11, 27, 10)),
        ("  morgen,  um 10:30 Uhr ", (2026, 11, 27, 10, 30)),
        ("10.30 Uhr", (2026, 11, 27, 10, 30)),
        ("3:15 pm", (2026, 11, 26, 15, 15)),
        ("at 4pm", (2026, 11, 26, 16)),
        ("15 Uhr", (2026, 11, 26, 15)),  # exactly now is not past yet
        ("um 14 Uhr", (2026, 11, 27, 14)),
        ("noon", (2026, 11, 27, 12)),
        ("tonight", (2026, 11, 26, 19)),
        ("heute abend", (2026, 11, 26, 19)),
        ("heute Morgen", (2026, 11, 26, 9)),
        ("morgen früh", (2026, 11, 27, 9)),
        ("morgen Nachmittag", (2026, 11, 27, 14)),
        ("tomorrow morning at 8", (2026, 11, 27, 8)),
        ("tonight at 8", (2026, 11, 26, 20)),
        ("Freitagabend", (2026, 11, 27, 19)),
        ("10am on Friday", (2026, 11, 27, 10)),
        ("um 9 Uhr am Montag", (2026, 11, 30, 9)),
        ("Thursday", (2026, 12, 3, 17)),  # today is Thursday: the next one
        ("this Thursday", (2026, 12, 3, 17)),
        ("am Mittwoch", (2026, 12, 2, 17)),
        ("day after tomorrow", (2026, 11, 28, 17)),
        ("Feierabend", (2026, 11, 26, 17)),
        ("end of day", (2026, 11, 26, 17)),
        ("Ende der Woche", (2026, 11, 27, 17)),
        ("nächste Woche", (2026, 11, 30, 17)),
        ("01.12.", (2026, 12, 1, 17)),
        ("20.11.", (2027, 11, 20, 17)),  # gone this year: next year's
        ("1 December", (2026, 12, 1, 17)),
        ("am 3. Dezember 2026", (2026, 12, 3, 17)),
        ("2026-12-01 14:30", (2026, 12, 1, 14, 30)),
        ("2026-12-01T14:30", (2026, 12, 1, 14, 30)),
        ("in 1 week", (2026, 12, 3, 15)),
        ("in einem Tag", (2026, 11, 27, 15)),
    ],
)
def test_more_phrases(phrase: str, local: tuple[int, ...]) -> None:
    assert parse_when(phrase, NOW, BERLIN) == datetime(*local, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("phrase", "delta"),
    [
        ("in 30 minutes", timedelta(minutes=30)),
        ("in 30 Minuten", timedelta(minutes=30)),
        ("in 2 Stunden", timedelta(hours=2)),
        ("in 2 h", timedelta(hours=2)),
        ("in 45 min", timedelta(minutes=45)),
        ("in 3 days", timedelta(days=3)),
    ],
)
def test_relative_is_exact(phrase: str, delta: timedelta) -> None:
    now = datetime(2026, 11, 26, 15, 7, 42, tzinfo=BERLIN)
    assert parse_when(phrase, now, BERLIN) == now + delta


def test_offsets_in_iso() -> None:
    assert parse_when("2026-12-01T14:30Z", NOW, BERLIN) == utc(2026, 12, 1, 14, 30)
    assert parse_when("2026-12-01T14:30+05:00", NOW, BERLIN) == utc(2026, 12, 1, 9, 30)


def test_now_in_another_zone_is_fine() -> None:
    now = NOW.astimezone(ZoneInfo("America/New_York"))
    assert parse_when("tomorrow 10am", now, BERLIN) == utc(2026, 11, 27, 9)


def test_dst_spring_forward_keeps_wall_time() -> None:
    now = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    assert parse_when("tomorrow 10am", now, BERLIN) == utc(2026, 3, 29, 8)


def test_dst_fall_back_keeps_wall_time() -> None:
    now = datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    assert parse_when("tomorrow 10am", now, BERLIN) == utc(2026, 10, 25, 9)


def test_time_in_the_spring_gap_lands_after_it() -> None:
    now = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    result = parse_when("2026-03-29 02:30", now, BERLIN)
    assert result == utc(2026, 3, 29, 1, 30)
    assert format_iso(result, BERLIN) == "2026-03-29T03:30:00+02:00"


def test_repeated_autumn_time_is_the_first() -> None:
    now = datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    assert parse_when("2026-10-25 02:30", now, BERLIN) == utc(2026, 10, 25, 0, 30)


def test_days_keep_wall_time_across_dst() -> None:
    now = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    assert parse_when("in 1 day", now, BERLIN) == datetime(2026, 3, 29, 12, tzinfo=BERLIN)


def test_months_are_calendar_months_in_aware_utc() -> None:
    result = parse_when("in 2 Monaten", NOW, BERLIN)
    assert result == utc(2027, 1, 26, 14)
    assert result.tzinfo is UTC


LONG = "x" * 300


@pytest.mark.parametrize(
    "phrase",
    ["", "   ", "blah blah", "soon", "bald", "ASAP", "so schnell wie möglich", "a", LONG,
     "25 Uhr", "31.02.2026", "2026-02-30", "13pm", "Tell Morgan"],
)  # fmt: skip
def test_errors_quote_the_phrase(phrase: str) -> None:
    with pytest.raises(WhenError) as info:
        parse_when(phrase, NOW, BERLIN)
    message = str(info.value)
    assert info.value.phrase == phrase
    assert "\n" not in message
    if phrase == LONG:
        assert '"' + "x" * 39 + '…"' in message
        assert len(message) < 100
    else:
        assert f'"{phrase.strip()}"' in message


def test_error_is_a_value_error() -> None:
    assert issubclass(WhenError, ValueError)
    assert str(WhenError("blah")) == 'Cannot understand the date "blah".'


@pytest.mark.parametrize(
    ("text", "title", "local"),
    [
        ("Call Jim back about the refund tomorrow 10am", "Call Jim back about the refund",
         (2026, 11, 27, 10)),
        ("Tell Morgan tomorrow", "Tell Morgan", (2026, 11, 27, 17)),
        ("Send the report by Friday", "Send the report", (2026, 11, 27, 17)),
        ("Angebot an Frau Koch schicken bis morgen 10 Uhr", "Angebot an Frau Koch schicken",
         (2026, 11, 27, 10)),
        ("Morgen-Meeting vorbereiten am Montag", "Morgen-Meeting vorbereiten",
         (2026, 11, 30, 17)),
        ("Rechnung prüfen, übermorgen", "Rechnung prüfen", (2026, 11, 28, 17)),
        ("Check the build in 2 hours", "Check the build", (2026, 11, 26, 17)),
        ("Budget until end of week.", "Budget", (2026, 11, 27, 17)),
        ("Sync with Anna next Monday at 9am", "Sync with Anna", (2026, 11, 30, 9)),
    ],
)  # fmt: skip
def test_split_when(text: str, title: str, local: tuple[int, ...]) -> None:
    assert split_when(text, NOW, BERLIN) == (title, datetime(*local, tzinfo=BERLIN))


@pytest.mark.parametrize(
    "text",
    ["Buy milk", "  Ruf Morgan an  ", "Read chapter 10", "Fix it soon", "tomorrow", ""],
)
def test_split_when_without_date(text: str) -> None:
    assert split_when(text, NOW, BERLIN) == (text.strip(), None)


@pytest.mark.parametrize(
    "text",
    ["soon", "ASAP please", "when you can", "later", "sometime next month", "Bald",
     "demnächst", "so schnell wie möglich", "zeitnah", "sobald wie möglich", "irgendwann"],
)  # fmt: skip
def test_vague(text: str) -> None:
    assert is_vague(text)


@pytest.mark.parametrize(
    "text", ["tomorrow 10am", "morgen", "Balder", "Soonish", "in 2 hours", "Friday"]
)
def test_not_vague(text: str) -> None:
    assert not is_vague(text)


def test_format_iso() -> None:
    assert format_iso(utc(2026, 11, 27, 9, 0, 5), BERLIN) == "2026-11-27T10:00:05+01:00"
    assert format_iso(utc(2026, 7, 1, 9), UTC) == "2026-07-01T09:00:00+00:00"


def test_local_tz_follows_valid_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_tz() == ZoneInfo("Asia/Tokyo")
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_tz() is not None


def test_local_tz_without_tz_is_the_system_zone_tzlocal_finds(monkeypatch) -> None:
    # local_tz reads /etc/localtime itself (tzlocal is slow to start); it must agree.
    import tzlocal

    monkeypatch.delenv("TZ")
    assert local_tz() == tzlocal.get_localzone()


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=60))
def test_any_text_gives_utc_or_when_error(text: str) -> None:
    try:
        result = parse_when(text, NOW, BERLIN)
    except WhenError:
        return
    assert result.tzinfo is not None
    assert result.utcoffset() == timedelta(0)


@pytest.mark.parametrize(("seconds", "en", "de"), [
    (0, "just now", "gerade eben"), (-5, "just now", "gerade eben"),
    (-59, "just now", "gerade eben"),
    # A reminder sent 28 s before the due time said "due just now".
    (5, "in under a minute", "in weniger als einer Minute"),
    (59, "in under a minute", "in weniger als einer Minute")])
def test_a_moment_ago_is_just_now_in_lists_too(seconds, en, de) -> None:
    # Regression: `coach list` (display.Relative) said "in 0 seconds" where the window said
    # "just now".
    from coach.i18n import set_language
    from coach.timing.display import Relative, relative

    now = datetime.fromisoformat("2026-11-26T15:00:00+01:00")
    moment = now + timedelta(seconds=seconds)
    assert Relative(now)(moment) == relative(moment, now) == en
    set_language("de")
    try:
        assert Relative(now)(moment) == relative(moment, now) == de
    finally:
        set_language("en")
