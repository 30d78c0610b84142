"""The Sphinx side: the extension with its own nodes and directives (``sphinxext``), the assets and
the published ``_static/`` files, the reader's apparatus (metadata, previews, page weight,
addresses), Korean search and citations, the parallel pre-execution, the downloads and the
student's notebooks written from the resolved pages, and the configuration values (``config``).

``_config.yml`` names this package as the one extension: :func:`setup` loads each concern's own
module, and each module registers its own hooks.

May import: edition.render, edition.verdicts, edition.data, edition.core.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The site's extensions, in the order they are set up. Hooks of equal priority run in the order
#: they were registered, so this order is part of the output: keep it.
EXTENSIONS = (
    "edition.site.assets",        # _static/, offline libraries, page weight at build-finished
    "edition.site.execution",     # the chapters run in parallel into myst-nb's cache
    "edition.site.download",      # the download menu's bundles and the data package
    "edition.site.notebooks",     # the student's notebooks from the resolved pages
    "edition.site.weight",        # the icon font cut to the icons the site uses
    "edition.site.publish",       # repository and site addresses (launch buttons, html_baseurl)
    "edition.site.meta",          # citation_*, Dublin Core, OpenGraph, JSON-LD; the version line
    "edition.site.previews",      # hover/focus/tap previews (_static/previews.js)
    "edition.site.pdf_links",     # the download menu's links to the PDFs
    "edition.site.search_ko",     # Korean search
    "edition.site.citations_ko",  # Korean citations
    "edition.site.sphinxext",     # the edition's nodes, directives and roles
    "edition.site.redirect",      # the root address keeps ?lang= and #anchor on its way in
)


def setup(app: Sphinx) -> dict[str, Any]:
    for name in EXTENSIONS:
        app.setup_extension(name)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
