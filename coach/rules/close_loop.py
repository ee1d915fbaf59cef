"""Close the loop: once the manager's request is done, tell them — or it goes in the briefing.

What is stored on the commitment (the briefing reads it):

    loop_state None        nothing to report (not from the manager, not "report back")
    loop_state "pending"   done, but the manager has not heard yet: the next briefing's draft
                           lists it under "done, not yet reported"
    loop_state "briefing"  the user chose "add to the next briefing": same list, on purpose
    loop_state "told"      the manager knows; loop_closed holds when (by hand or when a
                           briefing that listed it was sent, see `closed_by_briefing`)
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from coach.i18n import _
from coach.model import records
from coach.model.commitment import DONE, Commitment
from coach.rules.urgency import Coefficients, is_manager
from coach.storage.store import Store

PENDING, TOLD, BRIEFING = "pending", "told", "briefing"
OPEN = (PENDING, BRIEFING)  # the manager has not heard yet


def needs_loop(item: Commitment, manager_name: str = "") -> bool:
    """Closing this one should reach the manager: it came from them, or they asked to hear."""
    if item.from_manager or item.report_back:
        return True
    return is_manager(item.recipient, Coefficients(manager_name=manager_name))


def on_done(store: Store, item: Commitment, now: datetime, manager_name: str = "") -> bool:
    """Call right after a commitment is closed as done: marks the loop open. True if it is."""
    if item.status != DONE or not needs_loop(item, manager_name):
        return False
    if item.loop_state in (TOLD, BRIEFING):
        return False
    records.update(store, item, loop_state=PENDING, updated=now)
    return True


def mark_told(store: Store, item: Commitment, now: datetime) -> Commitment:
    return records.update(store, item, loop_state=TOLD, loop_closed=now, updated=now)


def add_to_briefing(store: Store, item: Commitment, now: datetime) -> Commitment:
    return records.update(store, item, loop_state=BRIEFING, updated=now)


def for_briefing(store: Store) -> list[Commitment]:
    """Done items the manager has not heard about yet, oldest first."""
    return records.select(store, Commitment, "loop_state IN (?, ?) AND status = ?",
                          (*OPEN, DONE), order="closed, id")


def closed_by_briefing(store: Store, ids: list[int], now: datetime) -> None:
    """A sent briefing told the manager about these: their loops are closed."""
    with store.write():
        for item_id in ids:
            item = records.fetch(store, Commitment, item_id)
            if item is not None and item.loop_state in OPEN:
                mark_told(store, item, now)


def message(item: Commitment, manager_name: str = "") -> str:
    """The short message: who, what, done. Short enough for a chat or the first line of a mail."""
    from coach.wording.german import address, obj, subj

    first = address(manager_name)
    greeting = _("Hi {name},").format(name=subj(first)) if first else _("Hi,")
    body = _('"{title}" is done.').format(title=item.title)
    if item.recipient and not is_manager(item.recipient, Coefficients(manager_name=manager_name)):
        body = _('"{title}" for {who} is done.').format(title=item.title,
                                                        who=obj(item.recipient))
    return f"{greeting}\n{body}\n" + _("Just closing the loop; no action needed from you.")


def subject(item: Commitment) -> str:
    return _("Done: {title}").format(title=item.title)


def mailto(item: Commitment, manager_email: str, manager_name: str = "",
           body: str | None = None) -> str:
    """A mailto: link with subject and body (the short message unless given), percent-encoded
    for any mail program."""
    return "mailto:{to}?subject={subject}&body={body}".format(
        to=quote(manager_email.strip(), safe="@"),
        subject=quote(subject(item), safe=""),
        body=quote(message(item, manager_name) if body is None else body, safe=""),
    )
