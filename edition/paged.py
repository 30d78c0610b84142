"""Paged layout for the PDF: the paper's notes as footnotes under their own numbers.

Chromium prints no CSS footnotes, so :mod:`edition.pdf` alone can only put a note under the
paragraph that calls it. This module lays the assembled document out in pages inside the
browser with Paged.js (vendored in ``edition/print/pagedjs``, MIT; it implements CSS GCPM
``float: footnote``) before Chromium prints it:

1. :data:`FOOTNOTES_JS` turns each of the paper's notes (``aside.paper-note``, the margin note
   of the site) into a footnote element placed right after the first marker of that note that
   the reader of this form sees. The footnote starts with the paper's own number ("28)"), and
   the marker in the text keeps it too: a reader citing "note 28" finds note 28, not the 5th
   footnote of a page. The note's text is the one in the form's language (both languages in the
   bilingual form). Later markers of the same note (the Korean paragraph's, in the bilingual
   form) stay links to it. Language blocks this form does not show are dropped.
2. :data:`PAGINATE_JS` runs Paged.js over the document with the site's stylesheets and
   ``edition/print/paged.css`` (A4, page numbers, the footnote area).
3. The caller prints with ``prefer_css_page_size`` (Paged.js has drawn the pages already).

What the footnote step counts is returned, so :mod:`edition.pdf` can refuse to write a PDF in
which a note marker found no note, or a note no marker.
"""
from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRINT_DIR = Path(__file__).parent / "print"
PAGED_JS = PRINT_DIR / "pagedjs" / "paged.min.js"
#: The vendored release (see edition/print/pagedjs/README.txt); checked before each use.
PAGED_JS_SHA256 = "c4af9ac4a80f15e4abf53e11fdf34659dc4913f61b541652811cfa570f397211"
PAGED_CSS = PRINT_DIR / "paged.css"

#: Run in the assembled page: notes -> footnotes. Argument: the form ("en", "ko" or "both").
FOOTNOTES_JS = r"""
(mode) => {
  const art = document.querySelector('.bd-article');
  const shown = (el) => el.getClientRects().length > 0;
  const langs = mode === 'both' ? ['en', 'ko'] : [mode];
  const notes = new Map();
  for (const aside of art.querySelectorAll('aside.paper-note')) {
    const m = /(?:^|--)note-(\d+)$/.exec(aside.id);
    if (m) notes.set(m[1], aside);
  }
  const used = new Set();
  const unmatched = [];
  for (const ref of art.querySelectorAll('a.note-ref')) {
    const m = /(?:^|--)note-(\d+)$/.exec(decodeURIComponent((ref.getAttribute('href') || '').replace(/^#/, '')));
    const num = m ? m[1] : (ref.textContent.match(/\d+/) || [''])[0];
    if (!shown(ref)) continue;
    const sup = ref.closest('sup') || ref;
    if (used.has(num)) continue;                      // a later marker of the same note
    const aside = notes.get(num);
    if (!aside) { unmatched.push(num); continue; }
    used.add(num);
    const fn = document.createElement('span');
    fn.className = 'pdf-footnote';
    fn.dataset.note = num;
    fn.id = aside.id;                                 // links to the note keep working
    const label = document.createElement('span');
    label.className = 'pdf-footnote-num';
    label.textContent = num + ')';
    fn.appendChild(label);
    fn.append(' ');                                   // copied text reads "3) Note…"
    for (const lang of langs) {
      const block = aside.querySelector(':scope > .lang-' + lang);
      if (!block) continue;
      const text = document.createElement('span');
      text.className = 'pdf-footnote-text lang-' + lang + (fn.children.length > 1 ? ' pdf-footnote-second' : '');
      text.setAttribute('lang', lang);
      // Paragraphs become spans: a footnote sits inside the paragraph that calls it.
      for (const p of block.querySelectorAll('p')) {
        const s = document.createElement('span');
        s.className = 'pdf-footnote-p';
        s.innerHTML = p.innerHTML;
        text.appendChild(s);
      }
      fn.appendChild(text);
    }
    sup.after(fn);
  }
  const orphans = [...notes.keys()].filter((n) => !used.has(n));
  notes.forEach((aside) => aside.remove());
  // Language blocks this form hides take no room, but Paged.js would still walk them.
  art.querySelectorAll('.lang-en, .lang-ko').forEach((el) => {
    if (!el.closest('.pdf-footnote') && getComputedStyle(el).display === 'none') el.remove();
  });
  // Whitespace between blocks: Paged.js may break after such a text node at the start of a
  // block and leave a page holding only the empty start of that block (seen before Figure 1).
  const blockish = (n) => !n || (n.nodeType === 1 && !getComputedStyle(n).display.startsWith('inline'));
  const walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
  const blank = [];
  while (walker.nextNode()) {
    const t = walker.currentNode;
    if (!/^\s*$/.test(t.data) || !blockish(t.parentElement)) continue;
    const prev = t.previousSibling, next = t.nextSibling;
    if ((prev === null || blockish(prev)) && (next === null || blockish(next))) blank.push(t);
  }
  blank.forEach((t) => t.remove());
  // Keep only the article: Paged.js lays out the whole body.
  document.body.replaceChildren(art);
  return {footnotes: used.size, unmatched: unmatched, orphans: orphans};
}
"""

