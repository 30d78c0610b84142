"""The executable edition of Lee & Gray (2020): data, claims, formatting, charts and checks.

Everything the chapters compute lives here so that notebooks stay thin and no logic is
duplicated between chapters. The package is built in floors, each a sub-package whose docstring
says what it may import (``tests/test_layers.py`` holds them to it): ``core`` < ``data`` <
``verdicts`` < ``render`` < ``student`` | ``site`` < ``print`` < ``check``, and the commands on
top (``__main__``, ``lab``, ``preview``, ``pdf``). This root names only where the book is.
"""
from __future__ import annotations

import os
from pathlib import Path

#: The book's root. ``EDITION_ROOT`` points the package at another copy of the book (its
#: ``data/`` and ``references.bib``): the hostile-input test builds the real apparatus pages
#: (ledger, editorial notes, data sources, references) over poisoned copies this way.
ROOT = (Path(os.environ["EDITION_ROOT"]).resolve() if os.environ.get("EDITION_ROOT")
        else Path(__file__).resolve().parent.parent)
DATA = ROOT / "data"
CHAPTERS = ROOT / "chapters"

__all__ = ["ROOT", "DATA", "CHAPTERS"]
