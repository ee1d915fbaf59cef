"""Briefing into words: Jinja2 templates per language and format, JSON, and the mailto link.

The briefing's words live in the templates (resources/templates/briefing/), not in the
gettext catalog, so a briefing can be written in German while the app runs in English and a
user can rephrase it: a copy in <data dir>/templates/ wins over the default. A broken copy
never stops a briefing: the default is used and the caller shows the warning.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from coach.i18n import _

if TYPE_CHECKING:
    from coach.briefing.build import Draft

TEMPLATE_FORMATS = ("text", "markdown", "html")
MAILTO_LIMIT = 2000  # longer mailto: links are cut off by some mail programs and by Windows
_LOCALES = {"en": "en_GB", "de": "de_DE"}
_MD_SPECIAL = "\\`*_[]<>#|"


@dataclass
class Rendered:
    text: str
    warning: str | None = None  # a broken user template: shown, and the default was used


def default_dir() -> Path:
    from coach.resources import resource

    return resource("templates", "briefing")


def template_name(lang: str, fmt: str) -> str:
    return f"briefing.{lang}.{fmt}.j2"


def user_dir_for(data_dir: Path | None) -> Path:
    from coach.storage.paths import data_dir as default_data_dir

    return (data_dir or default_data_dir()) / "templates"


def _filters(lang: str) -> dict[str, Any]:
    from babel.dates import format_date, format_skeleton, format_time, format_timedelta
    from babel.numbers import format_percent

    from coach.i18n import babel_locale, current_language
    from coach.timing.dates import local_tz

    # The user's own locale (en_US, de_AT) when the briefing is in the language they use.
    loc = babel_locale() if lang == current_language() else _LOCALES.get(lang, "en_GB")
    tz = local_tz()

    # Skeletons let CLDR pick each language's order and punctuation ("Di., 24. Nov.").
    def day(value: datetime | None) -> str:
        return format_skeleton("MMMEd", value.astimezone(tz), locale=loc) if value else ""

    def when(value: datetime | None) -> str:
        if value is None:
            return ""
        local = value.astimezone(tz)
        return f"{day(local)}, {format_time(local, 'short', locale=loc)}"

    def longdate(value: datetime) -> str:
        return format_date(value.astimezone(tz), "full", locale=loc)

    def ago(value: datetime | None, now: datetime) -> str:
        if value is None:
            return ""
        return format_timedelta(value - now, add_direction=True, locale=loc, threshold=1.0)

    def pct(value: float | None) -> str:
        return format_percent(value or 0, locale=loc)

    def md(value: object) -> str:
        text = str(value)
        for char in _MD_SPECIAL:
            text = text.replace(char, "\\" + char)
        return text

    from coach.wording.german import obj, subj

    # German case for names: "für {{ i.to|obj }}" gives "für Herrn Jansen".
    return {"day": day, "when": when, "longdate": longdate, "ago": ago, "pct": pct, "md": md,
            "obj": lambda name: obj(name, lang), "subj": lambda name: subj(name, lang)}


def _plain_value(value: object) -> object:
    from coach.model.validate import visible

    return visible(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=16)
def _environment(lang: str, user_dir: Path | None, html: bool = False) -> Any:
    import jinja2

    folders = [str(user_dir)] if user_dir else []
    folders.append(str(default_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        # HTML gets its own environment so that the shared label macros escape there too:
        # a macro's output counts as safe markup in an autoescaping caller.
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        # Text and Markdown: every value a template prints shows control characters and line
        # breaks instead of obeying them, so a title cannot forge a bullet or drive the
        # terminal. HTML escapes instead (autoescape) and keeps its own markup.
        finalize=None if html else _plain_value,
        bytecode_cache=_bytecode_cache(html),
    )
    env.filters.update(_filters(lang))
    return env


def _bytecode_cache(html: bool) -> Any:
    """Templates compiled once and kept in the user's cache: compiling them took most of a
    `coach brief` (30-60 ms a process). Jinja2 recompiles a template whose source changed.
    Text and HTML compile differently (escaping, finalize), so each has its own folder."""
    import jinja2

    from coach.errors import CoachError
    from coach.storage.paths import cache_dir

    class Cache(jinja2.FileSystemBytecodeCache):
        # A cache is never worth a failed briefing: unreadable or unwritable means compile.
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - a damaged cache file is compiled again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    try:
        return Cache(str(cache_dir("templates-html" if html else "templates-text")))
    except (OSError, CoachError):
        return None


def _fallback(draft: Draft, name: str, work, html: bool = False) -> tuple[Any, str | None]:
    """Run `work(env)` with the user's templates; on any error, with the defaults."""
    import jinja2

    user_dir = getattr(draft, "template_dir", None)
    if user_dir and Path(user_dir).is_dir():
        try:
            return work(_environment(draft.lang, Path(user_dir), html)), None
        except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError,
                ValueError, AttributeError) as exc:
            where = f" {_('line')} {exc.lineno}" if getattr(exc, "lineno", None) else ""
            warning = _("Your briefing template {path} is broken ({error}); the default "
                        "template was used instead.").format(
                path=Path(user_dir) / name, error=f"{type(exc).__name__}{where}: {exc}")
            return work(_environment(draft.lang, None, html)), warning
    return work(_environment(draft.lang, None, html)), None


