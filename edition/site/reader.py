"""The reader's apparatus, as one Sphinx extension listed in ``_config.yml``.

Each concern lives in its own module and registers its own hooks; this module only loads them,
so ``_config.yml`` names one extension for all of them:

* :mod:`edition.site.weight` - the theme's icon font cut to the icons the site uses (page weight);
* :mod:`edition.site.publish` - repository and site addresses from the environment (launch buttons,
  ``html_baseurl``, sitemap), never a typed placeholder;
* :mod:`edition.site.meta` - ``citation_*``, Dublin Core and OpenGraph tags, the BibTeX/RIS files,
  and the version line on every page;
* :mod:`edition.site.previews` - hover/focus/tap previews of citations, notes, verdict marks, tables
  and Figure 1 (``_static/previews.js``);
* :mod:`edition.site.pdf_links` - the download menu's links to the edition's PDFs (made after the
  build by ``python -m edition.pdf``).
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

MODULES = ("edition.site.weight", "edition.site.publish", "edition.site.meta", "edition.site.previews", "edition.site.pdf_links")


def setup(app: Sphinx) -> dict[str, Any]:
    for name in MODULES:
        app.setup_extension(name)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
