"""The coaching line: one concrete next step, drawn from the weakest trust figure.

Each figure has a target; the one furthest below it wins, so the user gets one habit to
work on rather than a report card. The advice follows the source article: promise only what
is in your hands, return calls the same day, tell the manager while a problem is small,
report back before being asked.
"""

from __future__ import annotations

from typing import Any

from coach.i18n import _, ngettext

# Targets in percent. Below them a figure "needs work"; the biggest gap is coached first.
TARGETS = {"replies": 90.0, "promises": 90.0, "concerns": 80.0, "loops": 90.0,
           "calibration": 85.0}
BRIEFING_QUIET_DAYS = 7
MIN_SAMPLE = 3  # fewer settled items say nothing yet about a habit


def _gaps(figures: dict[str, Any]) -> dict[str, float]:
    gaps: dict[str, float] = {}
    recent = figures.get("recent", {})
    # The line quotes the recent counts ("3 of your last 10 replies"), so they also decide:
    # a habit already mended should not be coached on because of an old 90-day average.
    for key, recent_key in (("promises", "promises_late"), ("replies", "replies_late"),
                            ("concerns", "concerns_late"), ("loops", "loops_open")):
        missed, n = recent.get(recent_key, (0, 0))
        if n >= MIN_SAMPLE:
            gaps[key] = TARGETS[key] - 100 * (n - missed) / n
    safe = figures.get("calibration", {}).get("safe")
    safe_n = figures.get("calibration_counts", {}).get("safe", [0, 0])[1]
    if safe is not None and safe_n >= MIN_SAMPLE:
        gaps["calibration"] = TARGETS["calibration"] - safe
    days = figures.get("days_since_last_briefing")
    active = any(recent.get(k, [0, 0])[1] for k in recent)
    if days is not None and days > BRIEFING_QUIET_DAYS:
        # Two weeks of silence weigh like a figure 35 points short.
        gaps["briefing"] = 5.0 * (days - BRIEFING_QUIET_DAYS)
    elif days is None and active:
        gaps["briefing"] = 20.0
    return gaps


def weakest(figures: dict[str, Any]) -> str | None:
    """The key of the figure most below its target; None when all are on target."""
    gaps = {k: v for k, v in _gaps(figures).items() if v > 0}
    return max(gaps, key=lambda k: gaps[k]) if gaps else None


def coaching_line(figures: dict[str, Any]) -> str:
    key = weakest(figures)
    recent = figures.get("recent", {})
    if key == "replies":
        late, n = recent["replies_late"]
        return ngettext(
            "{late} of your last {n} replies was late — block 15 minutes after lunch for "
            "call-backs, and call back rather than email when someone is waiting.",
            "{late} of your last {n} replies were late — block 15 minutes after lunch for "
            "call-backs, and call back rather than email when someone is waiting.",
            late).format(late=late, n=n)
    if key == "promises":
        late, n = recent["promises_late"]
        return ngettext(
            "{late} of your last {n} promises was not kept on time — before you promise, ask "
            "whether it is in your hands and the date is realistic; otherwise say "
            "\"I'll find out and get back to you by …\".",
            "{late} of your last {n} promises were not kept on time — before you promise, ask "
            "whether it is in your hands and the date is realistic; otherwise say "
            "\"I'll find out and get back to you by …\".",
            late).format(late=late, n=n)
    if key == "concerns":
        late, n = recent["concerns_late"]
        return ngettext(
            "Your manager heard of {late} of {n} concerns only once it was hot — mention a "
            "concern in two sentences when it reaches heat 3, before the customer asks for "
            "your boss.",
            "Your manager heard of {late} of {n} concerns only once they were hot — mention a "
            "concern in two sentences when it reaches heat 3, before the customer asks for "
            "your boss.",
            late).format(late=late, n=n)
    if key == "loops":
        missing, n = recent["loops_open"]
        return ngettext(
            "You did not report back on {missing} of {n} requests from your manager — when "
            "you finish one, tell them it is done before they have to ask.",
            "You did not report back on {missing} of {n} requests from your manager — when "
            "you finish one, tell them it is done before they have to ask.",
            n).format(missing=missing, n=n)
    if key == "calibration":
        return _(
            "Only {pct}% of the promises you checked as safe were kept on time — be stricter "
            "in the promise check and promise only the part that is in your own hands."
        ).format(pct=round(figures["calibration"]["safe"]))
    if key == "briefing":
        days = figures.get("days_since_last_briefing")
        if days is None:
            return _("You have not sent your manager a briefing yet — send a short status "
                     "update today, so nothing you know comes as a surprise later.")
        return ngettext(
            "Your last briefing was {days} day ago — send your manager a short status update "
            "today, so nothing you know comes as a surprise later.",
            "Your last briefing was {days} days ago — send your manager a short status update "
            "today, so nothing you know comes as a surprise later.",
            days).format(days=days)
    if not any(n for _late, n in recent.values()):
        return _("No figures yet — record your promises, owed replies and concerns, and this "
                 "page shows how reliably you keep them.")
    return _("Your figures are on target — keep returning calls the same day and telling "
             "your manager early.")
