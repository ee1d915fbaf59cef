"""Mapping between the glossary's dataclasses and their table rows."""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
from collections.abc import Iterator
from typing import Any, ClassVar, Protocol, TypeVar

from coach.storage.store import Store
from coach.timing.timeutil import DAMAGED_TIME, from_db, to_db


class Record(Protocol):
    TABLE: ClassVar[str]
    TIMES: ClassVar[frozenset[str]]
    FLAGS: ClassVar[frozenset[str]]
    id: int | None


R = TypeVar("R", bound=Record)


def to_row(obj: Record) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        if field.metadata.get("stored") is False:
            continue
        value = getattr(obj, field.name)
        if field.name in obj.TIMES:
            value = to_db(value)
        elif field.name in obj.FLAGS:
            value = int(bool(value))
        row[field.name] = value
    return row


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str], ...]:
    """Per class, each stored field with how to convert it; computed once, not per row."""
    plan = []
    for field in dataclasses.fields(cls):
        if field.metadata.get("stored") is False:
            continue
        kind = "time" if field.name in cls.TIMES else "flag" if field.name in cls.FLAGS else ""
        plan.append((field.name, kind))
    return tuple(plan)


def from_row(cls: type[R], row: sqlite3.Row | dict[str, Any]) -> R:
    keys = set(row.keys())
    values: dict[str, Any] = {}
    damaged: list[str] = []
    for name, kind in _plan(cls):
        if name not in keys:
            continue
        value = row[name]
        if kind == "time":
            value = from_db(value)
            if value is DAMAGED_TIME:
                damaged.append(name)
        elif kind == "flag":
            value = bool(value)
        values[name] = value
    damaged += _mend(cls, values)
    if values.get("texts"):
        from coach.wording import texts

        texts.apply(values)  # generated titles and notes in the language shown
    obj = cls(**values)
    if damaged:
        obj.damaged = tuple(damaged)  # type: ignore[attr-defined]
    return obj


def _mend(cls: type, values: dict[str, Any]) -> list[str]:
    """Make a row an older version let in usable: shown, marked, fixable, never a crash."""
    from coach.model import validate

    damaged = []
    for name in ("title", "who", "recipient", "about", "note"):
        value = values.get(name)
        if value is not None and not isinstance(value, str):
            values[name] = value.decode("utf-8", "replace") if isinstance(value, bytes) \
                else str(value)
            damaged.append(name)
    kind = validate.KIND_OF_TABLE.get(getattr(cls, "TABLE", ""))
    if kind and values.get("status", "open") not in validate.STATUSES[kind]:
        values["status"] = "open"  # so that `done` and the window can still close it
        damaged.append("status")
    heat = values.get("heat")
    if kind == "concern" and not (isinstance(heat, int) and validate.HEAT_MIN <= heat
                                  <= validate.HEAT_MAX):
        values["heat"] = validate.HEAT_MAX  # loudest: the user should look at it
        damaged.append("heat")
    if kind == "reply" and values.get("channel") not in validate.CHANNELS:
        values["channel"] = "message"
        damaged.append("channel")
    return damaged


def damaged(obj: object) -> tuple[str, ...]:
    """The fields of a stored row that were unusable and are shown mended."""
    return getattr(obj, "damaged", ())


def insert(store: Store, obj: R) -> R:
    with store.write() as conn:
        if obj.id is None:
            obj.id = store.next_id()
        row = to_row(obj)
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f"INSERT INTO {obj.TABLE} ({names}) VALUES ({marks})", tuple(row.values()))
    return obj


def fetch(store: Store, cls: type[R], item_id: int) -> R | None:
    row = store.conn.execute(f"SELECT * FROM {cls.TABLE} WHERE id = ?", (item_id,)).fetchone()
    return from_row(cls, row) if row else None


def update(store: Store, obj: R, **changes: Any) -> R:
    """Write the given fields of obj (already changed in memory) back in one statement.

    A generated text the caller overwrites becomes the caller's text: its message entry in
    `texts` goes (unless the caller sets `texts` itself)."""
    stored = getattr(obj, "texts", None)
    if stored and "texts" not in changes:
        from coach.wording import texts

        mine = texts.load(stored).keys() & changes.keys()
        if mine:
            changes["texts"] = texts.without(stored, mine)
    for name, value in changes.items():
        setattr(obj, name, value)
    row = to_row(obj)
    columns = list(changes)
    sets = ", ".join(f"{name} = ?" for name in columns)
    with store.write() as conn:
        conn.execute(
            f"UPDATE {obj.TABLE} SET {sets} WHERE id = ?",
            (*[row[name] for name in columns], obj.id),
        )
    return obj


def select(
    store: Store, cls: type[R], where: str = "1", params: tuple = (), order: str = "id",
    limit: int | None = None, columns: str = "*",
) -> list[R]:
    """Records of `cls`; with `columns`, only those are read (the others keep defaults)."""
    sql = f"SELECT {columns} FROM {cls.TABLE} WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [from_row(cls, row) for row in store.conn.execute(sql, params)]


def each(
    store: Store, cls: type[R], where: str = "1", params: tuple | dict = (), order: str = "id",
    columns: str = "*",
) -> Iterator[R]:
    """select(), one record at a time: for a pass over many rows that keeps few of them."""
    cursor = store.conn.execute(
        f"SELECT {columns} FROM {cls.TABLE} WHERE {where} ORDER BY {order}", params)
    for row in cursor:
        yield from_row(cls, row)


def delete(store: Store, cls: type[R], item_id: int) -> None:
    with store.write() as conn:
        conn.execute(f"DELETE FROM {cls.TABLE} WHERE id = ?", (item_id,))
