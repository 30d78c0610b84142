"""Every page loads cleanly and offline; its notes and citations lead somewhere real.

The page tests read each page in a warm tab (``browse.visit``: a navigation, not a new tab, with
the storage of a first visit); the search and guard tests use fresh contexts."""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest

from .helpers import CHART_SELECTOR, LINK_FACTS, ids_of, settle, wait_for_page

pytestmark = pytest.mark.browser


def test_page_loads_without_errors_or_outside_requests(browse, site, page_path):
    page, log = browse.visit(page_path)
    wait_for_page(page, site, page_path)
    settle(page)  # late console errors (deferred scripts)

    assert log.errors == [], f"{page_path}: console/page errors:\n  " + "\n  ".join(log.errors)
    browse.assert_offline()

    # The language switch is on every page, with three real buttons.
    buttons = page.locator(".edition-lang-switch button")
    assert buttons.count() == 3, f"{page_path}: language switch missing"
    assert [buttons.nth(i).get_attribute("aria-pressed") for i in range(3)].count("true") == 1

    # Any chart drew itself, and did not fall back to Altair's red error text.
    charts = page.locator(CHART_SELECTOR)
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.locator("svg, canvas").count() >= 1, f"{page_path}: chart {i} did not render"
        assert chart.locator(".error").count() == 0, chart.inner_text()


NOTE_AND_CITATION_LINKS = (
    "a.note-ref, a.note-backref, span.bibtex-citation a[href], a[role='doc-backlink'], a.sic"
)


def test_notes_and_citations_land_on_existing_ids(browse, site, page_path, mode):
    """Each visible note marker, note back-link and citation points at an element that exists
    (on this page: and can be seen in this language mode; on another page: in its HTML)."""
    page, log = browse.visit(page_path, mode=mode)
    wait_for_page(page, site, page_path)
    here = unquote(urlsplit(page.url).path)
    facts = page.evaluate(LINK_FACTS, NOTE_AND_CITATION_LINKS)
    if not facts:
        # Every section of the paper cites and has notes; other pages may have neither.
        assert not re.match(r"chapters/0[1-6]-", page_path), f"{page_path}: no note or citation links"
        return

    problems = []
    for f in facts:
        if not f["visible"] or not f["origin"]:
            continue
        if not f["id"]:
            problems.append(f"{f['href']!r} ({f['text']}) has no fragment")
        elif f["same"]:
            if not f["exists"]:
                problems.append(f"{f['href']!r} ({f['text']}): no element with that id")
            elif "note-backref" in f["cls"]:
                pass  # checked below: edition.js sends the click to the visible twin marker
            elif not f["targetVisible"] and "doc-backlink" not in f["href"]:
                problems.append(f"{f['href']!r} ({f['text']}): target hidden in mode {mode}")
        else:
            target = (site / f["path"].lstrip("/")).resolve()
            if not target.is_file():
                problems.append(f"{f['href']!r}: page {f['path']} does not exist")
            elif f["id"] not in ids_of(target):
                problems.append(f"{f['href']!r}: no id {f['id']!r} in {f['path']}")
    assert not problems, f"{here} [{mode}]:\n  " + "\n  ".join(problems)

    # A note's back-link, clicked, lands on a marker the reader can see in this mode.
    backrefs = page.locator("a.note-backref")
    for i in range(min(backrefs.count(), 3)):
        link = backrefs.nth(i)
        if not link.is_visible():
            continue
        link.click()
        landed = page.evaluate("""() => {
            const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
            return {id: el && el.id, visible: !!el && el.getClientRects().length > 0};
        }""")
        assert landed["visible"], f"{page_path} [{mode}]: back-link {i} landed on hidden {landed['id']}"
    assert log.errors == [], log.errors
    browse.assert_offline()


def test_root_redirect_target_exists(site):
    index = site / "index.html"
    assert index.exists(), "no index.html"
    text = index.read_text(encoding="utf-8")
    assert "url=" in text, "index.html should redirect to the front page"
    target = text.split("url=", 1)[1].split('"', 1)[0].strip()
    assert (site / target).is_file(), f"index.html redirects to missing {target}"


def test_search_page_finds_text(browse, site):
    """The search index lives on search.html only (edition.site.assets); search must still work there,
    and result titles follow the language mode."""
    assert (site / "search.html").exists(), "no search.html"
    page, log = browse.open("search.html?q=sanctions", mode="ko")
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results li').length > 0"
        " || /did not match|검색/.test(document.querySelector('#search-results')?.innerText || '')",
        timeout=30_000)
    results = page.locator("#search-results li")
    assert results.count() > 0, "searching 'sanctions' found nothing"
    mixed = page.evaluate(r"""() => Array.from(document.querySelectorAll('#search-results li > a'))
        .filter((a) => a.getClientRects().length)
        .map((a) => a.innerText.trim())
        .filter((t) => /[A-Za-z]{4,}/.test(t) && /[\uAC00-\uD7AF]/.test(t))""")
    assert mixed == [], f"result titles show both languages in Korean mode: {mixed[:3]}"
    assert log.errors == [], log.errors
    browse.assert_offline()


def test_offline_guard_catches_outside_requests(browse, site):
    """Self-check of the harness: a request to another host is stopped and recorded."""
    page, _ = browse.open("genindex.html" if (site / "genindex.html").exists() else "index.html")
    assert page.evaluate("() => fetch('https://example.org/probe.js').then(() => 'loaded', () => 'failed')"
                         ) == "failed"
    assert page.evaluate("() => new Promise((r) => { const i = new Image(); i.onerror = () => r('failed');"
                         " i.onload = () => r('loaded'); i.src = 'http://cdn.example.net/x.png'; })") == "failed"
    assert any("example.org" in u for u in browse.guard.blocked)
    assert any("cdn.example.net" in u for u in browse.guard.blocked)
    browse.guard.blocked.clear()  # expected: do not fail the teardown check


def test_offline_guard_covers_the_warm_tabs(browse, site):
    """Self-check of the harness: a warm tab's guard stops and records for the test that used it."""
    page, _ = browse.visit("genindex.html" if (site / "genindex.html").exists() else "index.html",
                           mode="both")
    assert page.evaluate("() => fetch('https://example.org/warm-probe.js').then(() => 'loaded', () => 'failed')"
                         ) == "failed"
    assert any("example.org/warm-probe.js" in u for u in browse.blocked())
    browse.forget_blocked()  # expected: do not fail the teardown check
    assert browse.blocked() == []


def test_warm_tabs_start_every_page_with_a_first_visits_storage(browse):
    """Self-check of the harness: a choice stored on one page of a warm tab does not reach the
    next page loaded there (each load sees what a first visit sees)."""
    page, _ = browse.visit("chapters/01-introduction.html")
    assert page.evaluate("() => document.documentElement.getAttribute('data-lang-mode')") == "en"
    page.evaluate("window.editionLang.set('ko')")
    assert page.evaluate("() => localStorage.getItem('edition-lang')") == "ko"
    page.evaluate("() => sessionStorage.setItem('probe', '1')")
    page, _ = browse.visit("chapters/01-introduction.html")
    assert page.evaluate("() => document.documentElement.getAttribute('data-lang-mode')") == "en"
    assert page.evaluate("() => [localStorage.getItem('edition-lang'), sessionStorage.getItem('probe')]"
                         ) == [None, None]
    page, _ = browse.visit("chapters/01-introduction.html", mode="ko")
    assert page.evaluate("() => document.documentElement.getAttribute('data-lang-mode')") == "ko"
