"""What one scan did, for `coach mail scan` and the window's status line."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from coach.i18n import _, ngettext


@dataclass
class Report:
    messages: int = 0  # new messages read (headers)
    replies: int = 0  # owed replies suggested
    added: int = 0  # owed replies added directly (mail.auto_add)
    promises: int = 0
    follow_ups: int = 0
    escalations: int = 0
    closed: list[int] = field(default_factory=list)  # owed replies returned by email
    seconds: float = 0.0

    @property
    def found(self) -> int:
        return self.replies + self.promises + self.follow_ups + self.escalations

    def to_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data

    def text(self) -> str:
        parts = [ngettext("{n} new message", "{n} new messages", self.messages).format(
            n=self.messages)]
        if self.found:
            parts.append(ngettext("{n} suggestion", "{n} suggestions", self.found).format(
                n=self.found))
        else:
            parts.append(_("nothing new to suggest"))
        if self.added:
            parts.append(ngettext("{n} owed reply added", "{n} owed replies added",
                                  self.added).format(n=self.added))
        if self.closed:
            parts.append(ngettext("{n} owed reply returned by email",
                                  "{n} owed replies returned by email",
                                  len(self.closed)).format(n=len(self.closed)))
        return _("Mail scanned: {parts}.").format(parts=", ".join(parts))
