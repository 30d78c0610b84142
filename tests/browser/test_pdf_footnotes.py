"""The PDFs' notes are footnotes (edition/print/paged.py): each of the paper's notes stands at the foot
of the page that calls it, under the paper's own number, in the form's language(s), once.

What a note says is read from the chapters' source here (the ``note-def`` blocks), not from the
code that makes the PDF; where a note stands is read from the PDF itself (pypdf: each text run's
position and size on the page).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from .pdfs import read_pdf

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile("[\uac00-\ud7a3]")
NOTE_DEF = re.compile(
    r"^:::::\{note-def\} (\d+)\n(?::fp:.*\n)?\s*::::\{div\} lang-en\n(.+?)\n(?:.*\n)*?"
    r"::::\{div\} lang-ko\n(.+?)\n", re.M)


def _squash(s: str) -> str:
    """Compare text without spaces or ligatures: PDF text runs split and join words freely."""
    return "".join(unicodedata.normalize("NFKC", s).split())


def _lead(markdown: str) -> str:
    """The first plain words of a note (up to its first role), markup stripped."""
    plain = markdown.split("{", 1)[0].replace("*", "")
    words = plain.split()[:5]
    assert len(words) >= 2, f"note source too short to find: {markdown!r}"
    return " ".join(words)


def paper_notes() -> dict[int, tuple[str, str]]:
    """note number -> (first English words, first Korean words), from chapters/*.md."""
    notes = {}
    for path in sorted((ROOT / "chapters").glob("0*.md")):
        for m in NOTE_DEF.finditer(path.read_text(encoding="utf-8")):
            notes[int(m.group(1))] = (_lead(m.group(2)), _lead(m.group(3)))
    return notes


def _runs(page_runs) -> list[tuple[float, float, str]]:
    """(y from the page's foot, type size in pt, text) of each text run, in drawing order (the
    runs pypdf's visitor reported, extracted once a session by pdfs.py)."""
    return [(r.cm[5] + r.tm[5] * r.cm[3], round(r.size * abs(r.tm[3] * r.cm[3]), 1), r.text)
            for r in page_runs if r.text.strip()]


def _footnote_at(runs, num: int, lead: str) -> int | None:
    """Index of the run that starts a footnote "num) lead…", if any (Korean text comes one glyph
    a run, so runs are joined before comparing)."""
    want = _squash(f"{num}){lead}")
    for i, (_, _, text) in enumerate(runs):
        if not text.strip().startswith(str(num)[0]) or (i and runs[i - 1][2].strip()[-1:].isdigit()):
            continue
        if _squash("".join(t for _, _, t in runs[i:i + 60])).startswith(want):
            return i
    return None


@pytest.fixture(scope="module")
def notes():
    found = paper_notes()
    assert sorted(found) == list(range(1, 33)), f"the paper has notes 1-32, found {sorted(found)}"
    return found


@pytest.mark.parametrize("form", ["en", "ko", "both"])
def test_every_note_is_a_footnote_of_the_page_that_calls_it(site, notes, form):
    pages = [_runs(p) for p in read_pdf(site, form).runs]
    # The body text's size: the size of most characters in the whole PDF (a page may hold more
    # footnote text than body text).
    chars = Counter()
    for runs in pages:
        for _, size, text in runs:
            chars[size] += len(text.strip())
    body = chars.most_common(1)[0][0]
    for num, (lead_en, lead_ko) in notes.items():
        lead = lead_ko if form == "ko" else lead_en
        hits = [(k, i) for k, runs in enumerate(pages)
                if (i := _footnote_at(runs, num, lead)) is not None]
        assert len(hits) == 1, f"{form}: note {num} ({lead!r}) printed {len(hits)} times, want once"
        k, i = hits[0]
        runs = pages[k]
        y_note, size_note, _ = runs[i]
        assert size_note < body, f"{form} p.{k + 1}: note {num} is set in the body's size"
        # The paper's marker "num)" is on the same page, above the note, smaller than the text.
        small_above = "".join(t for y, size, t in runs[:i] if size < body and y > y_note)
        assert re.search(rf"(?<!\d){num}\)", _squash(small_above)), \
            f"{form} p.{k + 1}: no marker {num}) above note {num}"
        # A footnote: no line of body text below it on its page (a note printed under its
        # paragraph would have the rest of the page's text below it).
        below = [t for y, size, t in runs if size >= body and y < y_note - 1]
        assert not below, f"{form} p.{k + 1}: body text below note {num}: {below[:3]}"
        if form == "both":
            rest = _squash("".join(t for _, _, t in runs[i + 1:]))
            assert _squash(lead_ko) in rest, f"both p.{k + 1}: note {num} lacks its Korean text"


def test_english_pdf_has_no_korean_in_the_paper(site):
    """From section 1 to the end of section 6 (text and footnotes), no Hangul in the English PDF;
    the Korean PDF has Hangul on every one of those pages."""
    for mode in ("en", "ko"):
        texts = [" ".join(t.split()) for t in read_pdf(site, mode).texts]
        start_title, end_title = ("1. Introduction", "References") if mode == "en" else ("1. 서론", "참고문헌")
        start = next(k for k, t in enumerate(texts) if start_title in t)
        end = next(k for k, t in enumerate(texts) if k > start and t.startswith(end_title)
                   or (k > start and f" {end_title} " in f" {t[:200]} "))
        assert end - start >= 10, f"{mode}: sections 1-6 span only {end - start} pages"
        for k in range(start, end):
            if mode == "en":
                assert not HANGUL.search(texts[k]), f"en p.{k + 1}: {HANGUL.findall(texts[k])[:10]}"
            else:
                assert len(HANGUL.findall(texts[k])) >= 20, f"ko p.{k + 1}: little Korean text"


def test_every_font_is_embedded(site):
    """pdffonts' 'emb' column, for all three forms: the Korean faces (Nanum, CID TrueType
    subsets; no Type 3 since issue 21, see test_pdf_print.py) and the Latin faces."""
    for mode in ("en", "ko", "both"):
        seen = set()
        for k, page in enumerate(read_pdf(site, mode).reader.pages):
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            for ref in fonts.values():
                font = ref.get_object()
                if font.get("/Subtype") == "/Type3":
                    assert "/CharProcs" in font, f"{mode} p.{k + 1}: Type 3 font without glyphs"
                    seen.add("Type3")
                    continue
                parts = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
                files = [p["/FontDescriptor"].get_object() for p in parts if "/FontDescriptor" in p]
                assert any(k2 in d for d in files for k2 in ("/FontFile", "/FontFile2", "/FontFile3")), \
                    f"{mode} p.{k + 1}: font {font.get('/BaseFont')} not embedded"
                seen.add(str(font.get("/BaseFont")))
        assert "Type3" not in seen, f"{mode}: a Type 3 font"
        if mode != "en":
            assert any("Nanum" in name for name in seen), f"{mode}: no embedded Korean font: {seen}"
