"""The one validation every way in uses: command line, window, import, restore, mail, sync.

Each check returns the clean value or raises CoachError with one translated line that says
what is wrong and what to do. Callers never repeat a rule: the command line, the dialogs and
the import all ask this module, so a value one of them refuses is refused by all of them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from coach.errors import CoachError
from coach.i18n import N_, _

MAX_TITLE = 500
MAX_NOTE = 20_000
MAX_WORD = 100
MAX_WORDS = 200
ID_MIN, ID_MAX = 1, 2**63 - 1
HEAT_MIN, HEAT_MAX = 1, 5
YEAR_MIN, YEAR_MAX = 1970, 2200
CHANNELS = ("call", "voicemail", "email", "message")
STATUSES: dict[str, tuple[str, ...]] = {
    "commitment": ("open", "done", "renegotiated", "dropped"),
    "reply": ("open", "returned", "dropped"),
    "concern": ("open", "resolved"),
}
# The tables hold the same kinds under their own names.
KIND_OF_TABLE = {"commitments": "commitment", "owed_replies": "reply", "concerns": "concern"}

# Field names shown before a message ("Title: ..."), so one sentence serves every field and
# German needs no article that would depend on the noun.
TITLE, NAME, NOTE, ABOUT, RECIPIENT, WHO, TEXT, DATE = (
    N_("Title"), N_("Name"), N_("Note"), N_("About"), N_("To"), N_("Who"), N_("Text"),
    N_("Date"))

# Bidi embeddings, overrides and isolates reorder what follows them on screen ("Trojan
# Source"): a title could show a different text from the one stored.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\n\u2028\u2029")
# C0 (with DEL) and C1 controls, the bidi controls, and lone surrogates, in one scan.
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def _label(field: str | None) -> str:
    return _(field or TEXT)


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def text(value: object, field: str | None = None, *, required: bool = False,
         limit: int = MAX_TITLE, multiline: bool = False) -> str | None:
    """Trimmed text, or None when empty and not required.

    One-line fields (titles, names) refuse every line break; notes keep newlines and tabs.
    A Windows line end in a note becomes a plain newline rather than a refused CR.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise CoachError(_("{field}: expected text, not {value}.").format(
            field=_label(field), value=type(value).__name__))
    if multiline:
        value = value.replace("\r\n", "\n")
    value = value.strip()
    if required and not value:
        if field in (NAME, WHO):
            raise CoachError(_("The name must not be empty."))
        if field in (None, TITLE):
            raise CoachError(_("The title must not be empty."))
        raise CoachError(_("{field}: must not be empty.").format(field=_label(field)))
    if len(value) > limit:
        raise CoachError(_("{field}: the text is too long ({n} characters; at most {limit}).")
                         .format(field=_label(field), n=len(value), limit=limit))
    for match in _REFUSED.finditer(value):
        char = match.group()
        if multiline and char in "\n\t":
            continue
        raise _refusal(field, char)
    return value or None


def _refusal(field: str | None, char: str) -> CoachError:
    label = _label(field)
    if "\ud800" <= char <= "\udfff":
        # Bytes that were not UTF-8 (a command line argument, an import) arrive as lone
        # surrogates, which SQLite cannot store and no terminal can print.
        return CoachError(_("{field}: the text contains bytes that are not valid UTF-8; "
                            "please check the encoding.").format(field=label))
    if char in _LINE_BREAKS:
        return CoachError(_("{field}: must be a single line (found a line break).")
                          .format(field=label))
    if char in _BIDI:
        return CoachError(_("{field}: the text contains a hidden direction mark ({code}) "
                            "that could disguise it; please remove it.").format(
                                field=label, code=_codepoint(char)))
    return CoachError(_("{field}: the text contains a control character ({code}) that is not "
                        "allowed; please remove it.").format(field=label, code=_codepoint(char)))


def title(value: object, field: str = TITLE) -> str:
    return text(value, field, required=True)  # type: ignore[return-value]


def name(value: object, field: str = NAME) -> str:
    return text(value, field, required=True)  # type: ignore[return-value]


def line(value: object, field: str | None = None) -> str | None:
    """An optional one-line field: recipient, who, about."""
    return text(value, field)


def note(value: object, field: str = NOTE) -> str | None:
    return text(value, field, limit=MAX_NOTE, multiline=True)


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,30}\s*", value):
        return int(value)
    return None


def shown(value: object) -> str:
    """A refused value quoted in a message: short and without control characters."""
    return visible(str(value))[:40]


def heat(value: object) -> int:
    number = _whole(value)
    if number is None or not HEAT_MIN <= number <= HEAT_MAX:
        raise CoachError(_("Heat must be a whole number from {low} to {high}, not {value}.")
                         .format(low=HEAT_MIN, high=HEAT_MAX, value=shown(value)))
    return number


