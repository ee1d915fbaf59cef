"""Today (Heute): what matters today, built once for the window and for `coach today`.

Sections, in the order a day should be worked: promises that are overdue, promises due
today, replies owed (call-now first), concerns the manager has not heard about; then
whether a briefing is due and whether the end-of-day review waits. Each entry carries the
words the window and the terminal both show (title, detail, time chip) and its one-key
action, so `coach today --json` and the window's Today view are the same content.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import partial
from typing import Any

from coach.i18n import N_, _, ngettext
from coach.model import records
from coach.model import recurrence as rec
from coach.model.commitment import Commitment
from coach.model.concern import Concern
from coach.model.owed_reply import OwedReply
from coach.storage.store import Store
from coach.timing.timeutil import iso, to_db

OVERDUE, DUE_TODAY, REPLIES, CONCERNS = "overdue", "today", "replies", "concerns"
SECTION_TITLES = {OVERDUE: N_("Overdue"), DUE_TODAY: N_("Due today"),
                  REPLIES: N_("Replies owed"), CONCERNS: N_("Your manager hasn't heard")}
DONE, RETURNED, TOLD, SKIP = "done", "returned", "told", "skip"
ACTION_LABELS = {DONE: N_("Done"), RETURNED: N_("Returned"), TOLD: N_("Told"),
                 SKIP: N_("Skip")}
ACTION_KEYS = {DONE: "D", RETURNED: "R", TOLD: "T", SKIP: "S"}
# Each section shows its most urgent entries and "and N more" (issue 22): a day's list is
# something to work through, and it keeps Today's build small on any database (issue 19).
SECTION_LIMIT = 12
# The list tab that shows all of a section: 0 commitments, 1 owed replies, 2 concerns.
SECTION_TABS = {OVERDUE: 0, DUE_TODAY: 0, REPLIES: 1, CONCERNS: 2}


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    kind: str  # commitment, reply, concern
    title: str
    detail: str
    chip: str  # the due-time chip: "09:00", "2 days ago", "call now", "heat 4"
    action: str
    due: datetime | None = None
    late: bool = False
    call_now: bool = False
    heat: int | None = None
    every: str | None = None  # a recurring commitment's rule, read aloud

    def to_json(self, tz: tzinfo) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "detail": self.detail,
                "chip": self.chip, "action": self.action, "key": ACTION_KEYS[self.action],
                "due": iso(self.due, tz), "late": self.late, "call_now": self.call_now,
                "heat": self.heat, "every": self.every}


@dataclass(frozen=True)
class Section:
    key: str
    entries: tuple[Entry, ...]
    more: int = 0  # entries of this section not shown (beyond SECTION_LIMIT)

    @property
    def title(self) -> str:
        return _(SECTION_TITLES[self.key])

    @property
    def total(self) -> int:
        return len(self.entries) + self.more

    def more_text(self) -> str:
        return ngettext("and one more", "and {n} more", self.more).format(n=self.more)

    def to_json(self, tz: tzinfo) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "total": self.total, "more": self.more,
                "entries": [e.to_json(tz) for e in self.entries]}


@dataclass(frozen=True)
class Today:
    day: date
    headline: str
    sections: tuple[Section, ...]
    briefing: Any = None  # coach.rhythm.weekly.BriefingDue
    review: Any = None  # coach.rhythm.review.ReviewDue
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Everything Today holds, shown or not: the tab and the summary count it all."""
        return sum(s.total for s in self.sections)

    def entry(self, item_id: int) -> Entry | None:
        return next((e for s in self.sections for e in s.entries if e.id == item_id), None)

    def to_json(self, tz: tzinfo) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(), "headline": self.headline, "count": self.count,
            "sections": [s.to_json(tz) for s in self.sections],
            "briefing": self.briefing.to_json(tz) if self.briefing else None,
            "review": self.review.to_json() if self.review else None,
            "summary": summary(self),
        }


def _clock(moment: datetime, tz: tzinfo) -> str:
    from babel.dates import format_time

    from coach.timing.display import babel_locale

    return format_time(moment.astimezone(tz), "short", locale=babel_locale())


def _late_chip(moment: datetime, now: datetime, tz: tzinfo) -> str:
    days = (now.astimezone(tz).date() - moment.astimezone(tz).date()).days
    if days <= 0:
        return _("since {time}").format(time=_clock(moment, tz))
    if days == 1:
        return _("yesterday")
    return ngettext("{n} day late", "{n} days late", days).format(n=days)


