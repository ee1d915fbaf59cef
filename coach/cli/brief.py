"""brief: the status update for the manager, the same draft the window previews."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help=_("write the status update for your manager"))
    p.add_argument("--format", choices=("text", "markdown", "html", "json"),
                   help=_("text (default), markdown, html (for email) or json; with --out, "
                          "the file's extension decides"))
    p.add_argument("--lang", choices=("en", "de"),
                   help=_("the briefing's language (default: your language)"))
    p.add_argument("--out", metavar="FILE", type=Path, help=_("write it to FILE"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    p.add_argument("--mark-sent", action="store_true",
                   help=_("record it as sent (your manager now knows the concerns in it)"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_brief)


def cmd_brief(args: argparse.Namespace) -> int:
    from coach.briefing.render import render
    from coach.i18n import current_language
    from coach.ops import briefing
    from coach.timing import timeutil

    lang = args.lang or current_language()
    args.format = out_format(args.out, args.format)
    if args.out:
        from coach.storage.files import check_target

        check_target(args.out, args.force)  # before any work, so a refusal changes nothing
    with store_for(args) as store:
        draft = briefing.draft(store, timeutil.now(), lang=lang)
        result = render(draft, args.format)
        if args.out:
            from coach.storage.files import write_text

            # Written before it is recorded: a failed write must not mark anything as sent.
            write_text(args.out, result.text, args.force)
        # A preview on the terminal is not history: only what was saved or sent is kept.
        if args.out or args.mark_sent:
            briefing.keep(store, draft, result.text, lang, args.format, sent=args.mark_sent)
    if result.warning:
        print(f"coach: {result.warning}", file=sys.stderr)
    if not args.out:
        sys.stdout.write(result.text)
    return 0


EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
              ".json": "json", ".txt": "text"}


def out_format(out: Path | None, given: str | None) -> str:
    """The format --out's extension names; a clash with --format is refused."""
    from coach.errors import CoachError

    named = EXTENSIONS.get(out.suffix.lower()) if out is not None else None
    if named and given and given != named:
        raise CoachError(_("--format {given} does not match the file {name}, which names "
                           "{named}.").format(given=given, name=out.name, named=named))
    return named or given or "text"
