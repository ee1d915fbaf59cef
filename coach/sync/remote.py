"""The CalDAV server, through the `caldav` library: the task list, its changes, PUT, DELETE.

Every conditional request carries the version last seen (If-Match, or If-Schedule-Tag-Match
where the server hands out Schedule-Tags, as Xandikos does). A refused one raises
`Conflict`, whichever of the library's two mismatch errors the server's answer produced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

TIMEOUT = 30
BATCH = 100  # objects per calendar-multiget


class Conflict(Exception):
    """The server's copy changed since we last saw it (HTTP 412 on If-Match)."""


class Exists(Exception):
    """A create found an object already at that href (If-None-Match: * refused)."""


class Gone(Exception):
    """The object is no longer on the server."""


@dataclass
class Listing:
    """Changes since a sync token, or (full=True) every object with its ETag."""

    token: str | None
    changed: dict[str, str | None] = field(default_factory=dict)  # href -> etag
    deleted: set[str] = field(default_factory=set)
    full: bool = False


@dataclass(frozen=True)
class Fetched:
    data: str
    etag: str | None
    schedule_tag: str | None


def _errors():
    from caldav.lib import error

    return error


class Server:
    def __init__(self, url: str, user: str, password: str) -> None:
        import caldav

        self.client = caldav.DAVClient(url=url, username=user, password=password,
                                       timeout=TIMEOUT)
        self.calendar = None

    def open_list(self, name: str, known_url: str | None) -> str:
        """The task list's URL: the remembered one, else the one with that name, else a new
        list with that name (made for tasks)."""
        import caldav

        if known_url:
            self.calendar = caldav.Calendar(self.client, url=known_url)
            return known_url
        principal = self.client.principal()
        for cal in principal.calendars():
            if (cal.get_display_name() or "") == name:
                self.calendar = cal
                return str(cal.url)
        self.calendar = principal.make_calendar(name=name,
                                                supported_calendar_component_set=["VTODO"])
        return str(self.calendar.url)

    def href(self, uid: str) -> str:
        from urllib.parse import quote

        return str(self.calendar.url.join(quote(uid, safe="") + ".ics").canonical())

    def changes(self, token: str | None, use_token: bool = True) -> Listing:
        """RFC 6578 sync-collection when the server offers it; else a PROPFIND of ETags."""
        error = _errors()
        if use_token:
            for attempt in ([token, None] if token else [None]):
                try:
                    coll = self.calendar.get_objects_by_sync_token(
                        attempt, load_objects=False, disable_fallback=True)
                except error.AuthorizationError as exc:
                    if not self.calendar._is_genuine_authorization_error(exc):
                        continue  # an expired token: start over with a full listing
                    raise
                except error.DAVError:
                    continue
                deleted = {str(u) for u in coll.deleted_urls}
                listing = Listing(coll.sync_token, full=attempt is None)
                for obj in coll:
                    href = str(obj.url.canonical())
                    if href in deleted:
                        listing.deleted.add(href)
                    else:
                        listing.changed[href] = obj.props.get("{DAV:}getetag")
                return listing
        return self._etags()

    def _etags(self) -> Listing:
        from caldav.elements import dav

        listing = Listing(None, full=True)
        response = self.calendar._query_properties([dav.GetEtag()], depth=1)
        own = self.calendar.url.canonical()
        for href, values in response.expand_simple_props([dav.GetEtag()]).items():
            url = self.calendar.url.join(href).canonical()
            if url == own or not str(url).endswith(".ics"):
                continue
            listing.changed[str(url)] = values.get(dav.GetEtag.tag)
        return listing

    def fetch(self, hrefs: Iterable[str]) -> dict[str, Fetched]:
        from caldav.lib.url import URL

        wanted = list(hrefs)
        found: dict[str, Fetched] = {}
        for start in range(0, len(wanted), BATCH):
            chunk = [URL.objectify(h) for h in wanted[start:start + BATCH]]
            for obj in self.calendar.multiget(chunk):
                found[str(obj.url.canonical())] = Fetched(obj.data, obj.etag, obj.schedule_tag)
        return found

    def _object(self, href: str, etag: str | None, schedule_tag: str | None):
        import caldav
        from caldav.elements import cdav, dav

        props = {}
        if etag:
            props[dav.GetEtag.tag] = etag
        if schedule_tag:
            props[cdav.ScheduleTag.tag] = schedule_tag
        return caldav.Todo(self.client, url=href, parent=self.calendar, props=props)

    def create(self, href: str, data: bytes) -> tuple[str | None, str | None]:
        response = self.client.put(href, data, {"Content-Type": "text/calendar; charset=utf-8",
                                                "If-None-Match": "*"})
        if response.status == 412:
            raise Exists(href)
        if response.status not in (200, 201, 204):
            raise _errors().PutError(href, f"HTTP {response.status}")
        headers = response.headers or {}
        return headers.get("Etag"), headers.get("Schedule-Tag")

    def update(self, href: str, data: bytes, etag: str | None,
               schedule_tag: str | None) -> tuple[str | None, str | None]:
        """PUT with the version we last saw; Conflict if the server's copy moved on."""
        error = _errors()
        obj = self._object(href, etag, schedule_tag)
        try:
            obj.save(raw_data=data)
        # Radicale answers a stale If-Match with ETagMismatchError; Xandikos hands out
        # Schedule-Tags, so a stale one there is ScheduleTagMismatchError.
        except (error.ETagMismatchError, error.ScheduleTagMismatchError) as exc:
            raise Conflict(href) from exc
        return obj.etag, obj.schedule_tag

    def delete(self, href: str, etag: str | None, schedule_tag: str | None) -> None:
        error = _errors()
        obj = self._object(href, etag, schedule_tag)
        try:
            obj.delete(if_match=bool(etag or schedule_tag))
        except (error.ETagMismatchError, error.ScheduleTagMismatchError) as exc:
            raise Conflict(href) from exc
        except error.NotFoundError:
            pass  # already gone: what we wanted
