"""Field-by-field merge of one item edited here and in the task list since the last sync.

Pure: it sees three versions of the synced fields (the base from the last sync, this
computer's, the server's) and two change times, and decides each field on its own:

- only one side changed a field since the base: that side wins it;
- both changed it to different values: the newer change wins, and the other value is
  returned in `kept`, so the caller can write it to the item's log (nothing is lost);
- no base (an upload whose answer never arrived): every difference counts as changed on
  both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

LOCAL, REMOTE = "local", "phone"


@dataclass(frozen=True)
class Kept:
    field: str
    value: Any  # the value that lost
    side: str  # where it came from: LOCAL or REMOTE


@dataclass
class Merge:
    fields: dict[str, Any]
    to_local: dict[str, Any] = field(default_factory=dict)  # what this computer must take
    to_remote: bool = False  # the server lacks something: upload the merged version
    kept: list[Kept] = field(default_factory=list)


def merge(base: dict[str, Any] | None, local: dict[str, Any], remote: dict[str, Any],
          local_time: datetime | None, remote_time: datetime | None) -> Merge:
    result = Merge(fields={})
    # On a tie, or when a time is missing, this computer wins: the database is the truth.
    local_newer = remote_time is None or (local_time is not None and local_time >= remote_time)
    for name in sorted(set(local) | set(remote)):
        mine, theirs = local.get(name), remote.get(name)
        if mine == theirs:
            result.fields[name] = mine
            continue
        known = base is not None and name in base
        if known and mine == base[name]:
            winner = REMOTE
        elif known and theirs == base[name]:
            winner = LOCAL
        else:
            winner = LOCAL if local_newer else REMOTE
            loser_value, loser_side = (theirs, REMOTE) if winner == LOCAL else (mine, LOCAL)
            result.kept.append(Kept(name, loser_value, loser_side))
        if winner == LOCAL:
            result.fields[name] = mine
            result.to_remote = True
        else:
            result.fields[name] = theirs
            result.to_local[name] = theirs
    return result
