"""The end-of-day review (Tagesabschluss): five short questions that catch what was never logged.

At the time set in settings (``review_time``) on a working day the review is due; one that
was skipped is offered the next morning as a catch-up for that day, until that day's review
time. The same questions serve the window (ui/review), `coach review` in a terminal and
`coach review --json`; the actions they offer are coach.rhythm.capture's and the
operations of coach.ops (finish, renegotiate, drop), the same as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from coach.i18n import _
from coach.model import records
from coach.model.commitment import Commitment
from coach.model.concern import Concern
from coach.storage.store import Store
from coach.timing.timeutil import iso, to_db

TODAY, CATCH_UP = "today", "catch-up"
PROMISES, REPLIES, CONCERNS, BRIEFING, SLIPS = "promises", "replies", "concerns", "briefing", \
    "slips"
QUESTIONS = (PROMISES, REPLIES, CONCERNS, BRIEFING, SLIPS)


@dataclass(frozen=True)
class ReviewDue:
    kind: str  # TODAY or CATCH_UP
    day: date

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "day": self.day.isoformat(), "text": self.text()}

    def text(self) -> str:
        if self.kind == TODAY:
            return _("Time for your end-of-day review: five questions, two minutes.")
        return _("You skipped the review on {day}: catch up now, it takes two minutes.").format(
            day=day_name(self.day))


@dataclass
class Question:
    key: str
    text: str
    hint: str
    items: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "text": self.text, "hint": self.hint, "items": self.items}


def day_name(day: date) -> str:
    from babel.dates import format_date

    from coach.timing.display import babel_locale

    return format_date(day, "EEEE", locale=babel_locale())


def _clock(value: Any) -> time | None:
    try:
        hour, minute = str(value).split(":")
        return time(int(hour), int(minute))
    except (TypeError, ValueError):
        return None


def _working_days(values: dict[str, Any]) -> set[int]:
    return set(values.get("working_days") or (0, 1, 2, 3, 4))


def previous_working_day(day: date, working_days: set[int]) -> date | None:
    for back in range(1, 8):
        candidate = day - timedelta(days=back)
        if candidate.weekday() in working_days:
            return candidate
    return None


def _reviewed(store: Store, day: date) -> bool:
    return store.conn.execute("SELECT 1 FROM reviews WHERE day = ?",
                              (day.isoformat(),)).fetchone() is not None


def in_use_before(store: Store, moment: datetime) -> bool:
    """Anything recorded before then? A fresh install has no review to catch up on."""
    row = store.conn.execute(
        "SELECT (SELECT created FROM commitments ORDER BY id LIMIT 1), "
        "(SELECT created FROM owed_replies ORDER BY id LIMIT 1), "
        "(SELECT created FROM concerns ORDER BY id LIMIT 1)").fetchone()
    first = [v for v in row if v]
    return bool(first) and min(first) < to_db(moment)


def pending(store: Store, now: datetime, tz: tzinfo, values: dict[str, Any]) -> ReviewDue | None:
    """The review to offer now: today's after its time, else yesterday's if it was skipped."""
    at = _clock(values.get("review_time"))
    if at is None:
        return None  # the review is switched off
    local = now.astimezone(tz)
    today, days = local.date(), _working_days(values)
    if today.weekday() in days and local.time() >= at:
        return None if _reviewed(store, today) else ReviewDue(TODAY, today)
    previous = previous_working_day(today, days)
    if previous is None or _reviewed(store, previous):
        return None
    due_at = datetime.combine(previous, at, tzinfo=tz)
    if not in_use_before(store, due_at):
        return None
    return ReviewDue(CATCH_UP, previous)


def current_day(store: Store, now: datetime, tz: tzinfo, values: dict[str, Any]) -> ReviewDue:
    """The day a review started now is about: the pending one, else today."""
    return pending(store, now, tz, values) or ReviewDue(TODAY, now.astimezone(tz).date())


def _bounds(day: date, tz: tzinfo) -> tuple[str, str]:
    start = datetime.combine(day, time(0), tzinfo=tz)
    return to_db(start), to_db(start + timedelta(days=1))


def _commitment_json(item: Commitment, tz: tzinfo) -> dict[str, Any]:
    return {"id": item.id, "title": item.title, "to": item.recipient, "due": iso(item.due, tz)}


def questions(store: Store, review: ReviewDue, now: datetime, tz: tzinfo,
              values: dict[str, Any]) -> list[Question]:
    """The five questions for the reviewed day, with what each can act on."""
    from coach.model.owed_reply import OwedReply
    from coach.rhythm import weekly

    lo, hi = _bounds(review.day, tz)
    same_day = review.kind == TODAY
    day = day_name(review.day)
    promised = records.select(store, Commitment, "created >= ? AND created < ? AND "
                              "(series_id IS NULL OR series_id = id) AND parent_id IS NULL",
                              (lo, hi), order="created, id")
    logged = records.select(store, OwedReply, "created >= ? AND created < ?", (lo, hi),
                            order="created, id")
    concerns = records.select(store, Concern, "status = 'open'", order="heat DESC, id")
    overdue = records.select(store, Commitment, "status = 'open' AND due IS NOT NULL AND due < ?",
                             (to_db(now),), order="due, id")
    last = weekly.last_sent(store, now)
    changes = weekly.changes_since(store, last or now - weekly.FIRST_WEEK, now)
    untold = [c for c in concerns if c.told_heat is None or c.heat > c.told_heat]
    return [
        Question(PROMISES,
                 _("Did you promise anything today that isn't here?") if same_day else
                 _("Did you promise anything on {day} that isn't here?").format(day=day),
                 _("Type it in one line, e.g. “Send Jim the offer Friday 10am”; the promise "
                   "check follows. Enter on an empty line moves on."),
                 [_commitment_json(c, tz) for c in promised]),
        Question(REPLIES,
                 _("Did calls or emails come in today that aren't logged?") if same_day else
                 _("Did calls or emails come in on {day} that aren't logged?").format(day=day),
                 _("Type who and what about, e.g. “Anna Meyer: delivery date”; start with "
                   "“email”, “voicemail” or “message” if it was not a call."),
                 [{"id": r.id, "who": r.who, "via": r.channel, "about": r.about}
                  for r in logged] + mail_suggestions(store)),
        Question(CONCERNS,
                 _("Did any concern change today? Heat it up or cool it down.") if same_day else
                 _("Did any concern change on {day}? Heat it up or cool it down.").format(
                     day=day),
                 _("+ heats up, - cools down, a number sets the heat, Enter keeps it."),
                 [{"id": c.id, "title": c.title, "heat": c.heat, "told_heat": c.told_heat}
                  for c in concerns]),
        Question(BRIEFING,
                 _("Is there anything your manager should hear before tomorrow?") if same_day
                 else _("Is there anything your manager should hear this morning?"),
                 _("B opens the briefing with what changed; Enter moves on."),
                 [{"change": line} for line in changes]
                 + [{"id": c.id, "title": c.title, "heat": c.heat, "untold": True}
                    for c in untold]),
        Question(SLIPS,
                 _("What slips? Each overdue promise: done, a new date with an honest "
                   "message, or dropped with a note to the recipient."),
                 _("D done · N new date · X drop with a note · Enter leaves it for now."),
                 [_commitment_json(c, tz) for c in overdue]),
    ]


def mail_suggestions(store: Store) -> list[dict[str, Any]]:
    """Owed replies found in the mailbox, if the mail feature exists and is connected.

    The seam for coach.mail (issue 20): it is expected to offer
    ``coach.mail.suggestions.pending(store) -> list[dict]``; until then this is empty.
    """
    try:
        from coach.mail import suggestions  # type: ignore[import-not-found]
    except ImportError:
        return []
    pending_fn = getattr(suggestions, "pending", None)
    if pending_fn is None:
        return []
    try:
        return [{"suggestion": True, **s} for s in pending_fn(store)]
    except Exception:  # noqa: BLE001 - a broken mailbox must not stop the review
        return []


def as_json(review: ReviewDue, found: list[Question]) -> dict[str, Any]:
    return {"day": review.day.isoformat(), "kind": review.kind,
            "questions": [q.to_json() for q in found]}


def _item_line(item: dict[str, Any]) -> str:
    if "change" in item:
        return item["change"]
    if item.get("suggestion"):
        return _("From your mailbox: {who}").format(who=item.get("who") or item.get("title", ""))
    if "heat" in item:
        told = _(" (your manager hasn't heard)") if item.get("untold") or \
            item.get("told_heat") is None else ""
        return _("{title}, heat {heat}").format(title=item["title"], heat=item["heat"]) + told
    if "who" in item:
        about = f": {item['about']}" if item.get("about") else ""
        return f"{item['who']} ({_(item['via'])}){about}"
    to = f" → {item['to']}" if item.get("to") else ""
    return f"{item['title']}{to}"


def heading(review: ReviewDue) -> str:
    """"End-of-day review for Thursday, November 26, 2026": the reviewed (local) day, in the
    user's language and the locale's order; the window's dialog shows the same."""
    from coach.timing.display import long_day

    return _("End-of-day review for {date}").format(date=long_day(review.day))


def render_text(review: ReviewDue, found: list[Question]) -> str:
    """What `coach review` prints when it cannot ask (no terminal): the questions as a list."""
    lines = [heading(review), ""]
    for number, q in enumerate(found, 1):
        lines.append(f"{number}. {q.text}")
        for item in q.items:
            lines.append(f"   - {_item_line(item)}")
        if not q.items and q.key == SLIPS:
            lines.append("   " + _("Nothing overdue."))
    return "\n".join(lines) + "\n"
