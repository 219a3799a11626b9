"""The site's search: a static Pagefind index in pagefind/, which works offline from any folder.

Pagefind is optional (`pip install 'ikplan[site]'` brings the package with its binary); without it
the site is complete and the search page says that searching is not available.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def available() -> bool:
    try:
        from pagefind.service import _must_get_executable  # noqa: F401
    except Exception:  # the package, or its binary package, is missing
        return False
    return True


def index(site: Path) -> str:
    """Index every page of `site` again (pagefind/ is made anew, so it holds nothing stale); returns
    what to tell the user."""
    target = site / "pagefind"
    shutil.rmtree(target, ignore_errors=True)
    if not available():
        return "sökindexet gjordes inte: Pagefind är inte installerat (pip install 'ikplan[site]')"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"sökindexet gjordes inte: {exc}"
    if done.returncode != 0 or not (target / "pagefind.js").is_file():
        reason = (done.stderr or done.stdout).strip().splitlines()
        return "sökindexet gjordes inte: " + (reason[-1] if reason else f"Pagefind avslutades med {done.returncode}")
    return "sökindex skapat med Pagefind"