def status(kind: str, value: object) -> str:
    allowed = STATUSES[KIND_OF_TABLE.get(kind, kind)]
    if value not in allowed:
        raise CoachError(_('"{value}" is not a status here; use one of: {choices}.').format(
            value=shown(value), choices=", ".join(allowed)))
    return value  # type: ignore[return-value]


def channel(value: object) -> str:
    # No channel given means a call: most owed replies are missed calls.
    word = "call" if value is None else value.strip().lower() if isinstance(value, str) else ""
    word = " ".join(word.split()) or "call"
    from coach.model.labels import CHANNEL_SPELLINGS  # German and everyday spellings

    word = CHANNEL_SPELLINGS.get(word, word)
    if word not in CHANNELS:
        raise CoachError(_('Unknown channel "{channel}"; use one of: {choices}.').format(
            channel=shown(value), choices=", ".join(
                CHANNELS + ("Anruf", "Mailbox", "E-Mail", "Nachricht"))))
    return word


def item_id(value: object) -> int:
    """An item id as typed ("12", "#12") or stored: a whole number from 1 to 2^63-1."""
    number = None
    if isinstance(value, str):
        digits = value.strip().removeprefix("#")
        if digits.isascii() and digits.isdigit():
            number = int(digits[:30])
    elif not isinstance(value, bool) and isinstance(value, int):
        number = value
    if number is None:
        raise CoachError(_('"{id}" is not an item id (ids are whole numbers).').format(
            id=shown(value)))
    if not ID_MIN <= number <= ID_MAX:
        raise CoachError(_("{id} is out of range for an item id (1 to {high}).").format(
            id=shown(value), high=ID_MAX))
    return number


def when(value: object, field: str | None = None) -> datetime:
    """A moment as stored: timezone-aware, 1970–2200, UTC, whole seconds."""
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise CoachError(_("{field}: a time needs a date, a time of day and a time zone.")
                         .format(field=_label(field or N_("Time"))))
    try:
        moment = value.astimezone(UTC).replace(microsecond=0)
    except (OverflowError, ValueError):
        moment = None
    if moment is None or not YEAR_MIN <= moment.year <= YEAR_MAX:
        raise CoachError(_("{field}: {value} is outside the years {low} to {high}; please "
                           "check the date.").format(field=_label(field or N_("Time")),
                                                     value=shown(value.isoformat()),
                                                     low=YEAR_MIN, high=YEAR_MAX))
    return moment


def stored_time(value: object, field: str | None = None) -> str:
    """A time from outside (an import, a setting) in the one stored form, or refused."""
    if not isinstance(value, str):
        raise CoachError(_("{field}: a time must be written as text in ISO 8601, not {value}.")
                         .format(field=_label(field or N_("Time")), value=shown(value)))
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        parsed = None
    if parsed is None or not value.strip()[:4].isdigit():
        raise CoachError(_('{field}: "{value}" is not a time in ISO 8601 '
                           '(like 2025-03-01T09:00:00Z).').format(
                               field=_label(field or N_("Time")), value=shown(value)))
    return canonical(when(parsed, field))


def canonical(moment: datetime) -> str:
    """The stored form: four-digit year, UTC, whole seconds, "Z"; sortable as text."""
    m = moment.astimezone(UTC)
    return (f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:"
            f"{m.second:02d}Z")


def visible(value: str, keep_lines: bool = False) -> str:
    """Text for a terminal or a one-line format: control characters shown, never obeyed.

    C0 controls become their Unicode pictures (ESC → ␛), a newline in a one-line field too;
    DEL, C1, bidi controls and lone surrogates become \\x/\\u escapes.
    """
    if not _REFUSED.search(value):
        return value
    if keep_lines:
        return "\n".join(_REFUSED.sub(_picture, part) for part in value.split("\n"))
    return _REFUSED.sub(_picture, value)


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


# --- settings -----------------------------------------------------------------------------

def _clock_text(key: str, value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        return value
    raise CoachError(_('Setting "{key}": "{value}" is not a time of day like 09:00.').format(
        key=key, value=shown(value)))


def number(key: str, value: object, low: float, high: float, whole: bool) -> int | float:
    number: int | float | None = value  # type: ignore[assignment]
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or isinstance(value, float) and not math.isfinite(value)):
        number = None
    if whole and number is not None:
        number = _whole(number)
    if number is None or not low <= number <= high:
        kind = _("a whole number") if whole else _("a number")
        raise CoachError(_('Setting "{key}" must be {kind} from {low} to {high}, not {value}.')
                         .format(key=key, kind=kind, low=_plain(low), high=_plain(high),
                                 value=shown(value)))
    return number


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _words(key: str, value: object) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_WORDS:
        raise CoachError(_('Setting "{key}" must be a list of at most {n} words.').format(
            key=key, n=MAX_WORDS))
    return [text(word, key, required=True, limit=MAX_WORD) for word in value]  # type: ignore


