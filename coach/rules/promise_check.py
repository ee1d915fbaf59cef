"""Promise check (Zusagen-Check): five questions before you promise someone something.

The questions, each answered yes / no / unsure ("not sure"):

- ``control``   Is the outcome fully in my hands? (If not: who else must act?)
- ``authority`` Am I allowed to promise this (refund, discount, escalation, someone's time)?
- ``date``      Is the date realistic, with a buffer for surprises?
- ``facts``     Do I have the facts, or is there someone who knows better?
- ``manager``   Would my manager back this promise, and should they hear of it now?

The rule. Every answer has a level; the result is the worst level of the five answers, so
each of the 3^5 = 243 combinations has exactly one result, and turning a "yes" into "unsure"
or "no" can never make the result safer:

=========  ========  ========  ========
question   yes       unsure    no
=========  ========  ========  ========
control    safe      own-part  own-part
authority  safe      not-yet   not-yet
date       safe      own-part  not-yet
facts      safe      own-part  not-yet
manager    safe      own-part  not-yet
=========  ========  ========  ========

``safe``: promise it. ``own-part``: promise only the part you control (and say when you will
report where the rest stands). ``not-yet``: don't promise it yet; promise to find out and get
back by a time you can keep. Not being allowed to promise is never a matter of degree: a
refund you are "not sure" you may grant is one you may not promise yet.

Confidence (0..1) that the promise will be kept: 0.95 times 0.75 for every "unsure" and 0.4
for every "no" (all yes gives 0.95: surprises happen even then). A skipped check records the
result ``skipped`` and no confidence.

What is recorded: the commitment with its confidence and a ``promise_checks`` row (answers,
result). ``manager`` = no or unsure sets the commitment's ``awaiting_ok`` flag, so the next
briefing asks for the manager's OK. For ``not-yet`` a second commitment is recorded: get back
to the same person by the get-back time. Its ``parent_id`` points to the risky commitment
(the get-back exists because of it; the risky one stays on the list so you can confirm or
drop it once you know more).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache
from typing import Any

from coach.errors import CoachError
from coach.i18n import N_, _, current_language
from coach.model import commitment as commitments
from coach.model import records
from coach.model.commitment import Commitment
from coach.storage.settings import DEFAULT_HOURS, WorkingHours
from coach.storage.store import Store
from coach.timing.timeutil import to_db
from coach.wording import texts

CONTROL, AUTHORITY, DATE, FACTS, MANAGER = "control", "authority", "date", "facts", "manager"
QUESTIONS = (CONTROL, AUTHORITY, DATE, FACTS, MANAGER)
YES, NO, UNSURE = "yes", "no", "unsure"
ANSWERS = (YES, NO, UNSURE)
SAFE, OWN_PART, NOT_YET, SKIPPED = "safe", "own-part", "not-yet", "skipped"
RESULTS = (SAFE, OWN_PART, NOT_YET)  # from safest to least safe

QUESTION_TEXT = {
    CONTROL: N_("Is the outcome fully in my hands? (If not: who else must act?)"),
    AUTHORITY: N_("Am I allowed to promise this (refund, discount, escalation, "
                  "someone else's time)?"),
    DATE: N_("Is the date realistic, with a buffer for surprises?"),
    FACTS: N_("Do I have the facts, or is there someone who knows better?"),
    MANAGER: N_("Would my manager back this promise, and should they hear of it now?"),
}
RESULT_TEXT = {
    SAFE: N_("Safe: promise it."),
    OWN_PART: N_("Promise only the part you control."),
    NOT_YET: N_("Don't promise yet: promise to find out and get back."),
    SKIPPED: N_("recorded without a check, on purpose."),
}
# The result as a word for people; the codes above are for files and `--json` only.
RESULT_LABELS = {SAFE: N_("safe"), OWN_PART: N_("own part only"), NOT_YET: N_("not yet"),
                 SKIPPED: N_("skipped")}
# Why a result is not "safe": one line per doubtful answer, shown next to the result.
DOUBT_TEXT = {
    CONTROL: N_("Someone else must act too."),
    AUTHORITY: N_("It is not clearly yours to promise."),
    DATE: N_("The date has no safe buffer."),
    FACTS: N_("You do not have all the facts yet."),
    MANAGER: N_("Your manager should hear of it first."),
}

_LEVEL = {SAFE: 0, OWN_PART: 1, NOT_YET: 2}
_TABLE = {
    CONTROL: {YES: SAFE, UNSURE: OWN_PART, NO: OWN_PART},
    AUTHORITY: {YES: SAFE, UNSURE: NOT_YET, NO: NOT_YET},
    DATE: {YES: SAFE, UNSURE: OWN_PART, NO: NOT_YET},
    FACTS: {YES: SAFE, UNSURE: OWN_PART, NO: NOT_YET},
    MANAGER: {YES: SAFE, UNSURE: OWN_PART, NO: NOT_YET},
}
_FACTOR = {YES: 1.0, UNSURE: 0.75, NO: 0.4}
TOP_CONFIDENCE = 0.95
_SPELLINGS = {"yes": YES, "y": YES, "no": NO, "n": NO, "unsure": UNSURE,
              "not-sure": UNSURE, "not_sure": UNSURE, "not sure": UNSURE, "notsure": UNSURE,
              # German beside English: --check control=ja,authority=nein,facts=unsicher
              "ja": YES, "j": YES, "nein": NO, "unsicher": UNSURE, "nicht sicher": UNSURE,
              "weiss nicht": UNSURE, "weiß nicht": UNSURE}


@dataclass(frozen=True)
class Verdict:
    result: str
    confidence: float
    answers: dict[str, str]
    awaiting_ok: bool
    doubts: tuple[str, ...]  # the questions not answered "yes", in question order
    get_back_by: datetime | None = None  # set for not-yet

    def reasons(self) -> list[str]:
        return [_(DOUBT_TEXT[q]) for q in self.doubts]


def complete(answers: Mapping[str, str]) -> dict[str, str]:
    """All five answers; a question left out counts as not sure."""
    return {q: answers.get(q) or UNSURE for q in QUESTIONS}


def result_of(answers: Mapping[str, str]) -> str:
    full = complete(answers)
    return max((_TABLE[q][full[q]] for q in QUESTIONS), key=_LEVEL.__getitem__)


def confidence_of(answers: Mapping[str, str]) -> float:
    value = TOP_CONFIDENCE
    for answer in complete(answers).values():
        value *= _FACTOR[answer]
    return round(value, 2)


def default_get_back(now: datetime, tz: tzinfo, hours: WorkingHours = DEFAULT_HOURS) -> datetime:
    """End of the next working day: soon enough to calm the person, late enough to find out."""
    from coach.timing.working_hours import end_of_working_day_after

    return end_of_working_day_after(now, 1, hours, tz)


def get_back_time(now: datetime, due: datetime | None, tz: tzinfo,
                  hours: WorkingHours = DEFAULT_HOURS) -> datetime:
    """When to get back: the default, or the due time if that comes first."""
    default = default_get_back(now, tz, hours)
    if due is not None and now < due < default:
        return due
    return default


def evaluate(answers: Mapping[str, str], now: datetime, due: datetime | None, tz: tzinfo,
             hours: WorkingHours = DEFAULT_HOURS) -> Verdict:
    full = complete(answers)
    result = result_of(full)
    return Verdict(
        result=result, confidence=confidence_of(full), answers=full,
        awaiting_ok=full[MANAGER] != YES,
        doubts=tuple(q for q in QUESTIONS if full[q] != YES),
        get_back_by=get_back_time(now, due, tz, hours) if result == NOT_YET else None,
    )


def normalize_answer(value: str) -> str | None:
    return _SPELLINGS.get(" ".join(value.strip().lower().split()))


def parse_answers(text: str) -> dict[str, str] | None:
    """`control=no,facts=unsure` → answers; "skip" → None. Bad input raises CoachError."""
    text = text.strip()
    if text.lower() == "skip":
        return None
    answers: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = (s.strip() for s in part.partition("="))
        key = key.lower()
        if not sep:
            raise CoachError(_('"{part}" in the promise check is not QUESTION=ANSWER '
                               '(for example control=yes).').format(part=part))
        if key not in QUESTIONS:
            raise CoachError(_('Unknown promise check question "{key}" (use {keys}).').format(
                key=key, keys=", ".join(QUESTIONS)))
        if key in answers:
            raise CoachError(_('The promise check answers "{key}" twice.').format(key=key))
        answer = normalize_answer(value)
        if answer is None:
            raise CoachError(_('"{value}" is not an answer for "{key}" (use yes, no or '
                               'unsure; ja, nein or unsicher).').format(value=value, key=key))
        answers[key] = answer
    if not answers:
        raise CoachError(_('The promise check needs answers like control=yes,date=no, '
                           'or "skip".'))
    return answers


# --- Wording -------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _phrases(lang: str) -> dict[str, str]:
    import tomllib

    from coach.resources import resource

    with resource("templates", "promise", lang, "dates.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=16)
def _template(lang: str, name: str):
    import jinja2

    from coach.resources import resource
    from coach.wording.german import obj, subj

    text = resource("templates", "promise", lang, f"{name}.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    # German case for names: "Bei {{ who|obj }}" gives "Bei Herrn Jansen".
    env.filters.update(obj=lambda name: obj(name, lang), subj=lambda name: subj(name, lang))
    return env.from_string(text)


def _language(lang: str | None) -> str:
    lang = lang or current_language()
    return lang if lang in ("en", "de") else "en"


def say_when(moment: datetime, now: datetime, tz: tzinfo, lang: str | None = None) -> str:
    """'3 pm tomorrow', 'Thursday 3 pm', 'Donnerstag, 15 Uhr': short and natural."""
    from babel.dates import format_datetime

    p = _phrases(_language(lang))
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    clock = p["hour"] if local.minute == 0 else p["hour_minute"]
    if local.hour < 12:  # "09:00 Uhr": a bare "9 Uhr" would be read by the working hours
        clock = p.get("morning", clock)
    time_text = format_datetime(local, clock, tzinfo=tz, locale=p["locale"])
    days = (local.date() - today).days
    if days == 0:
        return p["today"].format(time=time_text)
    if days == 1:
        return p["tomorrow"].format(time=time_text)
    pattern, form = (p["weekday"], p["week"]) if 1 < days < 7 else (p["date"], p["far"])
    day_text = format_datetime(local, pattern, tzinfo=tz, locale=p["locale"])
    return form.format(day=day_text, time=time_text)


def wording(result: str, title: str, who: str | None, when: datetime, now: datetime,
            tz: tzinfo, lang: str | None = None, others: str | None = None) -> str:
    """What the user can say or paste to the person, in the chosen language."""
    lang = _language(lang)
    text = _template(lang, result).render(
        title=title, who=(who or "").strip(), others=(others or "").strip(),
        when=say_when(when, now, tz, lang))
    return " ".join(text.split())


def get_back_title(title: str, who: str | None, lang: str | None = None) -> str:
    """The get-back commitment's title in `lang` (None: the language shown)."""
    return texts.render(get_back_message(title, who), lang)


