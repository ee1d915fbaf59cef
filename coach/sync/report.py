"""What a sync run did, as one line for people and as JSON for scripts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from coach.i18n import _


@dataclass
class Result:
    up_new: int = 0
    up_changed: int = 0
    up_deleted: int = 0
    down_new: int = 0
    down_changed: int = 0
    down_deleted: int = 0
    conflicts: int = 0
    kept_lines: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.up_new + self.up_changed + self.up_deleted

    @property
    def received(self) -> int:
        return self.down_new + self.down_changed + self.down_deleted

    def line(self) -> str:
        text = _("Synced: sent {sent}, received {received}, conflicts {conflicts}.").format(
            sent=self.sent, received=self.received, conflicts=self.conflicts)
        if self.conflicts:
            text += " " + _("The other values are kept in the items' logs "
                            "(coach sync status).")
        return text

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("kept_lines")
        data.update(ok=True, sent=self.sent, received=self.received)
        return data
