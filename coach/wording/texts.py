"""Texts the app writes into an item or a log, stored as a message key plus parameters.

A get-back title or "sent in a briefing" made while the window spoke English must read
German once the user switches to German. So such a text is kept twice: rendered in the
`title`/`note` column (what older versions, the filter and an export reader see), and as
data in the row's `texts` column, a JSON object naming for each field its message and
parameters:

    {"title": {"key": "get-back", "title": "Offer", "who": "Herr Jansen"}}

Every read of a record (`coach.model.records.from_row`), of a list row and of the briefing
asks `render` for the field, in the language shown (or the briefing's). A field the user
edits is the user's text from then on: its entry is dropped (`without`). A row written
before this existed, or one whose `texts` cannot be read, shows its column verbatim.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import tzinfo
from typing import Any

from coach.i18n import N_, current_language, translation
from coach.wording.german import obj, subj

TITLE, NOTE, EVIDENCE = "title", "note", "evidence"  # evidence: a mail suggestion's
FIELDS = (TITLE, NOTE, EVIDENCE)
MAX_TITLE_IN_GET_BACK = 400  # the get-back title quotes the promise, within a title's limit

# Parameter kinds: how a stored value becomes text. Times are stored UTC (canonical form)
# and shown in the local zone, like every time the app prints.
# NAME is a name after a preposition ("an Herrn Jansen"), SUBJECT one that acts; a MESSAGE
# parameter is itself a stored message (the escalation's reason inside a concern's note).
TEXT, NAME, SUBJECT, CLOCK, STAMP, MESSAGE = ("text", "name", "subject", "clock", "stamp",
                                              "message")


class Message:
    """One generated text: its msgid, the msgid used when `optional` is empty, and the
    kind of each parameter."""

    def __init__(self, msgid: str, params: Mapping[str, str] | None = None, *,
                 optional: str | None = None, without: str | None = None) -> None:
        self.msgid, self.params = msgid, dict(params or {})
        self.optional, self.without = optional, without


GET_BACK = "get-back"
TOLD_IN_BRIEFING = "told-in-briefing"
RETURNED_BY_EMAIL = "returned-by-email"
FOUND_IN_EMAIL = "found-in-email"
PROMISE_BY_EMAIL = "promise-by-email"
FOLLOW_UP = "follow-up"
YOU_ASKED = "you-asked"
ESCALATING = "escalating"
ESCALATION_EVIDENCE = "escalation-evidence"
ASK_BY_WHEN = "ask-by-when"
MANAGER_COPIED, CHASED, TO_MANAGER = "manager-copied", "chased", "to-manager"

MESSAGES: dict[str, Message] = {
    GET_BACK: Message(N_("Get back to {who} about “{title}”"), {"who": NAME, "title": TEXT},
                      optional="who", without=N_("Get back about “{title}”")),
    TOLD_IN_BRIEFING: Message(N_("sent in a briefing")),
    RETURNED_BY_EMAIL: Message(N_("Returned by email at {time}."), {"time": CLOCK}),
    FOUND_IN_EMAIL: Message(N_("Found in your email to {who}, subject “{subject}”, sent "
                               "{date}."), {"who": NAME, "subject": TEXT, "date": STAMP}),
    PROMISE_BY_EMAIL: Message(N_("Promise by email")),
    FOLLOW_UP: Message(N_("Follow up with {who}: {subject}"), {"who": NAME, "subject": TEXT}),
    YOU_ASKED: Message(N_("You asked: “{question}”"), {"question": TEXT}),
    ESCALATING: Message(N_("{who} is escalating: {subject}"), {"who": SUBJECT,
                                                                "subject": TEXT}),
    ESCALATION_EVIDENCE: Message(
        N_("{date}: {evidence} Brief your manager before they hear it from {who}."),
        {"date": STAMP, "evidence": MESSAGE, "who": NAME}),
    ASK_BY_WHEN: Message(N_('Ask {who} by when they need "{title}"'),
                         {"who": NAME, "title": TEXT}, optional="who",
                         without=N_('Ask the requester by when they need "{title}"')),
    # Why a mail escalates (coach.mail.escalation), the evidence of its suggestion.
    MANAGER_COPIED: Message(N_("{who} copied your manager in “{subject}”."),
                            {"who": SUBJECT, "subject": TEXT}),
    CHASED: Message(N_("{who} is chasing again: “{subject}”."),
                    {"who": SUBJECT, "subject": TEXT}),
    TO_MANAGER: Message(N_("{who} wrote to your manager about it, with you only in Cc: "
                           "“{subject}”."), {"who": SUBJECT, "subject": TEXT}),
}
MAX_TITLE = 500  # coach.model.validate.MAX_TITLE: a rendered title never grows past it


def message(key: str, **params: Any) -> dict[str, Any]:
    """A stored text: `message(GET_BACK, title="Offer", who="Herr Jansen")`."""
    if key not in MESSAGES:
        raise KeyError(key)
    if key == GET_BACK:
        title = str(params.get("title") or "")
        if len(title) > MAX_TITLE_IN_GET_BACK:
            params["title"] = title[: MAX_TITLE_IN_GET_BACK - 1] + "…"
    return {"key": key, **{name: value for name, value in params.items() if value is not None}}


def _value(kind: str, value: Any, lang: str, tz: tzinfo | None) -> str:
    if kind == NAME:
        return obj(str(value), lang)
    if kind == SUBJECT:
        return subj(str(value), lang)
    if kind == MESSAGE:
        return render(value, lang, tz) if isinstance(value, Mapping) else str(value)
    if kind in (CLOCK, STAMP):
        from coach.timing.dates import local_tz
        from coach.timing.timeutil import from_db

        moment = from_db(str(value)).astimezone(tz or local_tz())
        return moment.strftime("%H:%M" if kind == CLOCK else "%Y-%m-%d %H:%M")
    return " ".join(str(value).split())


def render(spec: Mapping[str, Any], lang: str | None = None, tz: tzinfo | None = None) -> str:
    """The text of one stored message in `lang` (None: the language shown)."""
    lang = lang or current_language()
    found = MESSAGES[spec["key"]]
    gettext: Callable[[str], str] = translation(lang).gettext
    msgid = found.msgid
    if found.optional and not str(spec.get(found.optional) or "").strip():
        msgid = found.without or msgid
    values = {name: _value(kind, spec.get(name, ""), lang, tz)
              for name, kind in found.params.items()}
    return gettext(msgid).format(**values)


def dump(fields: Mapping[str, Mapping[str, Any] | None]) -> str | None:
    """The `texts` column for these fields' messages (None when there are none)."""
    kept = {name: dict(spec) for name, spec in fields.items() if spec}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else None


