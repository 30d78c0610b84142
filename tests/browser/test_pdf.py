"""The edition as PDF (edition/print/pdf.py, run by tools/build.sh and tools/test.sh after the book):
three files, English, Korean and bilingual, each with its text where it belongs, Figure 1 and
the tables, the verdict legend, and the Korean font embedded; every page's download menu links them."""
from __future__ import annotations

import re
import unicodedata

import pytest

from .helpers import resolve, soup_of
from .pdfs import Pdf, read_pdf

pytestmark = pytest.mark.browser

HANGUL = re.compile("[\uac00-\ud7a3]")


def _reader(site, mode) -> Pdf:
    return read_pdf(site, mode)  # parsed and extracted once a session (pdfs.py)


def _text(doc: Pdf, k: int) -> str:
    """Page *k*'s text with ligatures undone (ﬁ -> fi) and line breaks as spaces."""
    return " ".join(unicodedata.normalize("NFKC", doc.texts[k]).split())


def _page_with(doc: Pdf, needle: str) -> str:
    for k in range(len(doc.texts)):
        text = _text(doc, k)
        if needle in text:
            return text
    raise AssertionError(f"no page holds {needle!r}")


def _fonts(page) -> list[tuple[str, bool]]:
    """(name, embedded) for each font a page uses. Chromium embeds CFF-based fonts such as Noto
    Sans CJK as Type 3 fonts (glyph programs inside the PDF); TrueType ones carry a FontFile."""
    out = []
    fonts = (page.get("/Resources") or {}).get("/Font") or {}
    for ref in fonts.values():
        font = ref.get_object()
        if font.get("/Subtype") == "/Type3":
            out.append(("Type3", "/CharProcs" in font))
            continue
        embedded = False
        for part in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
            desc = part.get("/FontDescriptor")
            if desc is not None and any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                embedded = True
        out.append((str(font.get("/BaseFont")), embedded))
    return out


def test_english_pdf(site):
    reader = _reader(site, "en")
    first = _text(reader, 0)
    assert "North Korea, Apparel Production Networks and UN Sanctions" in first
    intro = _page_with(reader, "1. Introduction")
    assert not HANGUL.search(intro), "Korean text in the English PDF's introduction"
    assert "Following the collapse of the second" in intro
    _page_with(reader, "North Korea's official trade with China")   # Figure 1's title
    _page_with(reader, "Table 1.")
    _page_with(reader, "Table 2.")
    assert "Verdict marks" in _text(reader, -1)


def test_korean_pdf_embeds_a_korean_font(site):
    reader = _reader(site, "ko")
    intro = _page_with(reader, "1. 서론")
    assert HANGUL.search(intro)
    assert "Following the collapse of the second" not in intro
    _page_with(reader, "표 1.")
    assert "판정 표시" in _text(reader, -1)
    pages = reader.reader.pages
    hangul_pages = [pages[k] for k, text in enumerate(reader.texts) if HANGUL.search(text)]
    assert len(hangul_pages) > len(pages) // 2
    for page in hangul_pages[:5]:
        fonts = _fonts(page)
        assert fonts and all(embedded for _, embedded in fonts), f"a font is not embedded: {fonts}"


def test_bilingual_pdf_has_both_languages_on_one_page(site):
    reader = _reader(site, "both")
    page = _page_with(reader, "1. Introduction")
    assert "1. 서론" in page and "Following the collapse of the second" in page and HANGUL.search(page)


def test_download_menu_links_the_pdfs(site):
    page = "chapters/01-introduction.html"
    soup = soup_of(site / page)
    links = [a["href"] for a in soup.select(".dropdown-download-buttons a[href]") if a["href"].endswith(".pdf")]
    assert len(links) == 3, links
    for href in links:
        target, _ = resolve(site, page, href)
        assert target.is_file(), href
