"""The page frame and the print stylesheet (edition H12): one search box at desktop width, the
side-by-side mode using the reader's width, and a print of any page giving text, notes and marks
without sidebars or buttons."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "chapters/04-sanctions.html"

VISIBLE_SEARCH = """() => Array.from(document.querySelectorAll('.search-button-field'))
  .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden').length"""

WIDTHS = """() => {
  const w = (sel) => { const el = document.querySelector(sel); return el ? el.getBoundingClientRect().width : 0; };
  const pair = document.querySelector('.pair');
  const cols = pair ? Array.from(pair.children).map((c) => c.getBoundingClientRect().width) : [];
  const main = document.querySelector('.bd-main').getBoundingClientRect();
  const art = document.querySelector('.bd-article').getBoundingClientRect();
  return {cols, main: main.width, mainRight: main.right, artRight: art.right, vw: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("width", [1280, 1600])
def test_one_search_box_at_desktop_width(browse, width):
    page, log = browse.visit(PAGE, width=width, height=900)
    assert page.evaluate(VISIBLE_SEARCH) == 1
    assert page.locator("#pst-header").is_hidden()
    assert log.errors == [], log.errors


def test_phone_keeps_one_search_and_the_menu(browse):
    page, log = browse.visit(PAGE, width=375, height=740, is_mobile=True, has_touch=True)
    assert page.locator(".bd-header-article .primary-toggle").is_visible()
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('.search-button, .search-button-field'))
      .filter((el) => el.getClientRects().length > 0).length""")
    assert shown == 1
    assert log.errors == [], log.errors


def test_side_by_side_uses_the_width(browse):
    page, log = browse.visit(PAGE, width=1280, height=900, mode="both")
    m = page.evaluate(WIDTHS)
    assert len(m["cols"]) == 2, m
    # Before: two 330 px columns in a 752 px article with 272 px of empty margin on the right.
    assert min(m["cols"]) > 420, m
    assert m["mainRight"] - m["artRight"] < 40, m
    note = page.locator("aside.paper-note").first
    box = note.bounding_box()
    assert box and box["x"] + box["width"] <= m["vw"] + 1, box
    assert log.errors == [], log.errors


def test_print_shows_text_notes_marks_and_no_chrome(browse):
    page, log = browse.open(PAGE, width=1280, height=900, mode="en")
    page.emulate_media(media="print")
    hidden = ["#pst-header", ".bd-sidebar-primary", ".bd-header-article", ".edition-lang-switch",
              ".prev-next-footer", ".article-header-buttons"]
    for sel in hidden:
        loc = page.locator(sel)
        assert loc.count() == 0 or loc.first.is_hidden(), f"{sel} printed"
    assert page.locator(".bd-article .pair .lang-en p").first.is_visible()
    note = page.locator("aside.paper-note").first
    assert note.is_visible()
    assert page.evaluate("(el) => getComputedStyle(el).float", note.element_handle()) == "none"
    mark = page.locator(".lang-en a.verdict").first
    assert mark.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
    assert log.errors == [], log.errors