def _days(key: str, value: object) -> list[int]:
    days = value if isinstance(value, list) else None
    if (not days or len(set(map(repr, days))) != len(days)
            or not all(_whole(d) is not None and 0 <= _whole(d) <= 6 for d in days)
            or any(isinstance(d, str | float) for d in days)):
        raise CoachError(_('Setting "{key}" must list at least one weekday as numbers from 0 '
                           '(Monday) to 6 (Sunday), each once.').format(key=key))
    return sorted(days)  # type: ignore[arg-type]


def _language(key: str, value: object) -> str | None:
    if value is None or value in ("en", "de"):
        return value  # type: ignore[return-value]
    raise CoachError(_('Setting "{key}" must be "en", "de" or empty (follow the system).')
                     .format(key=key))


def _optional_time(key: str, value: object) -> str | None:
    return None if value is None else stored_time(value, key)


def _email(key: str, value: object) -> str:
    address = text(value, key) or ""
    if address and ("@" not in address or " " in address):
        raise CoachError(_('Setting "{key}": "{value}" is not an email address.').format(
            key=key, value=shown(address)))
    return address


def _range(low: float, high: float, whole: bool = True):
    return lambda key, value: number(key, value, low, high, whole)


SETTING_RULES: dict[str, Any] = {
    "language": _language,
    "working_days": _days,
    "work_start": _clock_text, "work_end": _clock_text,
    "quiet_start": _clock_text, "quiet_end": _clock_text,
    "reply_hours_call": _range(1, 200), "reply_days_email": _range(1, 60),
    "reply_hours_urgent": _range(1, 200),
    "paused_until": _optional_time,
    "manager_name": lambda key, value: text(value, key) or "",
    "manager_email": _email,
    "briefing_quiet_days": _range(1, 365),
    "backups_keep": _range(1, 1000),
    "urgency_overdue_max_days": _range(0, 3650), "urgency_age_days": _range(1, 3650),
    "urgency_keywords": _words, "customer_words": _words,
    "concern_nudge_heat": _range(HEAT_MIN, HEAT_MAX), "concern_nudge_rise": _range(1, 4),
    "mail.follow_up_days": _range(1, 30), "mail.scan_minutes": _range(0, 24 * 60),
    "mail.look_back_days": _range(1, 365),
    # The daily rhythm (issue 22): both may be switched off with null.
    "review_time": lambda key, value: None if value is None else _clock_text(key, value),
    "briefing_weekday": lambda key, value: (None if value is None
                                            else number(key, value, 0, 6, True)),
}
for _key in ("urgency_due", "urgency_overdue_per_day", "urgency_urgent", "urgency_manager",
             "urgency_customer", "urgency_channel_call", "urgency_channel_voicemail",
             "urgency_channel_message", "urgency_channel_email", "urgency_age",
             "urgency_keyword", "urgency_heat", "advice_call_now", "advice_today",
             "advice_this_week"):
    SETTING_RULES[_key] = _range(-1000, 1000, whole=False)


def setting(key: object, value: object, defaults: Mapping[str, Any]) -> Any:
    """A setting's value checked by its key's rule; keys without their own rule take the
    type of their default. Unknown keys are refused: a typo would otherwise be kept silently.

    `defaults` is coach.storage.settings.DEFAULTS, passed in so that the settings can use
    these rules without an import cycle."""
    DEFAULTS = defaults  # noqa: N806 - the settings' own name for it

    if not isinstance(key, str) or key not in DEFAULTS:
        raise CoachError(_('"{key}" is not a setting of Trust Coach.').format(key=shown(key)))
    rule = SETTING_RULES.get(key)
    if rule is not None:
        return rule(key, value)
    default = DEFAULTS[key]
    if default is None or value is None:
        if value is None or isinstance(value, str):
            return text(value, key)
    elif isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int | float):
        return number(key, value, -1e9, 1e9, isinstance(default, int))
    elif isinstance(default, str):
        return text(value, key) or ""
    elif isinstance(default, list):
        return _words(key, value)
    raise CoachError(_('Setting "{key}" has a value of the wrong kind: {value}.').format(
        key=key, value=shown(value)))


def settings(values: dict[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Several settings at once, with the rules that tie two keys together."""
    clean = {key: setting(key, value, defaults) for key, value in values.items()}
    start, end = clean.get("work_start"), clean.get("work_end")
    if start and end and end <= start:
        raise CoachError(_("Work must end after it starts."))
    return clean