def get_back_message(title: str, who: str | None) -> dict[str, Any]:
    """The get-back title as stored: rendered again in whatever language is shown."""
    return texts.message(texts.GET_BACK, title=title, who=(who or "").strip() or None)


def wording_for(verdict: Verdict, item: Commitment, now: datetime, tz: tzinfo,
                lang: str | None = None, others: str | None = None,
                hours: WorkingHours = DEFAULT_HOURS) -> str:
    """Wording for a checked item: not-yet speaks of the get-back time, the others of the due
    time (or, with no due time, of the end of the next working day)."""
    when = verdict.get_back_by or item.due or default_get_back(now, tz, hours)
    return wording(verdict.result, item.title, item.recipient, when, now, tz, lang, others)


# --- Recording -------------------------------------------------------------------------------

@dataclass
class Recorded:
    commitment: Commitment
    verdict: Verdict | None  # None: the check was skipped on purpose
    wording: str | None = None
    get_back: Commitment | None = None

    @property
    def ids(self) -> list[int]:
        return [c.id for c in (self.commitment, self.get_back) if c is not None]

    @property
    def result(self) -> str:
        return self.verdict.result if self.verdict else SKIPPED


def record(store: Store, item: Commitment, answers: Mapping[str, str] | None, now: datetime,
           tz: tzinfo, lang: str | None = None, others: str | None = None,
           hours: WorkingHours = DEFAULT_HOURS, existing: bool = False) -> Recorded:
    """Record a new commitment with its check (None: skipped) in one transaction;
    `existing`: the commitment is stored already (it came from sync) and is checked now."""
    def keep(conn) -> None:
        if existing:
            records.update(store, item, confidence=item.confidence,
                           awaiting_ok=item.awaiting_ok, recipient=item.recipient, updated=now)
        else:
            commitments.add(store, item)

    if answers is None:
        with store.write() as conn:
            keep(conn)
            _save_check(conn, item.id, SKIPPED, {}, now)
        return Recorded(item, None)
    verdict = evaluate(answers, now, item.due, tz, hours)
    item.confidence = verdict.confidence
    item.awaiting_ok = item.awaiting_ok or verdict.awaiting_ok
    done = Recorded(item, verdict, wording_for(verdict, item, now, tz, lang, others, hours))
    with store.write() as conn:
        keep(conn)
        _save_check(conn, item.id, verdict.result, verdict.answers, now)
        if verdict.result == NOT_YET:
            title, stored = texts.made(texts.TITLE, get_back_message(item.title,
                                                                     item.recipient))
            done.get_back = commitments.add(store, commitments.new(
                title, now, texts=stored,
                recipient=item.recipient, due=verdict.get_back_by, urgent=item.urgent,
                confidence=TOP_CONFIDENCE, parent_id=item.id))
    return done


