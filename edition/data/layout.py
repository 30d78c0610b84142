"""The book's layout: which chapter holds which section of the paper. The one home of that map.

Everything that needs it (the notebooks' ``setup("s2")``, the checker's guess of a chapter's
section, pair-id rules) reads it from here; ``_toc.yml`` and the ``section`` enums of
``data/datapackage.json`` must agree with it, and ``tests/test_layout.py`` checks that they do.

To add a chapter for a new section: add a row here, the file to ``_toc.yml``, the key to the
``section`` enums in ``data/datapackage.json``; see EDITING.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

CHAPTERS_DIR = "chapters"


@dataclass(frozen=True)
class Section:
    """One section of the paper and the chapter (MyST notebook) that holds it."""

    key: str        # as in data/claims.csv and setup("…"): "front", "s1" … "s6"
    stem: str       # the chapter file's name without ".md"

    @property
    def docname(self) -> str:
        """Sphinx's name for the page: ``chapters/02-integration``."""
        return f"{CHAPTERS_DIR}/{self.stem}"

    @property
    def path(self) -> str:
        """The chapter file, relative to the repository: ``chapters/02-integration.md``."""
        return f"{self.docname}.md"


SECTIONS = (
    Section("front", "00-front"),
    Section("s1", "01-introduction"),
    Section("s2", "02-integration"),
    Section("s3", "03-political-economy"),
    Section("s4", "04-sanctions"),
    Section("s5", "05-workers"),
    Section("s6", "06-conclusion"),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)
BY_KEY = {s.key: s for s in SECTIONS}

#: Pair-id prefixes of the apparatus pages (``ledger-p01`` …), which hold no section.
APPARATUS_PREFIXES = ("ledger", "editorial", "references", "data", "run", "cite", "changes")

_NUMBERED_FILE = re.compile(r"^(?P<num>[0-9]{2})-")


def section(key: str) -> Section:
    """The section ``key`` (ValueError naming the known keys otherwise)."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown section {key!r}; expected one of {SECTION_KEYS}") from None


def section_of_file(path: str) -> str | None:
    """The section a chapter file holds, by its name: the layout's own file, else ``NN-`` → sN."""
    stem = PurePosixPath(path).stem
    for s in SECTIONS:
        if s.stem == stem:
            return s.key
    m = _NUMBERED_FILE.match(stem)
    if not m:
        return None
    return "front" if m.group("num") == "00" else f"s{int(m.group('num'))}"


def pair_id_pattern() -> re.Pattern[str]:
    """Valid pair ids: ``front-…``, ``sN-pNN``/``qNN``/``figN``/``tN``, and ``<apparatus>-pNN``."""
    numbered = "|".join(k for k in SECTION_KEYS if k != "front")
    return re.compile(rf"^(?:front-[a-z0-9\-]+|(?:{numbered})-(?:p[0-9]{{2}}|q[0-9]{{2}}|fig[0-9]+|t[0-9]+)"
                      rf"|(?:{'|'.join(APPARATUS_PREFIXES)})-p[0-9]{{2}})$")
