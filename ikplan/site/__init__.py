"""`ikplan site`: the kommun's intern kontroll as a static website.

The site renders what the other commands compute (the report contexts, the sammanställning, the
histories, the granskning) and computes nothing of its own. It needs no server and no JavaScript to
read, and its links are relative, so it works from any folder or Pages path.

- public.py: the public edition of a plan (text marked `sekretess` replaced before anything sees it);
- pages.py: addresses and the small page contexts (start page, nämnd pages, histories);
- build.py: the build itself, incremental by content hash, byte for byte equal to a full build;
- search.py: the Pagefind index (optional; the site is complete without it).
"""

from ikplan.site.build import SiteOptions, SiteReport, build_site

__all__ = ["SiteOptions", "SiteReport", "build_site"]
