"""Urgency: a score for every open item and the plain advice that goes with it.

In the spirit of Taskwarrior's urgency, the score is a sum of coefficient × factor; every
coefficient is a setting (``urgency_*`` and ``advice_*`` in coach/storage/settings.py). The formula,
with hours_left = (due or reply-by) − now:

    urgency = urgency_due × due_factor(hours_left)
            + urgency_overdue_per_day × min(days overdue, urgency_overdue_max_days)
            + urgency_urgent            if the urgent flag is set
            + urgency_manager           if it is for / from the manager
            + urgency_customer          if a customer is involved
            + urgency_channel_<channel> for an owed reply (call, voicemail, message, email)
            + urgency_age × min(age in days / urgency_age_days, 1)
            + urgency_keyword           if the title, subject or note has an alarm word
            + urgency_heat × heat       for a concern

    due_factor: 1.0 when due or overdue, falling linearly to 0.8 one day ahead,
                to 0.4 seven days ahead and to 0.1 four weeks ahead (0 without a time).

An alarm word also lifts the score to at least advice_call_now, so advice follows the score
alone and a sorted list never puts a "call now" below a "today":
"call-now" from advice_call_now (call, don't email); "today" from advice_today;
"this-week" from advice_this_week; else "later".

Floors that keep the advice and the reminders in agreement (coach/reminders notifies
"call now" at once and "today" before the working day ends):
- an unreturned call or voicemail past its reply-by, and an overdue promise to call back,
  are "call now";
- any other overdue promise is at least "today";
- a concern that is heating up (coach.rules.heat) is "tell your manager today", and at the
  top heat "tell your manager now", the same words as its nudge.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from coach.i18n import N_, _
from coach.model.labels import (  # noqa: F401 - re-exported vocabulary
    ADVICE_COLUMN,
    ADVICE_LABELS,
    ADVICE_SHORT,
    ADVICES,
    CALL_NOW,
    LATER,
    TELL_LABELS,
    THIS_WEEK,
    TODAY,
)
from coach.rules.alarm_words import CALLBACK_WORDS, KEYWORDS, MANAGER_WORDS  # noqa: F401

_NON_WORD = re.compile(r"\W+")
_FOLDS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "", "'": ""})


def fold(text: str | None) -> str:
    """Lower case, umlauts spelled out, punctuation as spaces: "Störung!" -> "stoerung"."""
    if not text:
        return ""
    return _NON_WORD.sub(" ", text.casefold().translate(_FOLDS)).strip()


@lru_cache(maxsize=32)
def _word_re(words: tuple[str, ...]) -> re.Pattern[str] | None:
    folded = sorted({fold(w) for w in words if fold(w)}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in folded) + r")\b")


_KEYWORD_RE = _word_re(KEYWORDS)


def detect_keyword(text: str | None, extra: tuple[str, ...] = ()) -> str | None:
    """The first alarm word in the text (folded form), or None."""
    return _keyword_in(fold(text), extra)


def _keyword_in(folded: str, extra: tuple[str, ...] = ()) -> str | None:
    if not folded:
        return None
    pattern = _KEYWORD_RE if not extra else _word_re(KEYWORDS + tuple(extra))
    match = pattern.search(folded) if pattern else None
    return match.group(0) if match else None


@dataclass(frozen=True)
class Coefficients:
    due: float = 12.0
    overdue_per_day: float = 1.0
    overdue_max_days: float = 7
    urgent: float = 10.0
    manager: float = 5.0
    customer: float = 3.0
    channel: tuple[tuple[str, float], ...] = (("call", 2.0), ("voicemail", 2.0),
                                              ("message", 1.0), ("email", 0.0))
    age: float = 2.0
    age_days: float = 14
    keyword: float = 12.0
    heat: float = 3.0
    call_now: float = 25.0
    today: float = 10.0
    this_week: float = 4.5
    tell_heat: int = 3  # coach.rules.heat thresholds (settings concern_nudge_heat, _rise)
    tell_rise: int = 2
    manager_name: str = ""
    customer_words: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> Coefficients:
        """From the settings; a bad value is refused with the settings' one message."""
        from coach.storage.settings import check

        def num(key: str, default: float) -> float:
            return float(check(key, values[key])) if key in values else default

        d = cls()
        channel = tuple((name, num(f"urgency_channel_{name}", dict(d.channel)[name]))
                        for name, _w in d.channel)
        return cls(
            due=num("urgency_due", d.due), overdue_per_day=num("urgency_overdue_per_day",
                                                               d.overdue_per_day),
            overdue_max_days=num("urgency_overdue_max_days", d.overdue_max_days),
            urgent=num("urgency_urgent", d.urgent), manager=num("urgency_manager", d.manager),
            customer=num("urgency_customer", d.customer), channel=channel,
            age=num("urgency_age", d.age), age_days=max(num("urgency_age_days", d.age_days), 1),
            keyword=num("urgency_keyword", d.keyword), heat=num("urgency_heat", d.heat),
            call_now=num("advice_call_now", d.call_now), today=num("advice_today", d.today),
            this_week=num("advice_this_week", d.this_week),
            tell_heat=int(num("concern_nudge_heat", d.tell_heat)),
            tell_rise=int(num("concern_nudge_rise", d.tell_rise)),
            manager_name=str(values.get("manager_name") or ""),
            customer_words=tuple(values.get("customer_words") or ()),
            keywords=tuple(values.get("urgency_keywords") or ()),
        )


