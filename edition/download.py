"""A chapter downloaded as ``.ipynb`` and run outside the repository says how to get the edition.

Every chapter's set-up cell imports the ``edition`` package, which lives in the repository beside
the ``data/`` folder the numbers are computed from. A student who downloads one chapter's executed
notebook from the site and runs it elsewhere would otherwise meet ``ModuleNotFoundError: No module
named 'edition'`` and a traceback. The chapters themselves stay as they are (thin, one import, and
nbval and the build run them inside the repository); instead, when the site is built, the
downloadable copy of each notebook gets a short guard in front of that import. The guard raises an
exception whose IPython rendering is a bilingual message (how to get the repository, the two commands
that install and open it) instead of a traceback, and it stops "Run all" cleanly at the first cell.

No repository address is written into the message: the edition names none that it could vouch for,
so the message points to where the notebook came from and to the "Run it yourself" page.
"""
from __future__ import annotations

import json
from pathlib import Path

#: First line of the guard: marks a notebook as already guarded (the rewrite is idempotent).
MARK = "# edition: downloaded copy"

GUARD = '''{mark} — outside the edition's repository, say how to get it (not a traceback).
try:
    import edition
except ModuleNotFoundError as _missing:
    if _missing.name != "edition":
        raise
    class EditionNotFound(Exception):
        """Rendered by IPython as the message alone."""
        def _render_traceback_(self):
            return {lines!r}
    raise EditionNotFound() from None
'''


def message(chapter: str) -> list[str]:
    """The bilingual message for the downloaded copy of ``chapters/<chapter>``, line by line."""
    install = "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
    open_ = f".venv/bin/python -m edition.lab chapters/{chapter}"
    return [
        "This notebook is one chapter of the executable edition of Lee & Gray (2020). It runs only",
        "inside the edition's repository, which holds the `edition` package and the `data/` folder",
        "its numbers are computed from; a downloaded copy has neither.",
        "To run it: get the whole repository this notebook came from (the edition's web site, where",
        "you downloaded it, links to it; see its page \"Run it yourself\"), then, in that folder:",
        f"    {install}",
        f"    {open_}",
        "(any Python 3.11 or newer; on Windows write .venv\\Scripts\\ for .venv/bin/). Or open the",
        "chapter on Binder with the rocket button at the top of its page: nothing to install.",
        "",
        "이 노트북은 Lee & Gray(2020)의 실행 가능한 편집본 가운데 한 장이다. 이 노트북은 편집본의 저장소",
        "안에서만 실행된다. 저장소에는 `edition` 패키지와 수치를 계산하는 `data/` 폴더가 있지만, 내려받은 사본에는",
        "둘 다 없다.",
        "실행하려면: 이 노트북을 내려받은 편집본 웹사이트가 가리키는 저장소 전체를 받은 뒤(웹사이트의",
        "\"직접 실행해 보기\" 쪽 참조), 그 폴더에서 다음 두 명령을 실행한다.",
        f"    {install}",
        f"    {open_}",
        "(Python 3.11 이상이면 된다. Windows에서는 .venv/bin/ 대신 .venv\\Scripts\\를 쓴다.) 또는 장의 쪽",
        "위에 있는 로켓 단추로 Binder에서 열면 설치할 것이 없다.",
    ]


def guard_source(chapter: str) -> str:
    """The guard's code for one chapter."""
    return GUARD.format(mark=MARK, lines=message(chapter))


def _imports_edition(source: str) -> bool:
    return any(line.strip().startswith(("from edition", "import edition")) for line in source.splitlines())


def guard_notebook(nb: dict, chapter: str) -> bool:
    """Put the guard in front of the first cell that imports ``edition``; True if *nb* changed."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        if source.startswith(MARK):
            return False
        if _imports_edition(source):
            cell["source"] = guard_source(chapter) + source
            return True
    return False


def guard_file(path: Path) -> bool:
    """Rewrite one downloadable ``.ipynb`` in place with the guard; True if it changed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    if not guard_notebook(nb, path.with_suffix(".md").name):
        return False
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return True


def guard_downloads(outdir: Path) -> list[Path]:
    """Guard every chapter notebook offered for download in a built HTML site."""
    sources = Path(outdir) / "_sources" / "chapters"
    return [p for p in sorted(sources.glob("*.ipynb")) if guard_file(p)]


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        guard_downloads(Path(app.outdir))


def setup(app):
    """Sphinx extension: guard the downloadable notebooks once the HTML pages are written."""
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
