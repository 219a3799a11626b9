"""Exceptions that the CLI turns into Swedish messages and exit codes at one boundary."""


class IkplanError(Exception):
    """A problem with the user's data or files (exit code 1)."""


class UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""
