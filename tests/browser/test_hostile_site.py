"""A scratch book built from hostile data: markup in every free-text column of every CSV and in
every field of a bibliography entry, a ``javascript:`` URL among them; markup in the title,
author and copyright of ``_config.yml`` and in the edition's title, version and author in
``CITATION.cff``; raw HTML (``<script>``, ``<img onerror>``, ``{raw} html``)
and a bidi override in a chapter's prose. The strict build refuses the URL, the raw HTML and the
bidi override with a warning naming the entry or the file and line; the site it builds otherwise
shows every payload as inert text. Proven in Chromium: no dialog opens and no injected handler
runs on any page, and the title, author and prose read as written.

What the build refuses outright (an address that is not well-formed https, a symbolic link out
of the repository, an unlisted file in ``_static/``) stops it before anything is read: those
cases are in tests/test_hostile.py, not here.

The book is small on purpose: one chapter page with Figure 1 and the tables, and the real
apparatus pages (ledger, editorial notes, data sources, references, copied from chapters/ at test
time, so whatever renders them is what is tested), all reading the poisoned copy through
``EDITION_ROOT``.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import (BIDI_PROSE_LINE, HOSTILE_CFF, HOSTILE_CONFIG, HOSTILE_KEY, HOSTILE_PROSE,
                           RAW_PROSE_LINES, live_markup, poison_bib, poison_cff, poison_config, poison_data)

from .background import HOSTILE_BUILD
from .harness import OfflineGuard, SiteServer, site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Hostile data

Cited here so that the references page lists it {{cite:p}}`{key}`.

:::{{table2}}
:::

:::{{discrepancies}} s4
:::

```{{code-cell}} ipython3
:tags: [remove-input]
from pathlib import Path
from IPython.display import HTML
from edition.render import charts, tables
from edition.data import series
from edition.data.datapackage import Package
pkg = Package(Path("..").resolve())
HTML(charts.figure1_html(pkg) + series.basis_caption_html(pkg) + tables.table1_html(pkg))
```

"""

APPARATUS = ("ledger", "editorial-notes", "data-sources", "references")
TOC = "format: jb-book\nroot: chapters/hostile\nchapters:\n" + "".join(
    f"  - file: chapters/{name}\n" for name in APPARATUS)
PAGES = ("chapters/hostile.html",) + tuple(f"chapters/{name}.html" for name in APPARATUS)


def start_build(root: Path) -> subprocess.Popen:
    """Write the scratch book into *root* and start building it (not strict, to see what it
    publishes); :func:`finish_build` waits for it. The conftest starts it as the session begins
    when this module is to run, so the build runs beside the browser tests."""
    poison_data(root)
    poison_bib(root)
    shutil.copytree(ROOT / "_static", root / "_static")
    shutil.copy(ROOT / "CITATION.cff", root / "CITATION.cff")  # the edition's metadata (edition.site.meta)
    poison_cff(root)
    # The book's own configuration, execution mode included: the scratch book's cache starts
    # empty, so its one chapter is executed (by edition/site/execution.py, while Sphinx reads the
    # apparatus pages: about 3 s sooner than myst-nb's force mode, which reads and waits).
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    poison_config(root)
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    (root / "chapters").mkdir()
    (root / "chapters" / "hostile.md").write_text(CHAPTER.format(key=HOSTILE_KEY) + HOSTILE_PROSE,
                                                  encoding="utf-8")
    for name in APPARATUS:
        shutil.copy(ROOT / "chapters" / f"{name}.md", root / "chapters" / f"{name}.md")
    exe = Path(sys.executable).with_name("jupyter-book")
    with (root / "build.log").open("w", encoding="utf-8") as log:
        return subprocess.Popen([str(exe), "build", str(root), "--all", "--keep-going"],
                                stdout=log, stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT), "EDITION_ROOT": str(root)})


def finish_build(root: Path, proc: subprocess.Popen) -> tuple[Path, str]:
    try:
        proc.wait(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
    log = (root / "build.log").read_text(encoding="utf-8")
    site = root / "_build" / "html"
    assert proc.returncode == 0 and (site / "chapters" / "hostile.html").exists(), log[-4000:]
    return site, log


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory, pytestconfig) -> tuple[Path, str]:
    """The scratch book's site and build log (built here, unless the session started it)."""
    started = pytestconfig.stash.get(HOSTILE_BUILD, None)
    if started is not None:
        return finish_build(*started)
    root = tmp_path_factory.mktemp("hostile-book")
    return finish_build(root, start_build(root))


def test_the_build_refuses_the_javascript_url_naming_the_entry(hostile_build):
    _, log = hostile_build
    assert f"references.bib entry '{HOSTILE_KEY}': url \"javascript:" in log or \
        f"references.bib entry '{HOSTILE_KEY}': url 'javascript:" in log, log[-3000:]


