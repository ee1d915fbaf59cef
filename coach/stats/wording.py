"""How the trust figures read, shared by `coach stats` and the dashboard so both say the same."""

from __future__ import annotations

from typing import Any

from coach.i18n import N_, _, ngettext

# The headline figures, in the order both views show them.
HEADLINES = (
    ("promises_kept_on_time_pct", N_("Promises kept on time")),
    ("replies_on_time_pct", N_("Replies on time")),
    ("concerns_told_early_pct", N_("Concerns told early")),
    ("loops_closed_pct", N_("Loops closed")),
    ("days_since_last_briefing", N_("Last briefing")),
)
CHECK_LABELS = {"safe": N_("safe"), "own-part": N_("own part only"),
                "not-yet": N_("not yet"), "skipped": N_("skipped")}
NO_DATA = "–"


def _locale() -> str:
    from coach.i18n import babel_locale

    return babel_locale()


def pct(value: float | None) -> str:
    if value is None:
        return NO_DATA
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=_locale())


def hours(value: float | None) -> str:
    """Hours up to two days, then days: "5 h", "3.5 days"."""
    if value is None:
        return NO_DATA
    from babel.numbers import format_decimal

    if value >= 48:
        days = format_decimal(round(value / 24, 1), "0.#", locale=_locale())
        return _("{days} days").format(days=days)
    return _("{hours} h").format(hours=format_decimal(value, "0.#", locale=_locale()))


def days_ago(days: int | None) -> str:
    if days is None:
        return _("never")
    if days == 0:
        return _("today")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


def headline(figures: dict[str, Any], key: str) -> str:
    if key == "days_since_last_briefing":
        return days_ago(figures[key])
    return pct(figures[key])


def sample(figures: dict[str, Any], key: str) -> str:
    """'6 promises': how many items a percentage rests on."""
    # Literal ngettext calls, so the catalog extraction sees each plural pair.
    if key == "promises_kept_on_time_pct":
        n = figures["promises_settled"]
        return ngettext("{n} promise", "{n} promises", n).format(n=n)
    if key == "replies_on_time_pct":
        n = figures["replies_settled"]
        return ngettext("{n} reply", "{n} replies", n).format(n=n)
    if key == "concerns_told_early_pct":
        n = figures["concerns_counted"]
        return ngettext("{n} concern", "{n} concerns", n).format(n=n)
    if key == "loops_closed_pct":
        n = figures["loops_counted"]
        return ngettext("{n} request from your manager", "{n} requests from your manager",
                        n).format(n=n)
    return ""


def detail(figures: dict[str, Any], key: str) -> str:
    """The second figure beside a headline: lateness, reply times, time to tell."""
    if key == "promises_kept_on_time_pct" and figures["promises_avg_lateness_hours"]:
        return _("on average {hours} late").format(
            hours=hours(figures["promises_avg_lateness_hours"]))
    if key == "replies_on_time_pct" and figures["reply_median_hours_by_channel"]:
        return _("median reply: {list}").format(list=", ".join(
            f"{_(channel)} {hours(h)}"
            for channel, h in figures["reply_median_hours_by_channel"].items()))
    if key == "concerns_told_early_pct" and figures["concern_median_hours_to_tell"] is not None:
        return _("median {hours} from heat 3 to telling").format(
            hours=hours(figures["concern_median_hours_to_tell"]))
    return ""


def calibration(figures: dict[str, Any]) -> str:
    return " · ".join(f"{_(label)} {pct(figures['calibration'][result])}"
                      for result, label in CHECK_LABELS.items())


def summary(figures: dict[str, Any]) -> str:
    """The text form of `coach stats`: a short readable summary ending in the coaching line."""
    lines = [_("Trust figures, last {days} days").format(days=figures["period_days"])]
    rhythm = _("Daily rhythm")  # outside the f-string, where the catalog extractor finds it
    labels = [_(label) for _key, label in HEADLINES] + [_("Kept, by promise check"), rhythm]
    width = max(len(label) for label in labels) + 2
    for key, label in HEADLINES:
        parts = [headline(figures, key), sample(figures, key), detail(figures, key)]
        text = "  ".join(p for p in parts if p)
        lines.append(f"  {_(label):<{width}}{text}")
    lines.append(f"  {labels[-2]:<{width}}{calibration(figures)}")
    if "rhythm" in figures:  # coach.rhythm.streak: the review streak and recurring rules
        from coach.rhythm.streak import summary_line

        lines.append(f"  {rhythm:<{width}}{summary_line(figures['rhythm'])}")
    lines.append("")
    lines.append(figures["coaching"])
    return "\n".join(lines) + "\n"