def _labels_name(lang: str) -> str:
    return f"labels.{lang}.j2"


def label(draft: Draft) -> str | None:
    """Fill in the summary and section titles in the draft's language."""

    def work(env) -> tuple[str, list[str]]:
        labels = env.get_template(_labels_name(draft.lang)).module
        return (str(labels.summary(draft.counts)).strip(),
                [str(labels.title(s.key)).strip() for s in draft.sections])

    (summary, titles), warning = _fallback(draft, _labels_name(draft.lang), work)
    draft.summary = summary
    for section, title in zip(draft.sections, titles, strict=True):
        section.title = title
    return warning


def _context(draft: Draft, env) -> dict[str, Any]:
    return {"draft": draft, "sections": draft.sections, "now": draft.generated_at,
            "since": draft.since, "counts": draft.counts, "lang": draft.lang,
            "L": env.get_template(_labels_name(draft.lang)).module}


def render(draft: Draft, fmt: str) -> Rendered:
    if fmt == "json":
        import json

        return Rendered(json.dumps(to_json(draft), ensure_ascii=False, indent=2) + "\n")
    if fmt not in TEMPLATE_FORMATS:
        raise ValueError(fmt)
    name = template_name(draft.lang, fmt)

    def work(env) -> str:
        return env.get_template(name).render(_context(draft, env))

    text, warning = _fallback(draft, name, work, html=fmt == "html")
    return Rendered(text.strip("\n") + "\n", warning)


def subject(draft: Draft) -> str:
    def work(env) -> str:
        return str(env.get_template(_labels_name(draft.lang)).module.subject(
            draft.generated_at)).strip()

    return _fallback(draft, _labels_name(draft.lang), work)[0]


def _json_value(value: Any) -> Any:
    from coach.timing.timeutil import iso

    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def to_json(draft: Draft) -> dict[str, Any]:
    """The public JSON shape (a stable contract for scripts)."""
    from coach.timing.timeutil import iso

    def lines(env) -> list[list[str]]:
        labels = env.get_template(_labels_name(draft.lang)).module
        return [[str(labels.line(s.key, item, draft.generated_at)).strip() for item in s.items]
                for s in draft.sections]

    texts = _fallback(draft, _labels_name(draft.lang), lines)[0]
    return {
        "summary": draft.summary,
        "since": iso(draft.since),
        "generated_at": iso(draft.generated_at),
        "lang": draft.lang,
        "sections": [
            {"key": s.key, "title": s.title, "more": s.more,
             "items": [{**_json_value(item), "text": text}
                       for item, text in zip(s.items, section_texts, strict=True)]}
            for s, section_texts in zip(draft.sections, texts, strict=True)
        ],
    }


def mailto_url(to: str | None, subject_line: str, body: str,
               limit: int = MAILTO_LIMIT) -> tuple[str, bool]:
    """A mailto: link (RFC 6068: UTF-8, percent-encoded, CRLF line breaks).

    Bodies that would make the link longer than `limit` are cut at a line break with a note;
    returns the link and whether the body was shortened.
    """
    def enc(text: str) -> str:
        return quote(text, safe="")

    def link(text: str) -> str:
        crlf = "\r\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        return (f"mailto:{quote((to or '').strip(), safe='@,+')}"
                f"?subject={enc(subject_line)}&body={enc(crlf)}")

    url = link(body)
    if len(url) <= limit:
        return url, False
    note = "\n\n" + _("[Shortened to fit into a mail link. The full briefing is on the "
                      "clipboard: paste it here.]")
    lines = body.replace("\r\n", "\n").split("\n")
    # Binary search on whole lines: encoding makes the length of a prefix non-linear.
    low, high = 0, len(lines)
    while low < high:
        middle = (low + high + 1) // 2
        if len(link("\n".join(lines[:middle]) + note)) <= limit:
            low = middle
        else:
            high = middle - 1
    return link("\n".join(lines[:low]).rstrip() + note), True
