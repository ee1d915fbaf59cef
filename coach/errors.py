"""The one exception a user may see: its text is a complete, translated sentence."""


class CoachError(Exception):
    """A problem the user can fix; the CLI prints it on one line and exits with status 2."""

    exit_code = 2
