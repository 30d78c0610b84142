"""At 375 px (a small phone) nothing scrolls sideways and pairs stack in one column.

Every page is checked in side-by-side mode, which lays out both languages' blocks (the widest
case: the other modes show a subset of the same elements); the single-language modes are checked
on a section page and the ledger, within the test budget."""
from __future__ import annotations

import pytest

from .helpers import SINGLE_LANGUAGE_SAMPLES, wait_for_page

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('.bd-article *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 1 && el.getClientRects().length) {
      // Ignore content inside its own horizontal scroller (tables, code, charts).
      let p = el.parentElement, scrolled = false;
      while (p && p !== document.body) {
        const ox = getComputedStyle(p).overflowX;
        if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden') && p.clientWidth <= vw) { scrolled = true; break; }
        p = p.parentElement;
      }
      if (!scrolled) wide.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + el.className) + ' right=' + Math.round(r.right));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw,
          bodyScroll: document.body.scrollWidth, wide: wide.slice(0, 8)};
}"""


def test_no_horizontal_overflow_at_375(browse, site, page_path):
    _check_phone(browse, site, page_path, "both")


@pytest.mark.parametrize("view", ["en", "ko"])
@pytest.mark.parametrize("sample", SINGLE_LANGUAGE_SAMPLES)
def test_no_horizontal_overflow_in_single_language_modes(browse, site, sample, view):
    _check_phone(browse, site, sample, view)


def _check_phone(browse, site, page_path: str, mode: str) -> None:
    page, log = browse.visit(page_path, mode=mode, width=375, height=740, is_mobile=True,
                             has_touch=True)
    wait_for_page(page, site, page_path)
    m = page.evaluate(OVERFLOW)
    assert m["scrollWidth"] <= m["clientWidth"] + 1 and m["bodyScroll"] <= m["clientWidth"] + 1, (
        f"{page_path} [{mode}] scrolls sideways: {m}")
    assert not m["wide"], f"{page_path} [{mode}] elements wider than the screen: {m['wide']}"

    switch = page.locator(".edition-lang-switch")
    assert switch.is_visible(), "language switch not visible on a phone"
    box = switch.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1, f"switch off screen: {box}"

    if mode == "both":
        stacked = page.evaluate("""() => Array.from(document.querySelectorAll('.pair')).map((p) => {
            const en = p.querySelector(':scope > .lang-en'), ko = p.querySelector(':scope > .lang-ko');
            if (!en || !ko) return null;
            const a = en.getBoundingClientRect(), b = ko.getBoundingClientRect();
            return {id: p.id, cols: getComputedStyle(p).gridTemplateColumns.split(' ').length,
                    below: b.top >= a.bottom - 1};
        }).filter(Boolean)""")
        bad = [s for s in stacked if s["cols"] != 1 or not s["below"]]
        assert not bad, f"{page_path}: pairs not in one column at 375px: {bad[:5]}"
    assert log.errors == [], log.errors