def load(texts: object) -> dict[str, dict[str, Any]]:
    """The stored messages by field; nothing for an old row or a damaged value."""
    if not texts or not isinstance(texts, str):
        return {}
    try:
        data = json.loads(texts)
    except (ValueError, RecursionError):  # a damaged or hostile value: shown as stored
        return {}
    if not isinstance(data, dict):
        return {}
    return {name: spec for name, spec in data.items()
            if name in FIELDS and isinstance(spec, dict) and spec.get("key") in MESSAGES}


def field(texts: object, name: str, stored: Any, lang: str | None = None,
          tz: tzinfo | None = None) -> Any:
    """The field as shown: its message rendered, or `stored` as it is."""
    spec = load(texts).get(name)
    if spec is None:
        return stored
    try:
        text = render(spec, lang, tz)
        return text[:MAX_TITLE] if name == TITLE else text
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, RecursionError):
        return stored  # a message this version cannot render reads as it was written


def apply(values: dict[str, Any], lang: str | None = None) -> None:
    """Render a record's generated fields in place (the `texts` value stays as it is)."""
    for name in load(values.get("texts")):
        if name in values:
            values[name] = field(values["texts"], name, values[name], lang)


def without(texts: object, names: Iterable[str]) -> str | None:
    """`texts` once the user wrote these fields themselves."""
    kept = load(texts)
    for name in names:
        kept.pop(name, None)
    return dump(kept)


def made(name: str, spec: Mapping[str, Any]) -> tuple[str, str | None]:
    """A field the app writes now: its text in the language shown, and its `texts` value."""
    stored = dump({name: spec})
    return field(stored, name, ""), stored


def with_field(texts: object, name: str, spec: Mapping[str, Any]) -> str | None:
    """`texts` with the app's message for one more field."""
    return dump({**load(texts), name: spec})