DEFAULT = Coefficients.from_settings({})


class Urgency(NamedTuple):
    # A tuple, not a dataclass: a list of 100,000 items builds one per row.
    score: float
    advice: str
    keyword: str | None = None
    parts: tuple[tuple[str, float], ...] = ()  # (factor, points) that added to the score

    @property
    def label(self) -> str:
        if any(name == "tell" for name, _points in self.parts):
            return _(TELL_LABELS.get(self.advice, ADVICE_LABELS[self.advice]))
        return _(ADVICE_LABELS[self.advice])

    @property
    def reasons(self) -> tuple[str, ...]:
        """Factor names that added to the score, largest first."""
        return tuple(k for k, v in sorted(self.parts, key=lambda kv: -kv[1]) if v > 0)


def due_factor(hours_left: float) -> float:
    if hours_left <= 0:
        return 1.0
    if hours_left <= 24:
        return 1.0 - 0.2 * hours_left / 24
    if hours_left <= 168:
        return 0.8 - 0.4 * (hours_left - 24) / 144
    return max(0.1, 0.4 - 0.3 * (hours_left - 168) / 504)


def is_manager(who: str | None, coeff: Coefficients) -> bool:
    """The person is the manager: the configured name (or part of it) or a word like "boss"."""
    return bool(who) and _is_manager_folded(fold(who), _folded(coeff.manager_name))


@lru_cache(maxsize=8)
def _folded(text: str) -> str:
    return fold(text)


def _is_manager_folded(name: str, manager: str) -> bool:
    if not name:
        return False
    if name in MANAGER_WORDS:
        return True
    if not manager:
        return False
    # "Petra" matches "Petra Lang" and the other way round, on whole words only.
    return name == manager or f" {name} " in f" {manager} " or f" {manager} " in f" {name} "


def _customer_in(folded: str, coeff: Coefficients) -> bool:
    words = coeff.customer_words or ("customer", "client", "kunde", "kundin", "kunden")
    pattern = _word_re(tuple(words))
    return bool(pattern and pattern.search(folded))


# Bits of Static.flags: what the floors need to know about an item besides the time.
KEYWORD, LATE_CALL, PROMISE, TELL_TODAY, TELL_NOW = 1, 2, 4, 8, 16
# The order the parts are reported in (Urgency.reasons keeps it for equal points).
_PART_ORDER = ("due", "overdue", "urgent", "manager", "customer", "channel", "age", "keyword",
               "heat", "tell")


class Static(NamedTuple):
    """The part of urgency that does not change with the clock (stored with each row by
    coach.ops.listing.static, so a list is ordered without folding every text again)."""

    points: float
    flags: int
    keyword: str | None = None
    parts: tuple[tuple[str, float], ...] = ()


