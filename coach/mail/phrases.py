"""What a sentence in an email means: a promise, a question, a chase, an auto-reply.

Rules in English and German, matched on lower-case text with umlauts kept. They err on the
side of silence: a sentence that says "not" is no promise, and a date that is not understood
exactly is left out rather than guessed.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

_VERBS_EN = (r"send|get back|call|ring|follow up|deliver|forward|check|look into|prepare|"
             r"update|let you know|confirm|share|finish|fix|write|reply|come back|arrange|"
             r"organi[sz]e|book|schedule|review|sort|email|mail|ship|provide|draft|handle")
_VERBS_DE = (r"schicke|sende|melde|schreibe|rufe|kümmere|gebe|kläre|prüfe|liefere|bereite|"
             r"leite|maile|bestätige|erledige|überweise|reiche|stelle")
PROMISE = re.compile(
    rf"\b(?:i(?:'ll|’ll| will| shall| am going to|'m going to|’m going to)\s+(?:\w+\s+)?"
    rf"(?:{_VERBS_EN})\b"
    rf"|you(?:'ll|’ll| will)\s+(?:have|get|receive|hear from me)\b"
    rf"|i promise\b"
    rf"|\bich\s+(?:(?:werde|will)\s+.*)?(?:{_VERBS_DE})\b"
    rf"|\b(?:{_VERBS_DE})\s+ich\b"
    rf"|\bich werde\b"
    rf"|\b(?:sie|du)\s+(?:bekommen|erhalten|bekommst|erhältst)\b)")
NEGATION = re.compile(r"\b(?:not|n't|never|cannot|unable|nicht|nie|kein\w*|leider)\b|n’t\b")

QUESTION = re.compile(
    r"\?\s*$|\b(?:could you|can you|would you|will you|please (?:let me know|send|confirm|"
    r"advise|get back)|let me know|können sie|könnten sie|würden sie|kannst du|könntest du|"
    r"geben sie mir bescheid)\b|\bbitte\b.*\bbis\b")

CHASE = re.compile(
    r"\b(?:still waiting|any update|any news|never heard back|haven't heard|following up|"
    r"second request|reminder|nochmals|noch ?mals|erneut|immer noch keine antwort|"
    r"keine rückmeldung|zum wiederholten mal|erinnerung|mahnung|warte immer noch)\b")

AUTO_SUBJECT = re.compile(
    r"^(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply|"
    r"abwesenheitsnotiz|automatische antwort|abwesend|außer haus|nicht im büro|"
    r"urlaubsabwesenheit|vacation|on vacation)\b|\b(?:out of office|abwesenheitsnotiz)\b")
NO_REPLY = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|noreply\w*|mailer-daemon|postmaster|bounces?|"
    r"notifications?|notification|newsletter|news|info-noreply|automated|system)(?:[+.\-].*)?@")

_QUOTE_START = re.compile(
    r"^(?:on .{0,200}wrote:|am .{0,200}schrieb .{0,200}:|-{2,} ?original message ?-{2,}|"
    r"-{2,} ?ursprüngliche nachricht ?-{2,}|from: .*|von: .*|_{5,})\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9\"'„“])|\n\s*\n")
MAX_EVIDENCE = 300


def own_text(body: str) -> str:
    """The part of a sent body the user wrote: no quoted lines, no quoted original, no
    signature (a promise quoted back from someone else's mail is not the user's)."""
    lines = []
    for line in body.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped in ("--", "-- ") or _QUOTE_START.match(stripped):
            break
        if stripped.startswith(">"):
            continue
        lines.append(line)
    return "\n".join(lines)


def sentences(text: str) -> list[str]:
    out = []
    for part in _SENTENCE_END.split(text):
        sentence = " ".join(part.split())
        if sentence:
            out.append(sentence)
    return out


def evidence(sentence: str) -> str:
    return sentence if len(sentence) <= MAX_EVIDENCE else sentence[:MAX_EVIDENCE - 1] + "…"


def find_promise(text: str) -> str | None:
    """The first sentence of the user's own text that promises something."""
    for sentence in sentences(own_text(text)):
        low = sentence.lower()
        if "?" in low or NEGATION.search(low):
            continue
        if PROMISE.search(low):
            return evidence(sentence)
    return None


def asks(text: str) -> str | None:
    """The first sentence that asks the recipient something, or None."""
    for sentence in sentences(own_text(text)):
        if QUESTION.search(sentence.lower()):
            return evidence(sentence)
    return None


def is_chase(subject: str) -> bool:
    return bool(CHASE.search((subject or "").lower()))


def is_auto_subject(subject: str) -> bool:
    return bool(AUTO_SUBJECT.search((subject or "").lower().strip()))


def is_no_reply(address: str) -> bool:
    return bool(NO_REPLY.match((address or "").lower()))


_WORD = re.compile(r"[\wäöüÄÖÜß'’.:/-]+")
MAX_WINDOW = 6


def due_in(sentence: str, sent: datetime, tz: tzinfo | None = None) -> datetime | None:
    """The due time a promise names, read with the date grammar relative to when it was
    sent. None unless exactly one reading is found: two different dates, or none, is no
    date at all."""
    from coach.timing.dates import parse_exact

    # A greeting is no date: "Guten Morgen" must not read as "tomorrow".
    sentence = re.sub(r"\bguten morgen\b", " ", sentence, flags=re.IGNORECASE)
    words = [w.strip(".,;:!?\"'„“”()") for w in _WORD.findall(sentence)]
    words = [w for w in words if w]
    found: list[tuple[int, int, datetime]] = []
    for start in range(len(words)):
        for size in range(min(MAX_WINDOW, len(words) - start), 0, -1):
            span = (start, start + size)
            if any(a <= span[0] and span[1] <= b for a, b, _v in found):
                break  # inside a longer phrase already read
            phrase = " ".join(words[start:start + size])
            value = parse_exact(phrase, sent, tz)
            if value is not None and value > sent:
                found.append((*span, value))
                break
    values = {v for _a, _b, v in found}
    return values.pop() if len(values) == 1 else None
