"""Writing files safely: atomically, and never over an existing file without --force.

Only a regular file is ever replaced. A device node, a FIFO or a folder at the target
is refused. A symlink is never replaced: without --force it is refused like any
existing file (a dangling one too); with --force (the user asked) the regular file it
points to is written, and the link stays. A new file gets the mode the umask gives; a file replaced with --force keeps
its mode.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile

from ikplan.errors import IkplanError

_REASONS = {
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.ENOENT: "den finns inte",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EISDIR: "det är en mapp",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.EXDEV: "filen ligger på ett annat filsystem",
}


def reason(exc: OSError) -> str:
    """A Swedish reason for an OS error (the English strerror only as a last resort)."""
    return _REASONS.get(exc.errno or 0, exc.strerror or "okänt fel")


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str, data: bytes, force: bool = False, *, follow_symlinks: bool = True) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise IkplanError(f"kan inte skriva {path}: {reason(exc)}") from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        if not (force and follow_symlinks):
            raise IkplanError(
                f"{path} är en symbolisk länk; ikplan skriver inte genom länkar utan --force (ange målet direkt)"
            )
        target = os.path.realpath(path)
        if not os.path.lexists(target):
            raise IkplanError(f"{path} är en symbolisk länk till något som inte finns; ikplan skriver inte dit")
        return write_atomic(target, data, force, follow_symlinks=False)
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            kind = "en mapp" if stat.S_ISDIR(st.st_mode) else "ingen vanlig fil"
            raise IkplanError(f"{path} är {kind}; ikplan ersätter bara vanliga filer")
        if not force:
            raise IkplanError(f"{path} finns redan; använd --force för att skriva över den")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        what = "är ingen mapp" if os.path.lexists(folder) else "finns inte"
        raise IkplanError(f"mappen {folder} {what}")
    mode = stat.S_IMODE(st.st_mode) if st is not None else _umask_mode()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".ikplan-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise IkplanError(f"kan inte skriva {path}: {reason(exc)}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
