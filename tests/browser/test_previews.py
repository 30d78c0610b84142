"""Previews (edition/site/previews.py, _static/previews.js): a citation, a note marker, a verdict mark
and a mention of Table 1 / Figure 1 show what they refer to, by mouse, keyboard focus and tap,
offline, in the reader's language.

Each test loads its page in a warm tab (``browse.visit``): a new document, the pointer parked in
the corner, the storage of a first visit with the reader's mode."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "chapters/02-integration.html"
POP = "#edition-preview"


def _shown(page) -> str:
    page.wait_for_selector(POP, state="visible", timeout=3_000)
    return page.locator(POP).inner_text()


def _hover(page, selector: str):
    loc = page.locator(selector).first
    loc.scroll_into_view_if_needed()
    loc.hover()
    return loc


def test_hover_citation_shows_full_reference(browse):
    page, log = browse.visit(PAGE, width=1280, height=900, mode="en")
    link = _hover(page, ".lang-en .bibtex-citation a[data-preview='citation']")
    text = _shown(page)
    # The author-year label in the prose, the full reference (title, publisher or journal, year) here.
    assert len(text) > len(link.inner_text()) + 30, text
    assert link.get_attribute("aria-describedby") == "edition-preview"
    page.mouse.move(5, 5)
    page.wait_for_selector(POP, state="hidden", timeout=3_000)
    assert log.errors == [], log.errors


def test_hover_verdict_mark_shows_printed_value_verdict_and_ledger_link(browse):
    page, log = browse.visit(PAGE, width=1280, height=900, mode="en")
    mark = _hover(page, ".lang-en a[href*='ledger.html#claim-s2_trade_total_2011']")
    text = _shown(page)
    assert "Printed" in text and "$5.63 billion" in text
    assert "consistent with independent sources" in text
    assert "Independent sources" in text and "agrees" in text
    link = page.locator(f"{POP} a.preview-link")
    assert link.get_attribute("href").endswith("ledger.html#claim-s2_trade_total_2011")
    # The preview stays while the pointer moves onto it, so its link can be clicked.
    link.hover()
    page.wait_for_timeout(400)
    assert page.locator(POP).is_visible()
    assert mark.is_visible()
    assert log.errors == [], log.errors


def test_korean_reader_gets_korean_previews(browse):
    page, log = browse.visit(PAGE, width=1280, height=900, mode="ko")
    _hover(page, ".lang-ko a[href*='ledger.html#claim-s2_trade_total_2011']")
    text = _shown(page)
    assert "논문 표기" in text and "56억 3,000만 달러" in text and "독립 출처" in text
    assert page.locator(POP).get_attribute("lang") == "ko"
    page.mouse.move(5, 5)
    page.wait_for_selector(POP, state="hidden")
    _hover(page, ".lang-ko a[data-preview='note']")
    note = _shown(page)
    assert note.startswith("주 ") and any("\uac00" <= ch <= "\ud7a3" for ch in note)
    assert log.errors == [], log.errors


def test_note_marker_shows_the_note_in_the_readers_language(browse):
    page, log = browse.visit(PAGE, width=1280, height=900, mode="en")
    marker = _hover(page, ".lang-en a[data-preview='note']")
    href = marker.get_attribute("href")
    text = _shown(page)
    assert text.startswith("Note ")
    expected = page.locator(f"{href} > .lang-en").inner_text().strip()[:60]
    assert expected in text
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in text), "English reader got the Korean note"
    assert log.errors == [], log.errors


def test_keyboard_focus_shows_and_escape_hides(browse):
    page, log = browse.visit(PAGE, width=1280, height=900, mode="en")
    mark = page.locator(".lang-en a[href*='ledger.html#claim-s2_trade_total_2011']").first
    mark.focus()
    assert "$5.63 billion" in _shown(page)
    page.keyboard.press("Escape")
    page.wait_for_selector(POP, state="hidden")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("#claim-s2_trade_total_2011")
    # A mention of Table 1 is a button: Tab reaches it, Enter opens the table.
    ref = page.locator(".lang-en .preview-ref[data-preview-kind='table']").first
    ref.focus()
    assert "Table 1" in _shown(page)
    assert page.locator(f"{POP} table").count() == 1
    page.keyboard.press("Escape")
    page.wait_for_selector(POP, state="hidden")
    page.keyboard.press("Enter")
    _shown(page)
    assert log.errors == [], log.errors


def test_figure_mention_shows_the_figure(browse):
    page, log = browse.visit(PAGE, width=1280, height=900, mode="en")
    page.wait_for_selector("#figure1-en svg", timeout=30_000)
    _hover(page, ".lang-en .preview-ref[data-preview-kind='figure']")
    _shown(page)
    assert page.locator(f"{POP} svg").count() == 1
    assert page.locator(f"{POP} [id]").count() == 0, "cloned figure carries duplicate ids"
    assert log.errors == [], log.errors


def test_tap_on_phone_shows_then_follows(browse):
    page, log = browse.visit(PAGE, mode="en", width=375, height=740, is_mobile=True, has_touch=True)
    mark = page.locator(".lang-en a[href*='ledger.html#claim-s2_trade_total_2011']").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    text = _shown(page)
    assert "$5.63 billion" in text
    assert page.url.endswith(PAGE), "the first tap must not leave the page"
    box = page.locator(POP).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1, box
    # A tap elsewhere closes it.
    page.touchscreen.tap(4, 420)  # the page margin, away from any link
    page.wait_for_selector(POP, state="hidden")
    # Tap, then tap again: the second follows the link to the ledger.
    mark.tap()
    _shown(page)
    mark.tap()
    page.wait_for_url("**/ledger.html#claim-s2_trade_total_2011*", timeout=10_000)
    assert log.errors == [], log.errors


def test_preview_data_is_inert_json(site):
    html = (site / PAGE).read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="edition-previews">')
    block = html[start:html.index("</script>", start)]
    assert "<" not in block[len('<script type="application/json" id="edition-previews">'):]


def test_relation_mark_shows_the_arithmetic(browse, site):
    """A relation mark (the paper's figures against each other) previews its verdict, what is
    compared, the arithmetic and the ledger link."""
    import re

    pages = [p for p in sorted((site / "chapters").glob("0*.html"))
             if re.search(r'href="[^"]*ledger\.html#rel_', p.read_text(encoding="utf-8"))]
    assert pages, "no page carries a relation mark"
    page, log = browse.visit(f"chapters/{pages[0].name}", width=1280, height=900, mode="en")
    _hover(page, ".lang-en a[data-preview='relation']")
    text = _shown(page)
    assert "Open in the claims ledger" in text
    href = page.locator(f"{POP} a.preview-link").get_attribute("href")
    assert re.search(r"ledger\.html#rel_", href)
    assert log.errors == [], log.errors


def test_table_preview_speaks_the_readers_language(browse):
    """Table 2 (a directive-built table) previews in Korean for a Korean reader."""
    page, log = browse.visit("chapters/04-sanctions.html", width=1280, height=900, mode="ko")
    _hover(page, ".lang-ko .preview-ref[data-preview-kind='table']")
    text = _shown(page)
    assert text.startswith("표 2.") and "결의(채택일)" in text and "Sectoral measures" not in text
    assert log.errors == [], log.errors
