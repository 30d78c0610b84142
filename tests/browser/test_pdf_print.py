"""The PDFs as an archive and a reader meet them (edition/print/pdf.py, edition/print/paged.py,
edition/print/pdfinfo.py, edition/print/paged.css): no Type 3 fonts, document information and language
per form, a tagged PDF with an outline of the sections, Table 1 inside the page on every page that
holds it, captions on the page of their figure or table, a cover in the form's language.

Fonts, page boxes and word positions come from poppler (pdffonts, pdfinfo, pdftotext -bbox), the
tools a librarian would use; expected titles and values are typed from the paper."""
from __future__ import annotations

import html
import re
import subprocess
import unicodedata

import pytest

from edition.print.pdf import pdf_dir, pdf_name

from .pdfs import read_pdf

pytestmark = pytest.mark.browser

FORMS = ("en", "ko", "both")
HANGUL = re.compile("[\uac00-\ud7a3]")
TITLE = "North Korea, Apparel Production Networks and UN Sanctions: Resilience through Informality"
#: Table 1's three column groups and their recomputed totals (US$ 1,000), as the paper prints them.
YEARS = ("2014", "2015", "2016")
TOTALS = ("741,019", "799,303", "723,372")
SECTIONS = {"en": ["1. Introduction", "2. North Korea’s Integration into China-Centred Apparel Production Networks",
                   "3. Apparel Production and the Transformation of the North Korean Political Economy",
                   "4. Impacts of International Sanctions on the Sino-North Korean Cross-border Economy",
                   "5. The Continued Employment of North Korean Workers in Chinese Factories",
                   "6. Conclusion", "References", "Verdict marks"],
            "ko": ["1. 서론", "2. 북한의 중국 중심 의류 생산네트워크 편입", "3. 의류 생산과 북한 정치경제의 변화",
                   "4. 국제 제재가 북·중 접경경제에 미친 영향", "5. 중국 공장의 북한 노동자 고용 지속", "6. 결론",
                   "참고문헌", "판정 표시"]}
#: Points per millimetre; the page's side margins are 17 mm (paged.css): text may not reach the edge.
MM = 72 / 25.4
EDGE = 8 * MM


def _path(site, form):
    return site / pdf_dir() / pdf_name(form)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _text(doc, k: int) -> str:
    return " ".join(unicodedata.normalize("NFKC", doc.texts[k]).split())


def _words(site, form, page: int) -> tuple[float, float, list[tuple[float, float, float, float, str]]]:
    """The page's width, height and words with their boxes (pdftotext -bbox, points)."""
    out = _run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(_path(site, form)), "-")
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]
    return float(size.group(1)), float(size.group(2)), words


def _table1_pages(doc) -> list[int]:
    """0-based pages holding any of Table 1: its caption, a year's header or a total."""
    marks = ("Table 1.", "표 1.") + TOTALS
    return [k for k in range(len(doc.texts)) if any(m in _text(doc, k) for m in marks)
            and ("Liaoning" in _text(doc, k) or "랴오닝" in _text(doc, k) or "Table 1." in _text(doc, k)
                 or "표 1." in _text(doc, k))]


@pytest.mark.parametrize("form", FORMS)
def test_no_type3_fonts_every_font_embedded(site, form):
    rows = _run("pdffonts", str(_path(site, form))).splitlines()[2:]
    assert rows, "no fonts listed"
    type3 = [r for r in rows if "Type 3" in r]
    assert not type3, f"{form}: Type 3 fonts: {type3[:3]}"
    # name type encoding emb sub uni object ID: every font embedded, subset, with a ToUnicode map.
    for row in rows:
        cols = row.split()
        assert cols[-5:-2] == ["yes", "yes", "yes"], f"{form}: {row}"


@pytest.mark.parametrize("form", FORMS)
def test_marks_and_korean_extract_as_text(site, form):
    text = _run("pdftotext", str(_path(site, form)), "-")
    for mark in "✓≈⇄○":
        assert mark in text, f"{form}: {mark} does not extract"
    assert "\ufffd" not in text, f"{form}: a glyph extracts as U+FFFD"
    if form != "en":
        assert "북한 의류 생산네트워크와 UN 제재" in text
        # A sentence of the Korean text, whatever the line breaks: every syllable extracts.
        flat = "".join(text.split())
        assert "".join("본고는 북한이 임가공사업과 인력송출을 통해 중국 주도의 지역·글로벌 의류 생산네트워크에".split()) in flat
    assert "cm=china_%BD%C3%BB%E7" in text.replace("\n", "")


