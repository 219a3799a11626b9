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
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator

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
    errno.EFBIG: "filen blir för stor för filsystemet",
    errno.EEXIST: "filen finns redan",
    errno.EIO: "fel vid läsning eller skrivning på disken",
    errno.EBUSY: "filen används av ett annat program",
    errno.ETXTBSY: "filen används av ett annat program",
    errno.ELOOP: "för många symboliska länkar i sökvägen",
    errno.EMLINK: "för många länkar",
    errno.EAGAIN: "filen är låst just nu; försök igen",
    errno.EINVAL: "namnet går inte att använda här",
}


def reason(exc: OSError) -> str:
    """A Swedish reason for an OS error; an errno without Swedish words is named by its number, never
    by the English strerror ("File too large")."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return f"systemfel {errno.errorcode.get(exc.errno, exc.errno)}" if exc.errno else "okänt fel"


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written."""

    def __init__(self, signum: int) -> None:
        self.signum = signum


@contextlib.contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal, a CI job cancelled) unwind the write, so its temporary
    file is removed, and then end the process as the signal would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def unwind(signum: int, frame: object) -> None:
        raise _Signalled(signum)

    caught = (signal.SIGTERM, signal.SIGHUP)
    old = {s: signal.signal(s, unwind) for s in caught}
    try:
        yield
    except _Signalled as exc:
        for s, handler in old.items():
            signal.signal(s, handler)
        os.kill(os.getpid(), exc.signum)  # the old handler (the default: the process ends) takes it
        raise SystemExit(128 + exc.signum) from None  # an ignoring handler: still stop this write
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _place(tmp: str, path: str, force: bool) -> None:
    """Move the written temporary file to `path`. Without force it must not exist at that moment:
    link() fails if it does, so two writers at once cannot both "create" it (the check before
    writing only gives the early message)."""
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise IkplanError(f"{path} finns redan; använd --force för att skriva över den") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS):
            raise
        # no hard links here (FAT, some network shares): reserve the name exclusively, then replace it
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise IkplanError(f"{path} finns redan; använd --force för att skriva över den") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


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
    with _cleanup_on_signals():
        try:
            fd, tmp = tempfile.mkstemp(prefix=".ikplan-", dir=folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fchmod(fh.fileno(), mode)
                os.fsync(fh.fileno())
            _place(tmp, path, force)
            tmp = None
        except OSError as exc:
            raise IkplanError(f"kan inte skriva {path}: {reason(exc)}") from None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
