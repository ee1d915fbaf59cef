""""By when?" at capture: a request without a real time gets a date before it is saved.

A captured commitment with no due time — or only a wish such as "soon", "bald" or "asap" —
gets the prompt. One-click answers: today, tomorrow, this week (each at the end of that
working day), or "I'll ask": the item is saved without a due time plus a small follow-up
commitment, due within the hour, to ask the requester by when they need it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from coach.i18n import N_, _
from coach.model.commitment import Commitment
from coach.model.commitment import new as new_commitment
from coach.storage.settings import DEFAULTS, WorkingHours
from coach.timing.dates import is_vague
from coach.timing.working_hours import add_working_hours, end_of_working_day_after
from coach.wording import texts

TODAY, TOMORROW, THIS_WEEK, ASK = "today", "tomorrow", "this-week", "ask"
ANSWERS = (TODAY, TOMORROW, THIS_WEEK, ASK)
ANSWER_LABELS = {TODAY: N_("Today"), TOMORROW: N_("Tomorrow"), THIS_WEEK: N_("This week"),
                 ASK: N_("I'll ask")}
_VAGUE_WORD_RE = re.compile(
    r"\b(soon|asap|a\.s\.a\.p\.|when you can|whenever|sometime|some time|eventually|bald|"
    r"baldmöglichst|demnächst|zeitnah|irgendwann|bei gelegenheit)\b", re.IGNORECASE)


def check_answer(answer: str) -> str:
    if answer not in ANSWERS:
        from coach.errors import CoachError

        raise CoachError(_('"{answer}" is not an answer to "By when?"; use one of: '
                           '{choices}.').format(answer=answer, choices=", ".join(ANSWERS)))
    return answer


def needs_asking(text: str, due: datetime | None) -> bool:
    """No concrete time: nothing parsed, whether or not the text says "soon"."""
    return due is None


def vague_word(text: str) -> str | None:
    """The vague wish in the text ("asap", "bald"), to quote back in the prompt."""
    if not is_vague(text):
        return None
    match = _VAGUE_WORD_RE.search(text)
    return match.group(0) if match else None


def strip_vague(text: str) -> str:
    """The title without a trailing wish: "Send the report asap" -> "Send the report"."""
    cleaned = _VAGUE_WORD_RE.sub("", text)
    return " ".join(cleaned.split()).strip(" ,;:-–—") or text.strip()


def _end_of(day: datetime, wh: WorkingHours, tz: tzinfo) -> datetime:
    return datetime.combine(day.date(), wh.end, tzinfo=tz).astimezone(UTC)


def due_for(answer: str, now: datetime, tz: tzinfo,
            values: dict[str, Any] | None = None) -> datetime:
    """The due time a one-click answer stands for."""
    wh = WorkingHours.from_settings(values or DEFAULTS)
    local = now.astimezone(tz)
    if answer == TODAY:
        end = _end_of(local, wh, tz)
        # After hours, "today" still means a real slot: give it an hour.
        return end if end > now + timedelta(minutes=30) else (now + timedelta(hours=1))
    if answer == TOMORROW:
        return _end_of(local + timedelta(days=1), wh, tz)
    if answer == THIS_WEEK:
        days_left = [d for d in range(local.weekday(), 7) if d in wh.days]
        last = max(days_left) if days_left else local.weekday()
        end = _end_of(local + timedelta(days=last - local.weekday()), wh, tz)
        return end if end > now else end_of_working_day_after(now, 1, wh, tz)
    raise ValueError(f"no due time for answer {answer!r}")


def ask_follow_up(item: Commitment, now: datetime, tz: tzinfo,
                  values: dict[str, Any] | None = None) -> Commitment:
    """The small commitment behind "I'll ask": find out by when, within a working hour."""
    wh = WorkingHours.from_settings(values or DEFAULTS)
    title, stored = texts.made(texts.TITLE, texts.message(
        texts.ASK_BY_WHEN, who=item.recipient, title=item.title))
    return new_commitment(title, now, recipient=item.recipient, texts=stored,
                          due=add_working_hours(now, 1, wh, tz), parent_id=item.id)
