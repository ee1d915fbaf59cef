"""The words of the WHEN grammar, English and German side by side.

Every word is stored as `dates.normalize` leaves it: lower case, umlauts folded ("naechste").
The grammar in `coach.timing.grammar` combines them; nothing here decides anything.
"""

from __future__ import annotations

WEEKDAY_NAMES = (
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
)
WEEKDAYS: dict[str, int] = {
    name: i for names in WEEKDAY_NAMES for i, name in enumerate(names)
} | {"sonnabend": 5}
# Short forms. The two-letter German ones are also everyday words ("so", "do"), so quick
# capture takes them only with a dot or a time ("Fr.", "Mo 9 Uhr"), see grammar.SHORT_ONLY.
WEEKDAY_SHORT: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6, "mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,
}  # fmt: skip
# "freitags", "every Friday": a rule, not a date (recurring commitments read them).
WEEKDAY_ADVERBS: dict[str, int] = {
    "montags": 0, "dienstags": 1, "mittwochs": 2, "donnerstags": 3, "freitags": 4,
    "samstags": 5, "sonnabends": 5, "sonntags": 6,
}  # fmt: skip
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "januar": 1, "jaenner": 1, "feb": 2, "february": 2, "februar": 2,
    "mar": 3, "march": 3, "maerz": 3, "mrz": 3, "apr": 4, "april": 4, "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7, "juli": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "okt": 10, "oktober": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12, "dez": 12, "dezember": 12,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "one": 1, "eins": 1, "two": 2, "zwei": 2, "three": 3, "drei": 3, "four": 4, "vier": 4,
    "five": 5, "fuenf": 5, "six": 6, "sechs": 6, "seven": 7, "sieben": 7, "eight": 8,
    "acht": 8, "nine": 9, "neun": 9, "ten": 10, "zehn": 10, "eleven": 11, "elf": 11,
    "twelve": 12, "zwoelf": 12,
}  # fmt: skip
# "in a week", "in einer Stunde": the article counts as one.
ONE = {"a": 1, "an": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1}
UNITS: dict[str, str] = {
    **dict.fromkeys(("min", "mins", "minute", "minutes", "minuten"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"), "hours"),
    **dict.fromkeys(("d", "day", "days", "tag", "tage", "tagen"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks", "woche", "wochen"), "weeks"),
    **dict.fromkeys(("month", "months", "monat", "monate", "monaten"), "months"),
}
WORKING_DAY_UNITS = {
    "working day", "working days", "business day", "business days", "workday", "workdays",
    "werktag", "werktage", "werktagen", "arbeitstag", "arbeitstage", "arbeitstagen",
}  # fmt: skip

# Times of day. "work_start"/"work_end" follow the user's working hours.
DAYPARTS: dict[str, int | str] = {
    **dict.fromkeys(("morning", "in the morning", "morgens", "vormittag", "vormittags",
                     "am morgen", "am vormittag"), 9),
    **dict.fromkeys(("noon", "midday", "mittag", "mittags", "zu mittag", "am mittag"), 12),
    **dict.fromkeys(("afternoon", "in the afternoon", "nachmittag", "nachmittags",
                     "am nachmittag"), 14),
    **dict.fromkeys(("evening", "in the evening", "abend", "abends", "am abend"), 19),
    **dict.fromkeys(("first thing", "first thing in the morning", "frueh", "in der frueh",
                     "gleich frueh", "start of day", "start of business", "arbeitsbeginn",
                     "dienstbeginn"), "work_start"),
    **dict.fromkeys(("end of day", "end of the day", "eod", "end of business", "cob",
                     "close of business", "feierabend", "ende des tages", "dienstschluss",
                     "zum feierabend", "bei feierabend"), "work_end"),
}  # fmt: skip
# "Morgen" is "tomorrow" on its own, a day part only after a day ("heute Morgen").
DAYPARTS_AFTER_DAY: dict[str, int | str] = {"morgen": 9}

FIXED_DAYS: dict[str, tuple[int, int | str | None]] = {  # phrase -> (days ahead, time)
    "today": (0, None), "heute": (0, None), "tomorrow": (1, None), "morgen": (1, None),
    "day after tomorrow": (2, None), "the day after tomorrow": (2, None),
    "uebermorgen": (2, None), "tonight": (0, 19), "this morning": (0, 9),
    "this afternoon": (0, 14), "this evening": (0, 19), "heute abend": (0, 19),
    "later today": (0, "later"), "heute spaeter": (0, "later"), "spaeter heute": (0, "later"),
    "im laufe des tages": (0, "later"),
}  # fmt: skip

# Week and month references; the number is how many weeks or months ahead.
WEEKS: dict[str, int] = {
    "this week": 0, "the week": 0, "week": 0, "diese woche": 0, "dieser woche": 0,
    "der woche": 0, "in dieser woche": 0, "next week": 1, "the next week": 1,
    "naechste woche": 1, "naechster woche": 1, "kommende woche": 1, "kommender woche": 1,
    "der naechsten woche": 1, "in der naechsten woche": 1, "der kommenden woche": 1,
    "in der kommenden woche": 1, "week after next": 2, "the week after next": 2,
    "uebernaechste woche": 2, "uebernaechster woche": 2, "der uebernaechsten woche": 2,
}  # fmt: skip
MONTH_REFS: dict[str, int] = {
    "month": 0, "the month": 0, "this month": 0, "des monats": 0, "dieses monats": 0,
    "diesen monats": 0, "next month": 1, "the next month": 1, "naechsten monats": 1,
    "des naechsten monats": 1, "kommenden monats": 1, "des kommenden monats": 1,
}  # fmt: skip
# Where in a week or month: "end of", "Anfang", "Mitte".
POSITIONS: dict[str, str] = {
    "beginning of": "start", "start of": "start", "early": "start", "anfang": "start",
    "middle of": "middle", "mid": "middle", "the middle of": "middle", "mitte": "middle",
    "end of": "end", "the end of": "end", "late": "end", "ende": "end",
    "by the end of": "end", "bis ende": "end", "zum ende": "end",
}  # fmt: skip
COMPOUND_POSITIONS: dict[str, tuple[str, str, int]] = {
    "monatsende": ("end", "month", 0), "monatsanfang": ("start", "month", 0),
    "monatsbeginn": ("start", "month", 0), "monatsmitte": ("middle", "month", 0),
    "wochenmitte": ("middle", "week", 0), "wochenanfang": ("start", "week", 0),
    "eow": ("end", "week", 0), "eom": ("end", "month", 0),
}  # fmt: skip
CALENDAR_WEEK = {"week", "kw", "cw", "wk", "kalenderwoche", "calendar week", "woche"}

NEXT = {"next", "coming", "naechste", "naechsten", "naechster", "kommende", "kommenden",
        "kommender"}  # fmt: skip
THIS = {"this", "diese", "diesen", "dieser"}

# Words that only say "due at" / "due on": dropped where a part of the phrase begins.
DAY_CONNECTORS = {"by", "bis", "until", "till", "on", "am", "zum", "due", "spaetestens",
                  "den", "for", "fuer", "bis zum", "bis spaetestens", "no later than"}
TIME_CONNECTORS = {"at", "um", "gegen", "by", "bis", "until", "till", "@", "spaetestens",
                   "bis um", "bis spaetestens", "around", "no later than"}
# Words that make a bare number a clock time ("at 3", "um 3") rather than just a number.
TIME_MARKERS = {"at", "um", "gegen", "bis", "by", "until", "till", "@", "bis um", "around"}

# A recurring phrase: a rule, not a date.
RECURRING_WORDS = {
    "every", "each", "jeden", "jede", "jeder", "alle", "daily", "weekly", "monthly",
    "yearly", "annually", "taeglich", "woechentlich", "monatlich", "jaehrlich", "werktags",
    "wochentags", "weekdays", "fortnightly", "biweekly", "zweiwoechentlich",
}  # fmt: skip