def static_part(*, coeff: Coefficients = DEFAULT, urgent: bool = False, manager: bool = False,
                who: str | None = None, text: str = "", channel: str | None = None,
                heat: int | None = None, told_heat: int | None = None,
                promise: bool = False) -> Static:
    """Points and floor flags from the item's words and flags alone."""
    parts: list[tuple[str, float]] = []
    if urgent:
        parts.append(("urgent", coeff.urgent))
    who_folded = fold(who)
    if manager or _is_manager_folded(who_folded, _folded(coeff.manager_name)):
        parts.append(("manager", coeff.manager))
    folded_text = fold(text)
    folded = f"{who_folded} {folded_text}"  # customer and alarm words read the same text
    if _customer_in(folded, coeff):
        parts.append(("customer", coeff.customer))
    if channel:
        parts.append(("channel", _channel_points(coeff.channel).get(channel, 0.0)))
    keyword = _keyword_in(folded, coeff.keywords)
    if keyword:
        parts.append(("keyword", coeff.keyword))
    if heat:
        parts.append(("heat", coeff.heat * heat))
    flags = (KEYWORD if keyword else 0) | (PROMISE if promise else 0)
    # A caller still waiting past the reply-by time is the habit that loses trust fastest;
    # a promised call-back that is overdue is the same thing seen from the other side.
    if channel in ("call", "voicemail") or promise and _callback_in(folded_text):
        flags |= LATE_CALL
    if heat is not None:
        from coach.rules.heat import TOP_HEAT, Thresholds, heating_up

        if heating_up(heat, told_heat, Thresholds(coeff.tell_heat, coeff.tell_rise)):
            flags |= TELL_NOW if heat >= TOP_HEAT else TELL_TODAY
            parts.append(("tell", 0.0))
    return Static(sum(points for _name, points in parts), flags, keyword, tuple(parts))


def _time_parts(now: datetime, when: datetime | None, since: datetime | None,
                coeff: Coefficients) -> list[tuple[str, float]]:
    parts: list[tuple[str, float]] = []
    if when is not None:
        hours_left = (when - now).total_seconds() / 3600
        parts.append(("due", coeff.due * due_factor(hours_left)))
        if hours_left < 0:
            days = min(-hours_left / 24, coeff.overdue_max_days)
            parts.append(("overdue", coeff.overdue_per_day * days))
    if since is not None:
        age_days = max((now - since).total_seconds() / 86400, 0)
        parts.append(("age", coeff.age * min(age_days / coeff.age_days, 1.0)))
    return parts


def _floored(score: float, flags: int, overdue: bool, coeff: Coefficients) -> float:
    if flags & KEYWORD or overdue and flags & LATE_CALL:
        # "Call now": lift the score so the order agrees with the advice.
        score = max(score, coeff.call_now)
    elif flags & PROMISE and overdue:
        score = max(score, coeff.today)  # a broken promise is never "this week"
    if flags & TELL_NOW:
        score = max(score, coeff.call_now)
    elif flags & TELL_TODAY:
        score = max(score, coeff.today)
    return round(score, 2)


def timed_score(points: float, flags: int, *, now: datetime, when: datetime | None,
                since: datetime | None, coeff: Coefficients = DEFAULT) -> float:
    """The score from a Static's points and flags and the item's times: `assess` adds the
    same numbers in the same grouping, so both give the same float."""
    moving = sum(value for _name, value in _time_parts(now, when, since, coeff))
    return _floored(points + moving, flags, when is not None and when < now, coeff)


def advice_for(score: float, coeff: Coefficients = DEFAULT) -> str:
    if score >= coeff.call_now:
        return CALL_NOW
    if score >= coeff.today:
        return TODAY
    if score >= coeff.this_week:
        return THIS_WEEK
    return LATER


