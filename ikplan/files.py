"""Writing files safely: atomically, and never over an existing file without --force."""

from __future__ import annotations

import os
import tempfile

from ikplan.errors import IkplanError


def write_atomic(path: str, data: bytes, force: bool = False) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    if os.path.exists(path) and not force:
        raise IkplanError(f"{path} finns redan; använd --force för att skriva över den")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise IkplanError(f"mappen {folder} finns inte")
    fd, tmp = tempfile.mkstemp(prefix=".ikplan-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise IkplanError(f"kan inte skriva {path}: {exc.strerror or exc}") from None
