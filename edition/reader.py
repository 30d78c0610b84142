"""The reader's apparatus, as one Sphinx extension listed in ``_config.yml``.

Each concern lives in its own module and registers its own hooks; this module only loads them,
so ``_config.yml`` names one extension for all of them:

* :mod:`edition.weight` - the theme's icon font cut to the icons the site uses (page weight).
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

MODULES = ("edition.weight",)


def setup(app: Sphinx) -> dict[str, Any]:
    for name in MODULES:
        app.setup_extension(name)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