def assess(*, now: datetime, coeff: Coefficients = DEFAULT, when: datetime | None = None,
           since: datetime | None = None, urgent: bool = False, manager: bool = False,
           who: str | None = None, text: str = "", channel: str | None = None,
           heat: int | None = None, told_heat: int | None = None,
           promise: bool = False) -> Urgency:
    """Score and advice from plain values; `assess_item` feeds it from a record."""
    fixed = static_part(coeff=coeff, urgent=urgent, manager=manager, who=who, text=text,
                        channel=channel, heat=heat, told_heat=told_heat, promise=promise)
    moving = _time_parts(now, when, since, coeff)
    score = _floored(fixed.points + sum(value for _name, value in moving), fixed.flags,
                     when is not None and when < now, coeff)
    parts = tuple(sorted(fixed.parts + tuple(moving), key=lambda p: _PART_ORDER.index(p[0])))
    return Urgency(score, advice_for(score, coeff), fixed.keyword, parts)


@lru_cache(maxsize=8)
def _channel_points(channel: tuple[tuple[str, float], ...]) -> dict[str, float]:
    return dict(channel)


def _callback_in(folded: str) -> bool:
    pattern = _word_re(CALLBACK_WORDS)
    return bool(pattern and pattern.search(folded))


def assess_commitment(now: datetime, coeff: Coefficients, *, title: str,
                      due: datetime | None, created: datetime | None, urgent: bool,
                      from_manager: bool, recipient: str | None,
                      note: str | None) -> Urgency:
    return assess(now=now, coeff=coeff, when=due, since=created, urgent=urgent,
                  manager=from_manager, who=recipient, text=f"{title} {note or ''}",
                  promise=True)


def assess_reply(now: datetime, coeff: Coefficients, *, who: str, channel: str,
                 received: datetime | None, reply_by: datetime | None, urgent: bool,
                 about: str | None, note: str | None) -> Urgency:
    return assess(now=now, coeff=coeff, when=reply_by, since=received, urgent=urgent, who=who,
                  channel=channel, text=f"{about or ''} {note or ''}")


def assess_concern(now: datetime, coeff: Coefficients, *, title: str, heat: int,
                   who: str | None, note: str | None, told_heat: int | None = None) -> Urgency:
    return assess(now=now, coeff=coeff, who=who, text=f"{title} {note or ''}", heat=heat,
                  told_heat=told_heat)


# The fields each kind's rule reads; the listing's SQL function passes these columns.
FIELDS = {
    "Commitment": ("title", "due", "created", "urgent", "from_manager", "recipient", "note"),
    "OwedReply": ("who", "channel", "received", "reply_by", "urgent", "about", "note"),
    "Concern": ("title", "heat", "who", "note", "told_heat"),
}
RULES = {"Commitment": assess_commitment, "OwedReply": assess_reply,
         "Concern": assess_concern}
TIMES = frozenset({"due", "created", "received", "reply_by"})
FLAGS = frozenset({"urgent", "from_manager"})


def assess_item(item: Any, now: datetime, coeff: Coefficients = DEFAULT) -> Urgency:
    """Urgency of a Commitment, OwedReply or Concern (by duck typing: coach stays acyclic)."""
    kind = type(item).__name__
    return RULES[kind](now, coeff, **{name: getattr(item, name) for name in FIELDS[kind]})


REASON_LABELS = {
    "due": N_("due soon"), "overdue": N_("overdue"), "urgent": N_("marked urgent"),
    "manager": N_("for your manager"), "customer": N_("a customer is waiting"),
    "channel": N_("they are waiting for an answer"), "age": N_("waiting a while"),
    "keyword": N_("alarm word"), "heat": N_("heat"),
    "tell": N_("your manager has not heard about it"),
}


def explain(u: Urgency) -> str:
    """One line for a tooltip: the advice and what drove it."""
    reasons = [_(REASON_LABELS[r]) for r in u.reasons]
    if u.keyword:
        reasons = [_('says "{word}"').format(word=u.keyword) if r == _(REASON_LABELS["keyword"])
                   else r for r in reasons]
    from coach.timing.display import decimal

    text = _("{advice} (urgency {score})").format(advice=u.label, score=decimal(u.score))
    return text + (": " + ", ".join(reasons) if reasons else "")
