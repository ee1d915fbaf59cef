"""argparse's own words (usage, options, its error messages) from our catalog.

Python ships no German for argparse, so `coach --help` would mix German help with English
headings. argparse looks its words up through module-level `_` and `ngettext`; pointing
those at our catalog is enough. Only the words a user can meet are listed.
"""

from __future__ import annotations

import argparse

from coach.i18n import N_, _, ngettext

# Marked so the catalog extraction sees them; argparse asks for them by these exact texts.
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return ngettext("expected %s argument", "expected %s arguments", n)
    return ngettext(singular, plural, n)


def install() -> None:
    """Make argparse translate through our catalog (its lookups happen at use, not import)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
