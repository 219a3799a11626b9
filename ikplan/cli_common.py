"""What every command's output and checks pass through, without typer.

Both the full command line (cli.py) and the typer-free paths of `validate` and `show` (cli_fast.py) use these,
so the two print the same bytes and exit with the same codes.
"""

from __future__ import annotations

import os
import sys


def out(text: str, json: bool = False) -> None:
    """Everything ikplan prints passes here: control characters in plan text are shown, not obeyed."""
    from ikplan.text import json_safe, visible

    sys.stdout.write(json_safe(text) if json else visible(text))


def err_raw(text: str) -> None:
    from ikplan.text import visible

    sys.stderr.write(visible(text))


def err(message: str) -> None:
    """One message line on stderr, 'ikplan: …'."""
    from ikplan.text import visible

    sys.stderr.write(visible(f"ikplan: {message}") + "\n")
    sys.stderr.flush()


def file_problem(path: str, what: str) -> str | None:
    """Why `path` cannot be read as a file (a FIFO or /dev/zero is never read), or None."""
    if os.path.isfile(path):
        return None
    if os.path.lexists(path):
        return f"{what} '{path}' är ingen vanlig fil (en mapp, enhet, FIFO, socket eller trasig länk)"
    return f"{what} '{path}' finns inte"


def completing() -> bool:
    """The shell asks for completions (typer's `_IKPLAN_COMPLETE`): only the full command line answers."""
    return any(k.startswith("_IKPLAN_COMPLETE") for k in os.environ)


def tune_gc() -> None:
    """A command builds a plan's objects once and keeps them to the end: the default thresholds make the
    collector rescan them every few thousand allocations, which grows faster than the plan (0.7x at 2,000
    risks)."""
    import gc

    gc.set_threshold(100_000, 50, 100)