def _commitment(item: Commitment, now: datetime, tz: tzinfo) -> Entry:
    late = item.due is not None and item.due < now
    chip = _late_chip(item.due, now, tz) if late else _clock(item.due, tz) if item.due else ""
    found = rec.of(item)
    every = found.describe() if found else None
    from coach.wording.german import obj

    detail = _("to {who}").format(who=obj(item.recipient)) if item.recipient else ""
    # Interned: thousands of entries say "3 days late" or "to Herrn Jansen"; one copy each.
    return Entry(item.id, "commitment", item.title, sys.intern(detail), sys.intern(chip),
                 DONE, item.due, late, every=every)


def _reply(item: OwedReply, now: datetime, tz: tzinfo, call_now: bool) -> Entry:
    late = item.reply_by < now
    if call_now:
        chip = _("call now")
    elif late:
        chip = _late_chip(item.reply_by, now, tz)
    else:
        chip = _("by {time}").format(time=_clock(item.reply_by, tz))
    detail = _(item.channel) + (f" · {item.about}" if item.about else "")
    return Entry(item.id, "reply", item.who, sys.intern(detail), sys.intern(chip), RETURNED,
                 item.reply_by, late, call_now)


def _concern(item: Concern) -> Entry:
    if item.told_heat is None:
        detail = _("never mentioned to your manager")
    else:
        detail = _("told at heat {told}; it rose since").format(told=item.told_heat)
    chip = _("heat {heat}").format(heat=item.heat)
    return Entry(item.id, "concern", item.title, detail, chip, TOLD, heat=item.heat)


_COMMITMENT_FIELDS = ("id, title, recipient, due, status, created, updated, rule, rule_start, "
                      "rule_tz")
_REPLY_FIELDS = ("id, who, channel, about, note, received, reply_by, urgent, status, created, "
                 "updated")


def day_bounds(now: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    day = now.astimezone(tz).date()
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)


def build(store: Store, now: datetime, tz: tzinfo, values: dict[str, Any] | None = None,
          limit: int = SECTION_LIMIT, card_from: Today | None = None) -> Today:
    """Today's content from the store; the clock and zone are passed in.

    Each section reads at most `limit` entries and counts the rest in SQL, so the build
    takes the same time and memory on any database (issue 19).

    `card_from`: an earlier Today of the same day, built from the same data, whose
    briefing card is taken as it is. The card counts a week of changes (three quarters of
    a build at 150,000 items) and changes with the day and the data, not by the minute:
    the window's minute refresh keeps it for a while (ui/today/page.py)."""
    from coach.rhythm import review
    from coach.storage import settings

    values = values if values is not None else settings.get_all(store)
    _start, end = day_bounds(now, tz)
    at, until = to_db(now), to_db(end)
    commitment = partial(_commitment, now=now, tz=tz)
    late = _section(store, OVERDUE, Commitment, "due < ?", (at,), "due, id", limit, commitment,
                    _COMMITMENT_FIELDS)
    due_today = _section(store, DUE_TODAY, Commitment, "due >= ? AND due < ?", (at, until),
                         "due, id", limit, commitment, _COMMITMENT_FIELDS)
    replies = _replies(store, now, end, values, limit, tz)
    concerns = _section(store, CONCERNS, Concern, "told_heat IS NULL OR heat > told_heat", (),
                        "heat DESC, updated DESC, id", limit, _concern, "*")
    sections = tuple(s for s in (late, due_today, replies, concerns) if s.entries)
    day = now.astimezone(tz).date()
    card = card_from.briefing if card_from is not None and card_from.day == day else \
        briefing_due(store, now, tz, values)
    return Today(day, headline(now, tz), sections, card, review.pending(store, now, tz, values))


def build_in(data_dir: str | None, card_from: Today | None = None) -> Today:
    """Today on a connection of its own (the caller's thread: the window builds it beside
    its worker), at the clock (COACH_NOW) and in the user's zone."""
    from coach.storage.store import open_store
    from coach.timing.dates import local_tz
    from coach.timing.timeutil import now

    store = open_store(data_dir)
    try:
        return build(store, now(), local_tz(), card_from=card_from)
    finally:
        store.close()


def _count(store: Store, table: str, where: str, params: tuple) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}",
                              params).fetchone()[0]


def _section(store: Store, key: str, cls: type, when: str, params: tuple, order: str,
             limit: int, make: Any, columns: str) -> Section:
    """The first `limit` open items matching `when` in the section's order, and a count of
    the rest; the count is only asked for when the page came back full."""
    where = f"status = 'open' AND {'due IS NOT NULL AND ' if cls is Commitment else ''}({when})"
    found = tuple(make(item) for item in records.select(
        store, cls, where, params, order=order, limit=limit, columns=columns))
    if len(found) < limit:
        return Section(key, found)
    return Section(key, found, _count(store, cls.TABLE, where, params) - len(found))


