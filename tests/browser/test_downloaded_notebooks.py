"""Every chapter notebook offered for download by the built site carries the guard (edition.download):
run outside the repository, its set-up cell prints how to get the edition instead of a traceback."""
from __future__ import annotations

import json

import pytest

from edition import CHAPTERS, download

pytestmark = pytest.mark.browser


def test_every_downloadable_chapter_notebook_is_guarded(site):
    chapters = sorted(p.stem for p in CHAPTERS.glob("*.md") if "```{code-cell}" in p.read_text(encoding="utf-8"))
    assert chapters
    for stem in chapters:
        path = site / "_sources" / "chapters" / f"{stem}.ipynb"
        assert path.is_file(), f"no downloadable {path.name} in the site"
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        first = "".join(code[0]["source"])
        assert first.startswith(download.MARK), f"{path.name}: the set-up cell has no guard"
        assert first.count(download.MARK) == 1
        assert f"chapters/{stem}.md" in first, f"{path.name}: the message names another chapter"
        assert "from edition" in first.split("raise EditionNotFound() from None", 1)[1]
        assert not any(o.get("output_type") == "error" for c in code for o in c.get("outputs", []))
