""""Heating up": when a concern needs telling your manager, defined once from the settings.

With T = concern_nudge_heat (default 3) and R = concern_nudge_rise (default 2), an open
concern is heating up when
    never told:          heat >= T
    told at heat t:      heat > t and (heat >= T or heat - t >= R)
The concern nudge, the briefing's "don't go quiet" nudge, the advice ("tell your manager
today", "now" at the top heat), the concern view and the statistics all read this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TOP_HEAT = 5


@dataclass(frozen=True)
class Thresholds:
    heat: int = 3
    rise: int = 2

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> Thresholds:
        try:
            return cls(int(values.get("concern_nudge_heat", 3)),
                       int(values.get("concern_nudge_rise", 2)))
        except (TypeError, ValueError):
            return cls()


DEFAULT_LIMITS = Thresholds()


def heating_up(heat: int, told_heat: int | None, limits: Thresholds = DEFAULT_LIMITS) -> bool:
    """True when the manager should hear about a concern at `heat` (status not checked)."""
    if told_heat is None:
        return heat >= limits.heat
    return heat > told_heat and (heat >= limits.heat or heat - told_heat >= limits.rise)


def sql(limits: Thresholds, alias: str = "") -> tuple[str, dict[str, int]]:
    """The same rule as an SQL condition on a concerns row, with its named parameters."""
    p = f"{alias}." if alias else ""
    condition = (f"(({p}told_heat IS NULL AND {p}heat >= :heat_t) OR "
                 f"({p}told_heat IS NOT NULL AND {p}heat > {p}told_heat AND "
                 f"({p}heat >= :heat_t OR {p}heat - {p}told_heat >= :heat_r)))")
    return condition, {"heat_t": limits.heat, "heat_r": limits.rise}


def is_warm(heat: int, limits: Thresholds = DEFAULT_LIMITS) -> bool:
    """Warm enough to tell, on its own: the statistics' "warm" milestone."""
    return heat >= limits.heat