#: Paged.js re-parses every stylesheet it is given with css-tree 1, which rejects selectors of the
#: theme's CSS (``:is(…:focus-visible)``). The site's stylesheets still style the document when
#: marked ``data-pagedjs-ignore``; Paged.js is given only what defines pages (``@page``) and
#: footnotes: edition.pdf's page style and paged.css.
IGNORE_SITE_STYLES_JS = """
() => {
  let n = 0;
  document.querySelectorAll('link[rel~="stylesheet"], style').forEach((el) => {
    if (el.tagName === 'STYLE' && el.textContent.includes('@page')) return;
    el.setAttribute('data-pagedjs-ignore', ''); n += 1;
  });
  return n;
}
"""

#: Run after paged.min.js is loaded: lay the body out in pages; resolves to the page count.
PAGINATE_JS = """
async () => {
  const previewer = new PagedModule.Previewer();
  const flow = await previewer.preview();
  return flow.total;
}
"""


@dataclass(frozen=True)
class Paged:
    pages: int
    footnotes: int


class FootnoteError(RuntimeError):
    """A note marker with no note, or a note that no visible marker calls."""


def paged_js() -> str:
    """The vendored Paged.js, after checking it is the release README.txt names."""
    data = PAGED_JS.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != PAGED_JS_SHA256:
        raise RuntimeError(f"{PAGED_JS}: sha256 {digest} is not the vendored release "
                           f"{PAGED_JS_SHA256} (see {PAGED_JS.parent / 'README.txt'})")
    return data.decode("utf-8")


def require_korean_font(fc_list: str = "fc-list") -> list[str]:
    """The Korean font families fontconfig offers Chromium; an error when there is none.

    Without one Chromium prints Hangul as empty boxes and nothing fails: the Korean and bilingual
    PDFs would look made but be unreadable.
    """
    try:
        out = subprocess.run([fc_list, ":lang=ko", "family"], capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise RuntimeError(f"cannot list fonts with {fc_list} ({exc}); install fontconfig and "
                           "fonts-noto-cjk (Debian) for the Korean PDFs") from exc
    families = sorted({f.strip() for line in out.splitlines() for f in line.split(",") if f.strip()})
    if not families:
        raise RuntimeError("no font with Korean glyphs is installed: the Korean and bilingual "
                           "PDFs would show empty boxes (Debian: apt-get install fonts-noto-cjk)")
    return families


def paginate(page: Any, mode: str, timeout_ms: int = 240_000) -> Paged:
    """Turn notes into footnotes and lay the assembled document out in pages.

    ``page`` is a Playwright page showing the document :mod:`edition.pdf` assembled, in the
    form ``mode``. Raises :class:`FootnoteError` when a note and its markers do not pair up.
    """
    if mode != "en":
        require_korean_font()
    result = page.evaluate(FOOTNOTES_JS, mode)
    problems = []
    if result["unmatched"]:
        problems.append("markers with no note: " + ", ".join(sorted(set(result["unmatched"]), key=int)))
    if result["orphans"]:
        problems.append("notes no visible marker calls: " + ", ".join(sorted(result["orphans"], key=int)))
    if problems:
        raise FootnoteError(f"PDF ({mode}): " + "; ".join(problems))
    page.evaluate(IGNORE_SITE_STYLES_JS)
    page.add_style_tag(content=PAGED_CSS.read_text(encoding="utf-8"))
    page.add_script_tag(content=paged_js())
    page.set_default_timeout(timeout_ms)
    pages = page.evaluate(PAGINATE_JS)
    return Paged(pages=int(pages), footnotes=int(result["footnotes"]))


#: Arguments for Playwright's page.pdf once Paged.js has drawn the pages.
PDF_OPTIONS = {"prefer_css_page_size": True, "print_background": True,
               "margin": {"top": "0", "bottom": "0", "left": "0", "right": "0"}}
