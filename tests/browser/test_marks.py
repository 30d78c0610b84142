"""Verdict marks and [sic] marks point at entries that exist (read from the built HTML)."""
from __future__ import annotations

import re

import pytest

from .harness import ROOT, site_pages
from .helpers import ids_of, resolve, settle, soup_of

pytestmark = pytest.mark.browser

LEDGER = "chapters/ledger.html"
EDITORIAL = "chapters/editorial-notes.html"


def _marks(site, css: str):
    for page in site_pages(site):
        for a in soup_of(site / page).select(css):
            yield page, a


def test_verdict_marks_point_into_the_ledger(site):
    marks = list(_marks(site, "a.verdict"))
    if not marks:
        pytest.fail("no verdict marks in the built site")
    ledger = (site / LEDGER).resolve()
    assert ledger.is_file(), f"{LEDGER} missing but {len(marks)} verdict marks point to it"
    ledger_ids = ids_of(ledger)
    problems = []
    for page, a in marks:
        href = a.get("href", "")
        target, frag = resolve(site, page, href)
        if target != ledger:
            problems.append(f"{page}: {href} does not point at {LEDGER}")
        elif not frag.startswith(("claim-", "rel_")) or frag not in ledger_ids:  # rel_: {rel} marks
            problems.append(f"{page}: {href}: no id {frag!r} on the ledger page")
        if not a.get("data-symbol"):
            problems.append(f"{page}: {href}: mark without a symbol")
        if not a.get("aria-label") or a.get_text():
            problems.append(f"{page}: {href}: a mark is named by aria-label and holds no text")
    assert not problems, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:40])


def test_every_verdict_slug_has_a_colour(site):
    slugs = {cls[len("verdict-"):] for _, a in _marks(site, "a.verdict")
             for cls in a.get("class", []) if cls.startswith("verdict-")}
    if not slugs:
        pytest.fail("no verdict marks in the built site")
    css = (ROOT / "_static" / "edition.css").read_text(encoding="utf-8")
    missing = sorted(s for s in slugs
                     if not re.search(rf"\.verdict\.verdict-{re.escape(s)}\s*{{[^}}]*color", css))
    assert not missing, f"verdict slugs without a colour in edition.css: {missing}"


def test_sic_marks_point_at_editorial_notes(site):
    marks = list(_marks(site, "a.sic"))
    if not marks:
        pytest.fail("no [sic] marks in the built site")
    editorial = (site / EDITORIAL).resolve()
    problems = []
    for page, a in marks:
        target, frag = resolve(site, page, a.get("href", ""))
        if target != editorial or frag not in ids_of(editorial):
            problems.append(f"{page}: {a.get('href')} does not land on an editorial note")
    assert not problems, "\n  ".join(problems)


@pytest.mark.parametrize("reader_mode", ["en", "ko"])
def test_verdict_mark_opens_a_visible_ledger_row(browse, site, reader_mode):
    mode = reader_mode
    """A mark in the Korean text names the English row (claim-x); in Korean mode the reader
    lands on the Korean table's row (claim-x-ko) instead of a hidden one."""
    pages = [p for p in site_pages(site) if p.startswith("chapters/") and p != LEDGER
             and re.search(r'<a [^>]*class="[^"]*\bverdict\b', (site / p).read_text(encoding="utf-8"))]
    if not pages:
        pytest.fail("no verdict marks in the built site")
    page, log = browse.visit(pages[0], mode=mode)
    mark = page.locator(f".lang-{mode} a.verdict").first
    mark.scroll_into_view_if_needed()
    mark.click()
    page.wait_for_url("**/ledger.html#*")
    page.wait_for_load_state("load")
    settle(page)  # edition.js reveals the target in the frame after load
    landed = page.evaluate("""() => {
        const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        if (!el) return {id: null};
        const r = el.getBoundingClientRect();
        return {id: el.id, visible: el.getClientRects().length > 0,
                inView: r.bottom > 0 && r.top < innerHeight};
    }""")
    assert landed["id"] and landed["visible"] and landed["inView"], f"[{mode}] landed on {landed}"
    assert log.errors == [], log.errors
    browse.assert_offline()
