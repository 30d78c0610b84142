"""edition/print/paged.py on small documents: how notes become footnotes, and when the PDF step refuses.

These need Chromium but not the built site: each test writes its own little article.
"""
from __future__ import annotations

import pytest

from edition.print import paged

pytestmark = pytest.mark.browser


def _doc(body: str, mode: str) -> str:
    hide = {"en": ".lang-ko{display:none}", "ko": ".lang-en{display:none}", "both": ""}[mode]
    return (f"<!doctype html><html data-lang-mode='{mode}'><head><style>{hide}</style></head>"
            f"<body><header>site chrome</header><article class='bd-article'>{body}</article></body></html>")


def _marker(num: int) -> str:
    return f"<sup class='note-ref-sup'><a class='note-ref' href='#p1--note-{num}'>{num})</a></sup>"


def _note(num: int, en: str = "English note", ko: str = "한국어 주") -> str:
    return (f"<aside class='paper-note' id='p1--note-{num}'><p class='paper-note-num'>{num})</p>"
            f"<div class='lang-en'><p>{en}</p></div><div class='lang-ko'><p>{ko}</p></div></aside>")


def _pair(en: str, ko: str) -> str:
    return f"<div class='pair'><div class='lang-en'><p>{en}</p></div><div class='lang-ko'><p>{ko}</p></div></div>"


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    yield pg
    ctx.close()


def test_a_marker_without_its_note_stops_the_pdf(page):
    page.set_content(_doc(_pair("Text" + _marker(5), "본문" + _marker(5)), "en"))
    with pytest.raises(paged.FootnoteError, match="markers with no note: 5"):
        paged.paginate(page, "en")


def test_a_note_no_reader_sees_called_stops_the_pdf(page):
    # Note 7 is called only from the Korean paragraph, which the English form hides.
    body = _pair("Text", "본문" + _marker(7)) + _note(7)
    page.set_content(_doc(body, "en"))
    with pytest.raises(paged.FootnoteError, match="notes no visible marker calls: 7"):
        paged.paginate(page, "en")


def test_english_form_puts_the_english_note_after_its_marker(page):
    body = _pair("Before" + _marker(3) + " after", "앞" + _marker(3) + " 뒤") + _note(3, "Note three", "주 셋")
    page.set_content(_doc(body, "en"))
    result = page.evaluate(paged.FOOTNOTES_JS, "en")
    assert result == {"footnotes": 1, "unmatched": [], "orphans": []}
    fn = page.locator(".pdf-footnote")
    assert fn.count() == 1
    assert fn.inner_text().split() == ["3)", "Note", "three"]
    # right after the marker, inside the English paragraph
    assert page.evaluate("document.querySelector('.pdf-footnote').previousElementSibling.className") == "note-ref-sup"
    assert page.evaluate("document.querySelector('.pdf-footnote').closest('.lang-en') !== null")
    assert page.locator("aside.paper-note").count() == 0
    assert page.locator(".lang-ko").count() == 0           # hidden blocks dropped
    assert page.locator("header").count() == 0            # only the article is paginated


def test_bilingual_form_gives_one_footnote_with_both_languages(page):
    body = _pair("Before" + _marker(3), "앞" + _marker(3)) + _note(3, "Note three", "주 셋")
    page.set_content(_doc(body, "both"))
    result = page.evaluate(paged.FOOTNOTES_JS, "both")
    assert result["footnotes"] == 1
    texts = page.eval_on_selector_all(".pdf-footnote .pdf-footnote-text",
                                      "els => els.map(e => [e.lang, e.textContent])")
    assert texts == [["en", "Note three"], ["ko", "주 셋"]]
    # the Korean paragraph keeps its marker, which links to the one footnote
    assert page.locator(".pair > .lang-ko a.note-ref").count() == 1
    assert page.locator(".pdf-footnote").count() == 1


def test_vendored_pagedjs_is_checked(tmp_path, monkeypatch):
    fake = tmp_path / "paged.min.js"
    fake.write_text("/* not paged.js */")
    monkeypatch.setattr(paged, "PAGED_JS", fake)
    with pytest.raises(RuntimeError, match="not the vendored release"):
        paged.paged_js()
