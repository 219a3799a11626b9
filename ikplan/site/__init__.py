"""`ikplan site`: the kommun's intern kontroll as a static website.

The site renders what the other commands compute (the report contexts, the sammanställning, the
histories, the granskning) and computes nothing of its own. It needs no server and no JavaScript to
read, and its links are relative, so it works from any folder or Pages path.

- public.py: the public edition of a plan (text marked `sekretess` replaced before anything sees it);
- pages.py: addresses and the small page contexts (start page, nämnd pages, histories);
- build.py: the build itself, incremental by content hash, byte for byte equal to a full build;
- search.py: the Pagefind index (optional; the site is complete without it).
"""

from __future__ import annotations

from typing import Any

__all__ = ["SiteOptions", "SiteReport", "build_site"]


def __getattr__(name: str) -> Any:
    # The build (zipfile, a process pool, the pages) is imported when it is asked for: report, summary
    # and granskning only need public.py's public edition.
    if name in __all__:
        from ikplan.site import build

        return getattr(build, name)
    raise AttributeError(name)