def _replies(store: Store, now: datetime, end: datetime, values: dict[str, Any], limit: int,
             tz: tzinfo) -> Section:
    """Owed replies: "call now" first, then the ones due by tonight, each by reply-by time.

    "Call now" is the urgency rule's advice (alarm words, a caller kept waiting, the score),
    which SQL cannot say; so the rows are read in reply-by order and scored until `limit`
    call-now replies are found. The count of the section is SQL's: every reply due by
    tonight, plus the later ones that already say "call now" (few: not yet due)."""
    from coach.rules import urgency

    coeff = urgency.Coefficients.from_settings(values)
    calls: list[Entry] = []
    others: list[Entry] = []
    for reply in records.each(store, OwedReply, "status = 'open' AND reply_by < ?",
                              (to_db(end),), order="reply_by, id", columns=_REPLY_FIELDS):
        call_now = urgency.assess_item(reply, now, coeff).advice == urgency.CALL_NOW
        if call_now:
            calls.append(_reply(reply, now, tz, True))
            if len(calls) >= limit:
                break
        elif len(others) < limit:
            others.append(_reply(reply, now, tz, False))
    later = 0  # replies due after tonight that already say "call now"
    for reply in records.each(store, OwedReply, "status = 'open' AND reply_by >= ?",
                              (to_db(end),), order="reply_by, id", columns=_REPLY_FIELDS):
        if urgency.assess_item(reply, now, coeff).advice == urgency.CALL_NOW:
            later += 1
            if len(calls) < limit:
                calls.append(_reply(reply, now, tz, True))
    shown = tuple((calls + others)[:limit])
    total = _count(store, OwedReply.TABLE, "status = 'open' AND reply_by < ?",
                   (to_db(end),)) + later
    return Section(REPLIES, shown, total - len(shown))


def briefing_due(store: Store, now: datetime, tz: tzinfo, values: dict[str, Any]):
    """The weekly briefing on its weekday, else the "don't go quiet" nudge, else None."""
    from coach.reminders.briefing_nudge import quiet_nudge
    from coach.rhythm import weekly

    found = weekly.on_briefing_day(store, now, tz, values)
    if found is None and (nudge := quiet_nudge(store, now, values)) is not None:
        found = weekly.quiet(store, now, nudge.body)
    return found


def headline(now: datetime, tz: tzinfo) -> str:
    from coach.timing.display import day_of_year

    return day_of_year(now.astimezone(tz).date())


def all_clear() -> str:
    """What an empty day means; the window shows it under its own "All clear" heading."""
    return _("Nothing is due today, nobody is waiting for you, and your manager knows "
             "everything they should.")


def summary(today: Today) -> str:
    """One line above the sections: how the day looks."""
    if not today.count:
        return _("All clear.") + " " + all_clear()
    parts = []
    counts = {s.key: s.total for s in today.sections}
    if counts.get(OVERDUE):
        parts.append(ngettext("{n} overdue", "{n} overdue", counts[OVERDUE]).format(
            n=counts[OVERDUE]))
    if counts.get(DUE_TODAY):
        parts.append(ngettext("{n} promise due today", "{n} promises due today",
                              counts[DUE_TODAY]).format(n=counts[DUE_TODAY]))
    if counts.get(REPLIES):
        parts.append(ngettext("{n} reply owed", "{n} replies owed", counts[REPLIES]).format(
            n=counts[REPLIES]))
    if counts.get(CONCERNS):
        parts.append(ngettext("{n} concern to tell", "{n} concerns to tell",
                              counts[CONCERNS]).format(n=counts[CONCERNS]))
    return " · ".join(parts)


def render_text(today: Today) -> str:
    """`coach today` without --json: the same sections, as plain lines."""
    lines = [today.headline, summary(today), ""]
    for section in today.sections:
        lines.append(f"{section.title} ({section.total})")
        for e in section.entries:
            detail = f" — {e.detail}" if e.detail else ""
            every = f" ↻ {e.every}" if e.every else ""
            lines.append(f"  {e.id:>6}  {e.title}{detail}  [{e.chip}]{every}  "
                         f"({ACTION_KEYS[e.action]}: {_(ACTION_LABELS[e.action])})")
        if section.more:
            lines.append(f"  {section.more_text()}")
        lines.append("")
    if today.briefing is not None:
        lines.append(_("Briefing due: {reason}").format(reason=today.briefing.reason))
        lines += [f"  - {change}" for change in today.briefing.changes]
        lines.append("")
    if today.review is not None:
        lines.append(today.review.text())
    return "\n".join(lines).rstrip() + "\n"
