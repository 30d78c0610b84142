"""The reading surface (issue 20): marks that copy as nothing, never begin a line, notes beside
their line, the original's page breaks as anchors.

Cheap by design: each test loads one page in a warm tab (``browse.visit``) and measures it with
one script; the expected values come from the page's geometry and the vocabulary, not from the
script that lays the page out."""
from __future__ import annotations

import pytest

from edition.verdicts import judge

from .helpers import settle

pytestmark = pytest.mark.browser

PAGE = "chapters/02-integration.html"
#: Every word a mark could have put in the text: labels and names, both languages, and symbols.
LABELS = sorted({w for v in judge.VOCABULARY for w in (v.label_en, v.label_ko, v.name_ko)
                 if len(w) > 3} | {"recomputed:", "재계산:"})
SYMBOLS = sorted({ch for v in judge.VOCABULARY for ch in v.symbol if not ch.isascii()})

SELECT_PARAGRAPH = """(sel) => {
  const p = [...document.querySelectorAll(sel)].find(p => p.querySelector('a.verdict')
                                                      && p.getClientRects().length);
  const range = document.createRange();
  range.selectNodeContents(p);
  const s = window.getSelection();
  s.removeAllRanges();
  s.addRange(range);
  return {copied: s.toString(), text: p.textContent, marks: p.querySelectorAll('a.verdict').length};
}"""


LINE_STARTS = """() => {
  const bad = [];
  for (const mark of document.querySelectorAll('a.verdict, sup.sic-sup')) {
    if (!mark.getClientRects().length) continue;
    const block = mark.closest('p, li, td, th') || mark.parentElement;
    // the last character before the mark, wherever it is in the block's text
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (mark.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING) break;
      if (n.textContent.trim() && n.parentElement.getClientRects().length) last = n;
    }
    if (!last) continue;
    const r = document.createRange();
    const end = last.textContent.replace(/\\s+$/, '').length;
    r.setStart(last, end - 1); r.setEnd(last, end);
    const before = r.getClientRects()[0], m = mark.getClientRects()[0];
    if (before && m && m.top >= before.bottom - 1) {
      bad.push(last.textContent.slice(-25) + ' | ' + (mark.getAttribute('data-symbol') || mark.textContent));
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("reader", ["en", "ko"])
def test_no_line_begins_with_a_mark_on_a_phone(browse, reader):
    mode = reader
    page, log = browse.visit(PAGE, mode=mode, width=390, height=844, is_mobile=True, has_touch=True)
    settle(page)
    bad = page.evaluate(LINE_STARTS)
    assert bad == [], f"[{mode}] marks or [sic] that begin a line at 390 px: {bad}"
    assert log.errors == [], log.errors


NOTES = """() => {
  const out = [];
  for (const note of document.querySelectorAll('aside.paper-note')) {
    const n = note.id.replace('note-', '');
    const marker = [...document.querySelectorAll('a.note-ref[href="#note-' + n + '"]')]
                     .find(a => a.getClientRects().length);
    if (!marker) continue;
    const line = parseFloat(getComputedStyle(marker.closest('p, li')).lineHeight);
    const r = note.getBoundingClientRect(), m = marker.getBoundingClientRect();
    out.push({n, top: r.top, bottom: r.bottom, left: r.left, marker: m.top, right: m.right, line});
  }
  return out;
}"""


def _copies_the_papers_words_only(page, mode: str) -> None:
    got = page.evaluate(SELECT_PARAGRAPH, f".pair > .lang-{mode} p")
    assert got["marks"] >= 2, got
    for where in ("copied", "text"):  # what a reader copies; what search snippets read
        leaked = [w for w in LABELS + SYMBOLS if w in got[where]]
        assert not leaked, f"[{mode}] {where} text carries mark labels {leaked}: {got[where][:300]}"
    assert any(ch.isdigit() for ch in got["copied"]), got["copied"][:200]


def _notes_beside_their_line(page, mode: str) -> None:
    notes = sorted(page.evaluate(NOTES), key=lambda x: x["marker"])
    assert len(notes) >= 5, notes
    floor = float("-inf")
    for note in notes:
        assert note["left"] > note["right"], f"[{mode}] note {note['n']} is not beside the text: {note}"
        could = max(note["marker"], floor)  # level with the marker, or under the note above
        assert note["top"] >= floor - 1, f"[{mode}] note {note['n']} overlaps the note above"
        assert abs(note["top"] - could) <= note["line"], (
            f"[{mode}] note {note['n']} starts {note['top'] - could:.0f} px from where it could "
            f"(line {note['line']:.0f} px)")
        floor = note["bottom"]


def _page_break_anchor_resolves(page, mode: str) -> None:
    page.evaluate("() => { location.hash = 'p381'; }")
    page.wait_for_function("() => location.hash !== ''")
    settle(page)
    landed = page.evaluate("""() => {
        const el = document.getElementById(location.hash.slice(1));
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {id: el.id, page: el.dataset.page, visible: el.getClientRects().length > 0,
                inView: r.top >= 0 && r.top < innerHeight};
    }""")
    assert landed and landed["page"] == "381" and landed["visible"] and landed["inView"], landed
    assert landed["id"] == ("p381" if mode == "en" else "p381-ko"), landed
    page.locator(f"#{landed['id']}").hover()
    page.wait_for_selector("#edition-preview", state="visible", timeout=3_000)
    assert "Lee and Gray 2020, p. 381" in page.locator("#edition-preview").inner_text()


@pytest.mark.parametrize("reader", ["en", "ko"])
def test_desktop_copy_notes_and_page_anchor(browse, reader):
    """At 1280 px, one load of §2: a selected paragraph copies the paper's words only (no mark
    label or symbol, also not in the text search snippets read); each side note starts within a
    line-height of where it could (level with its marker, or under the note above); #p381 lands
    on the visible milestone of p. 381, whose preview gives its citation."""
    mode = reader
    page, log = browse.visit(PAGE, mode=mode, width=1280, height=900)
    settle(page)
    _copies_the_papers_words_only(page, mode)
    _notes_beside_their_line(page, mode)
    _page_break_anchor_resolves(page, mode)
    assert log.errors == [], log.errors
