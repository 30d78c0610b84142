"""Korean mode has a Korean interface: no English label, tooltip or accessible name outside the
English blocks, on every page.

What counts as interface: every visible text node that is not inside a content block
(``.lang-en`` / ``.lang-ko``), code, or a citation link (authors' names and publications are
content, in the language they were published in), quoted page text in search results, or the
output of a code cell whose code is shown (program output, like code); every ``title``, ``aria-label``,
``placeholder``, ``alt``, tooltip and role description outside the English blocks (visible or
not: screen readers announce them); the document title. A Latin word there fails the page,
except for the names in ALLOWED (EN on the switch, Binder, PDF, key caps, codes of statistical
sources, chart values).
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from .harness import is_redirect_stub
from .helpers import settle, wait_for_page

ALLOWED = ["EN", "PDF", "Binder", "Ctrl", "CSV", "HS", "KITA", "KOTRA", "GAC", "UN", "CBP", "SERMS",
           "JupyterLab", "Jupyter", "ipynb", "md", "MyST", "URL", "km", "NRF", "KIEP", "KBS", "World",
           "NK", "Comtrade", "MOFCOM", "ITC", "KDI", "SERI", "Daily", "Chosun", "ed", "APA", "BibTeX",
           "CITATION", "cff", "references", "bib", "RIS", "ris"]

COLLECT = """(allowed) => {
  const ALLOW = new Set(allowed);
  const SKIP = ".lang-en, .lang-ko, script, style, code, pre, .highlight, noscript, textarea";
  const CITE = "a[href*='references.html#'], a[role='doc-biblioref'], .bibliography, .citation, " +
               // quoted page text in search results (checked in test_search_ko), and the output of
               // code a student sees and runs (program output, like code)
               "#search-results .context, .cell:not(.tag_remove-input) .cell_output";
  const words = (s) => (s.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/g) || []).filter(w => !ALLOW.has(w));
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const el = n.parentElement;
    if (!el || el.closest(SKIP) || el.closest(CITE)) continue;
    const t = n.nodeValue.replace(/\\s+/g, " ").trim();
    const inSvgTitle = el.closest("svg title");
    if (t && words(t).length && (inSvgTitle || shown(el))) bad.push("text: " + t.slice(0, 120));
  }
  const names = ["aria-label", "title", "placeholder", "alt", "data-bs-title", "data-tooltip",
                 "aria-roledescription"];
  for (const el of document.body.querySelectorAll(names.map(a => "[" + a + "]").join(","))) {
    if (el.closest(".lang-en") || el.closest(CITE)) continue;
    for (const a of names) {
      const v = el.getAttribute(a);
      if (v && words(v).length) bad.push(a + ": " + v.slice(0, 120));
    }
  }
  if (words(document.title).length) bad.push("document.title: " + document.title);
  return [...new Set(bad)];
}"""


def _pages(site):
    from .harness import site_pages

    return [p for p in site_pages(site) if not is_redirect_stub(site, p)]


def test_every_page_has_a_korean_interface_in_korean_mode(browse, site):
    failures = {}
    for path in _pages(site):
        url = path + ("?q=" + quote("제재") if path == "search.html" else "")
        page, _log = browse.visit(url, mode="ko", locale="ko-KR")
        if path == "search.html":
            page.wait_for_function("() => (document.querySelector('#search-results .search-summary')"
                                   " || {}).textContent", timeout=60_000)
        wait_for_page(page, site, path)
        settle(page)  # late content (charts, copy buttons) and its localisation
        found = page.evaluate(COLLECT, ALLOWED)
        if found:
            failures[path] = found
    report = "\n".join(f"{p}:\n  " + "\n  ".join(v[:15]) for p, v in failures.items())
    assert not failures, "English interface text in Korean mode:\n" + report


def test_switching_back_restores_the_english_interface(browse):
    page, _log = browse.visit("chapters/01-introduction.html", mode="ko")
    settle(page)
    assert "북한 의류 생산네트워크와 UN 제재" in page.title()
    assert page.locator(".logo__title").first.inner_text().startswith("북한")
    page.evaluate("window.editionLang.set('en')")
    settle(page)
    assert page.title().startswith("1. Introduction")
    assert page.locator(".logo__title").first.inner_text().startswith("North Korea")
    page.evaluate("window.editionLang.set('ko')")
    settle(page)
    assert page.title().startswith("1. 서론")


@pytest.mark.parametrize("english,korean", [
    ("Search finished, found 3 page(s) matching the search query.", "검색 완료: 일치하는 페이지 3개."),
    ("X-axis titled '연도' for a linear scale with values from 2002 to 2019", "X축 ‘연도’: 2002부터 2019까지"),
    ("The paper · 논문", None),
])
def test_label_table(browse, english, korean):
    page, _log = browse.visit("chapters/01-introduction.html", mode="ko")
    assert page.evaluate("([s]) => window.editionKorean.korean(s, false)", [english]) == korean
    assert page.evaluate("([s]) => window.editionKorean.korean(s, true)", ["The paper · 논문"]) == "논문"