@pytest.mark.parametrize("form", FORMS)
def test_document_information_language_tags_and_outline(site, form):
    info = dict(line.split(":", 1) for line in _run("pdfinfo", str(_path(site, form))).splitlines() if ":" in line)
    info = {k.strip(): v.strip() for k, v in info.items()}
    if form == "ko":
        assert info["Title"] == "북한 의류 생산네트워크와 UN 제재 — 실행 가능한 편집본"
    else:
        assert info["Title"].startswith(TITLE + " — an executable")
        assert info["Title"].count(TITLE) == 1
        assert (form == "both") == bool(HANGUL.search(info["Title"])), "Korean only in the bilingual title"
    assert info["Author"].startswith("Jong-Woon Lee; Kevin Gray")
    assert "Journal of the Economic Geographical Society of Korea 23(4): 373–394" in info["Subject"]
    assert info["Keywords"] and "HeadlessChrome" not in info["Creator"]
    assert info["Tagged"] == "yes"
    doc = read_pdf(site, form).reader
    root = doc.trailer["/Root"]
    assert root["/Lang"] == {"en": "en", "ko": "ko", "both": "en"}[form]
    assert "/StructTreeRoot" in root
    titles = [o.title for o in doc.outline if not isinstance(o, list)]
    if form == "both":
        expected = [f"{en} / {ko}" for en, ko in zip(SECTIONS["en"], SECTIONS["ko"])]
        expected[-1] = "Verdict marks / 판정 표시"
    else:
        expected = SECTIONS[form]
    assert titles[1:] == expected, titles
    assert len(titles) == len(set(titles)), "the cover repeats the first heading"


@pytest.mark.parametrize("form", FORMS)
def test_table1_fits_its_pages(site, form):
    doc = read_pdf(site, form)
    pages = _table1_pages(doc)
    assert pages, f"{form}: no page holds Table 1"
    text = " ".join(_text(doc, k) for k in pages)
    for value in YEARS + TOTALS:
        assert value in text, f"{form}: Table 1 lost {value}"
    for k in pages:
        width, height, words = _words(site, form, k + 1)
        out = [w for w in words if w[0] < EDGE or w[2] > width - EDGE or w[1] < 0 or w[3] > height]
        assert not out, f"{form} p.{k + 1}: text outside the page's text area: {out[:5]}"


@pytest.mark.parametrize("form", FORMS)
def test_captions_share_a_page_with_their_figure_or_table(site, form):
    doc = read_pdf(site, form)
    en_checks = [("Table 1.", "Liaoning"), ("Figure 1.", "North Korea's official trade with China"),
                 ("Table 2.", "2270")]
    ko_checks = [("표 1.", "랴오닝"), ("그림 1.", "북한의 대중국 공식 교역"), ("표 2.", "2270")]
    checks = {"en": en_checks, "ko": ko_checks, "both": en_checks + ko_checks}[form]
    for caption, body in checks:
        pages = [k for k in range(len(doc.texts)) if caption in _text(doc, k)]
        assert pages, f"{form}: no {caption}"
        assert body in _text(doc, pages[0]), f"{form} p.{pages[0] + 1}: {caption} without its {body!r}"


@pytest.mark.parametrize("form", FORMS)
def test_cover_in_the_forms_language(site, form):
    cover = _text(read_pdf(site, form), 0)
    if form == "en":
        assert not HANGUL.search(cover), "Korean on the English cover"
        assert "Edition 1.0.0 · built" in cover
    elif form == "ko":
        assert "북한 의류 생산네트워크와 UN 제재" in cover and "편집본 1.0.0" in cover
        assert "built" not in cover and "Edition 1.0.0" not in cover
    else:
        assert "Edition 1.0.0 · built" in cover and "편집본 1.0.0" in cover


@pytest.mark.parametrize("form", ("en", "ko"))
def test_figure1_legible_at_print_size(site, form):
    """Axis labels and legend at 8 pt or more (a word box is about 1.12 times the font size in
    Liberation Sans and Nanum), and no two year labels of an axis overlapping."""
    doc = read_pdf(site, form)
    caption = "Figure 1." if form == "en" else "그림 1."
    k = next(i for i in range(len(doc.texts)) if caption in _text(doc, i))
    _, _, words = _words(site, form, k + 1)
    legend = "Balance" if form == "en" else "수지(북한의"
    sized = [w for w in words if w[4] in ("2002", "2004", legend) or w[4].startswith(legend)]
    assert sized, f"{form} p.{k + 1}: no axis label or legend found"
    for x0, y0, x1, y1, word in sized:
        assert y1 - y0 >= 8 * 1.1, f"{form} p.{k + 1}: {word!r} is {(y1 - y0) / 1.12:.1f} pt"
    years = sorted((w for w in words if re.fullmatch(r"20[012]\d", w[4])), key=lambda w: (round(w[3]), w[0]))
    for a, b in zip(years, years[1:]):
        if round(a[3]) == round(b[3]):
            assert a[2] < b[0], f"{form} p.{k + 1}: year labels {a[4]} and {b[4]} collide"


@pytest.mark.parametrize("form", FORMS)
def test_the_originals_page_numbers_are_marked(site, form):
    """The page breaks of the published article that the web edition marks (data/pagebreaks.csv)
    print as [375] (at the word) or [381¶] (within the paragraph), and the legend explains them."""
    text = unicodedata.normalize("NFKC", _run("pdftotext", str(_path(site, form)), "-"))
    found = {int(n) for n in re.findall(r"\[(3[789][0-9])¶?\]", text)}
    expected = set(range(375, 392)) | ({374} if form != "en" else set())
    assert expected <= found, f"{form}: page numbers missing: {sorted(expected - found)}"
    assert "[377¶]" in text.replace(" ", "") or "[377]" in text
    assert "Lee and Gray 2020, p. 377" in " ".join(text.split())