def test_the_build_names_each_raw_html_and_the_bidi_override_in_the_prose(hostile_build):
    """Each warning names the chapter and the line. myst-nb counts a notebook's Markdown cell from
    its first non-blank line, so in a cell that opens with a blank line (as this one does, after
    the code cell) its lines are one short; the checker's rule raw-html gives the exact line."""
    _, log = hostile_build
    log = re.sub(r"\x1b\[[0-9;]*m", "", log)
    first = CHAPTER.format(key=HOSTILE_KEY).count("\n")  # the prose's line n is the file's first + n
    for n in RAW_PROSE_LINES:
        assert re.search(rf"hostile\.md:{first + n - 1}: WARNING: raw html in the text is not "
                         r"published as markup", log), (n, log[-3000:])
    assert re.search(rf"hostile\.md:{first + BIDI_PROSE_LINE - 1}: WARNING: the text holds bidi-control "
                     r"or invisible characters \(U\+202E, U\+202C\)", log), log[-3000:]


def test_no_page_publishes_the_markup_as_markup(hostile_build):
    site, _ = hostile_build
    pages = {p: (site / p).read_text(encoding="utf-8") for p in site_pages(site)}
    assert set(PAGES) <= set(pages)
    for page, text in pages.items():
        assert live_markup(text) == [], page
    for page in ("chapters/hostile.html", "chapters/ledger.html", "chapters/editorial-notes.html"):
        assert pages[page].count("&lt;script&gt;window.__pwned=") >= 10, page  # shown, as text
    refs = pages["chapters/references.html"]
    assert "__pwned=&#39;bib-title&#39;" in refs or "__pwned='bib-title'" in refs.replace("&#x27;", "'")
    assert 'href="javascript:' not in refs


def test_in_chromium_no_dialog_opens_and_no_handler_runs(hostile_build, browser):
    site, _ = hostile_build
    dialogs: list[str] = []
    with SiteServer(site) as url:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        guard = OfflineGuard().install(ctx)
        try:
            # One tab, navigated from page to page (a new tab costs a renderer process each time).
            page = ctx.new_page()
            current = {"page": None}
            page.on("dialog", lambda d: (dialogs.append(f"{current['page']}: {d.message}"), d.dismiss()))
            for page_path in PAGES:
                current["page"] = page_path
                try:
                    page.goto(url + page_path, wait_until="load")
                except Exception as exc:  # noqa: BLE001 - a storm of dialogs stalls the load
                    assert dialogs == [], f"{len(dialogs)} dialog(s) opened, first: {dialogs[:3]}"
                    raise AssertionError(f"{page_path} did not load: {exc}") from exc
                # the charts must have drawn (their data holds the notes), and tooltips open
                if page_path.endswith("hostile.html"):
                    page.wait_for_selector("#figure1-en svg", timeout=30_000)
                    box = page.locator("#figure1-en svg").bounding_box()
                    for x in range(5, 100, 10):
                        page.mouse.move(box["x"] + box["width"] * x / 100, box["y"] + box["height"] / 2)
                        page.wait_for_timeout(30)
                page.wait_for_timeout(500)
                pwned = page.evaluate("window.__pwned === undefined ? null : String(window.__pwned)")
                assert pwned is None, f"{page_path}: injected code ran ({pwned})"
                injected = page.evaluate("""() => [...document.querySelectorAll('*')].filter(
                    el => [...el.attributes].some(a => a.name.startsWith('on')
                          && a.value.includes('__pwned'))).length""")
                assert injected == 0, f"{page_path}: {injected} element(s) carry an injected handler"
                links = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
                    .map(a => a.getAttribute('href')).filter(h => /^\\s*javascript:/i.test(h))""")
                assert links == [], f"{page_path}: javascript: links {links}"
                if page_path.endswith("hostile.html"):
                    _configuration_and_prose_read_as_written(page)
        finally:
            ctx.close()
    assert dialogs == [], dialogs
    assert not guard.blocked, guard.blocked


def _configuration_and_prose_read_as_written(page) -> None:
    """The hostile title, author and copyright are on the page as text, the raw HTML of the prose
    is shown as its source, and the author's payload rewrote no figure (issue 23: it had set all
    88 glued numbers to "$999 billion")."""
    shown = page.evaluate("""() => ({
        title: document.querySelector('.logo__title')?.textContent.trim(),
        author: document.querySelector('.component-author')?.textContent.replace(/\\s+/g, ' ').trim(),
        copyright: document.querySelector('.copyright')?.textContent.replace(/\\s+/g, ' ').trim(),
        version: document.querySelector('.edition-version .lang-en')?.textContent,
        dc: [...document.querySelectorAll('meta[name^="DC."]')].map(m => m.content),
        refused: [...document.querySelectorAll('.refused-raw')].map(e => e.textContent),
        rewritten: [...document.querySelectorAll('td, .pasted-text')]
            .filter(e => e.textContent.includes('$999 billion')).length})""")
    assert shown["title"] == HOSTILE_CONFIG["title"], shown["title"]
    assert HOSTILE_CONFIG["author"] in shown["author"], shown["author"]
    assert HOSTILE_CONFIG["copyright"] in shown["copyright"], shown["copyright"]
    assert len(shown["refused"]) == 4 and any("onerror=" in t for t in shown["refused"]), shown["refused"]
    assert any("raw-directive" in t for t in shown["refused"]), shown["refused"]
    assert shown["rewritten"] == 0
    assert HOSTILE_CFF["version"] in shown["version"], shown["version"]
    assert {HOSTILE_CFF["title"], HOSTILE_CFF["  - name"]} <= set(shown["dc"]), shown["dc"]