def _save_check(conn, commitment_id: int, result: str, answers: Mapping[str, str],
                now: datetime) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO promise_checks (commitment_id, result, answers, checked_at) "
        "VALUES (?, ?, ?, ?)", (commitment_id, result, json.dumps(dict(answers)), to_db(now)))


def check_json(result: str | None, answers: str | None) -> dict[str, Any] | None:
    """The `"check"` value of `coach list --json` from the stored columns."""
    if result is None:
        return None
    return {"result": result, "answers": json.loads(answers) if answers else {}}


def load(store: Store, commitment_id: int) -> dict[str, Any] | None:
    row = store.conn.execute(
        "SELECT result, answers FROM promise_checks WHERE commitment_id = ?",
        (commitment_id,)).fetchone()
    return check_json(row[0], row[1]) if row else None


def summary(done: Recorded, now: datetime, tz: tzinfo) -> str:
    """The lines `coach add --check` prints on stderr: the result and what to say."""
    lines = [_("Promise check: {result} — {meaning}").format(
        result=_(RESULT_LABELS[done.result]), meaning=_(RESULT_TEXT[done.result]))]
    if done.verdict:
        lines += [f"  - {reason}" for reason in done.verdict.reasons()]
        lines.append(_("Say: {wording}").format(wording=done.wording))
        if done.get_back is not None:
            lines.append(_("Recorded: get back by {when} (id {id}).").format(
                when=say_when(done.get_back.due, now, tz), id=done.get_back.id))
        if done.commitment.awaiting_ok:
            lines.append(_("Waiting for your manager's OK in the next briefing."))
    return "\n".join(lines)
