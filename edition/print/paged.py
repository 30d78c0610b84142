"""Paged layout for the PDF: the paper's notes as footnotes under their own numbers.

Chromium prints no CSS footnotes, so :mod:`edition.print.pdf` alone can only put a note under the
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

What the footnote step counts is returned, so :mod:`edition.print.pdf` can refuse to write a PDF in
which a note marker found no note, or a note no marker.
"""
from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRINT_DIR = Path(__file__).parent
PAGED_JS = PRINT_DIR / "pagedjs" / "paged.min.js"
#: The vendored release (see edition/print/pagedjs/README.txt); checked before each use.
PAGED_JS_SHA256 = "c4af9ac4a80f15e4abf53e11fdf34659dc4913f61b541652811cfa570f397211"
PAGED_CSS = PRINT_DIR / "paged.css"
#: The text block of paged.css's A4 page (210 x 297 mm less its margins), for PRINT_LAYOUT_JS.
TEXT_BLOCK = ("176mm", "259mm")

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

#: Run in the assembled page, before Paged.js: what the screen layout gets wrong on paper.
#: Argument: the text block's size, [width, height] in CSS units (from the @page rule).
#: 1. A table wider than the text block whose header groups its columns (Table 1: one group per
#:    year) is split into one table per group, each with the row labels and its own header: the
#:    2016 columns no longer run off the page.
#: 2. A figure's caption ("Figure 1." / "그림 1.") is moved up to follow the figure itself (on the
#:    site the data basis list sits between them) and kept on one page with it.
#: 3. A table's caption ("Table 1." / "표 1.") is kept on one page with its table; a table too
#:    tall for any page starts a page with its caption instead.
#: Returns what it did, for the log and the tests.
PRINT_LAYOUT_JS = r"""
([width, height]) => {
  const art = document.querySelector('.bd-article');
  const probe = document.createElement('div');
  probe.style.cssText = `position:absolute;visibility:hidden;width:${width};height:${height}`;
  document.body.appendChild(probe);
  const maxW = probe.getBoundingClientRect().width, maxH = probe.getBoundingClientRect().height * 0.9;
  probe.remove();
  const done = {split: [], figures: [], tables: [], tall: []};
  // 1. Wide tables with grouped columns.
  for (const table of [...art.querySelectorAll('table')]) {
    if (table.scrollWidth <= maxW || !table.tHead || table.tHead.rows.length < 2) continue;
    const top = [...table.tHead.rows[0].cells];
    const stub = [];
    const groups = [];
    let col = 0;
    for (const cell of top) {
      const span = cell.colSpan || 1;
      if (span === 1 && groups.length === 0) stub.push(col);
      else groups.push([col, col + span]);
      col += span;
    }
    if (groups.length < 2) continue;
    const parts = groups.map(([from, to]) => {
      const copy = table.cloneNode(true);
      copy.removeAttribute('id');
      copy.classList.add('pdf-split-table');
      for (const row of copy.rows) {
        let c = 0;
        for (const cell of [...row.cells]) {
          const span = cell.colSpan || 1;
          const keep = stub.includes(c) || (c >= from && c < to);
          c += span;
          if (!keep) cell.remove();
        }
      }
      return copy;
    });
    table.replaceWith(...parts);
    done.split.push(parts.length);
  }
  const langOf = (el) => (el.closest('.lang-en') ? 'en' : el.closest('.lang-ko') ? 'ko' : null);
  const startsWith = (pair, re) => {
    const strong = pair.querySelector('p > strong');
    return strong && re.test(strong.textContent.trim());
  };
  const keep = (nodes, cls) => {
    const box = document.createElement('div');
    box.className = cls;
    nodes[0].before(box);
    nodes.forEach((n) => box.appendChild(n));
    if (box.getBoundingClientRect().height > maxH) { box.className = cls + ' pdf-keep-tall'; done.tall.push(cls); }
    return box;
  };
  // 2. Figures: the caption follows the figure, the data basis after both.
  for (const pair of [...art.querySelectorAll('.pair')]) {
    if (!startsWith(pair, /^(Figure|그림)\s*\d+/)) continue;
    let cell = pair.previousElementSibling;
    while (cell && !cell.querySelector('.figure-block, [role="figure"]')) cell = cell.previousElementSibling;
    if (!cell) continue;
    const figures = [...cell.querySelectorAll('.figure-block, [role="figure"]')].filter((f) => !f.parentElement.closest('.figure-block, [role="figure"]'));
    if (!figures.length) continue;
    const basis = [...cell.querySelectorAll('.figure-basis')];
    // One figure per language (the bilingual form): each gets its caption in its language.
    const parts = figures.map((f) => pair.querySelector(':scope > .lang-' + langOf(f)));
    let boxes;
    if (figures.length > 1 && parts.every(Boolean)) {
      boxes = figures.map((f, i) => {
        const caption = document.createElement('div');
        caption.className = pair.className;
        if (i === 0) caption.id = pair.id;
        caption.appendChild(parts[i]);
        f.after(caption);
        return keep([f, caption], 'pdf-keep pdf-figure');
      });
      pair.remove();
    } else {
      boxes = [keep([...figures, pair], 'pdf-keep pdf-figure')];
    }
    // Each language's data basis after that language's figure (else after the last figure).
    basis.reverse().forEach((b) => {
      const own = boxes.find((box) => box.querySelector('.lang-' + langOf(b)) && langOf(b));
      (own || boxes[boxes.length - 1]).after(b);
    });
    done.figures.push(pair.id || 'figure');
  }
  // 3. Tables: caption and table on one page.
  for (const pair of [...art.querySelectorAll('.pair')]) {
    if (!startsWith(pair, /^(Table|표)\s*\d+/)) continue;
    const next = pair.nextElementSibling;
    if (!next || !next.querySelector('table')) continue;
    // The language blocks: inside the next element (a notebook cell's output), or the next
    // elements themselves (a directive's output).
    let blocks = [...next.querySelectorAll('.table-block')];
    if (next.matches('.table-block')) {
      blocks = [];
      for (let el = next; el && el.matches('.table-block'); el = el.nextElementSibling) blocks.push(el);
    }
    blocks = blocks.filter((b) => langOf(b));
    const parts = blocks.map((b) => pair.querySelector(':scope > .lang-' + langOf(b)));
    if (blocks.length > 1 && parts.every(Boolean)) {
      // The bilingual form: each language's caption above that language's table.
      blocks.forEach((b, i) => {
        const caption = document.createElement('div');
        caption.className = pair.className;
        if (i === 0) caption.id = pair.id;
        caption.appendChild(parts[i]);
        b.before(caption);
        keep([caption, b], 'pdf-keep pdf-table');
      });
      pair.remove();
    } else {
      keep([pair, next], 'pdf-keep pdf-table');
    }
    done.tables.push(pair.id);
  }
  return done;
}
"""

#: Paged.js re-parses every stylesheet it is given with css-tree 1, which rejects selectors of the
#: theme's CSS (``:is(…:focus-visible)``). The site's stylesheets still style the document when
#: marked ``data-pagedjs-ignore``; Paged.js is given only what defines pages (``@page``) and
#: footnotes: edition.print.pdf's page style and paged.css.
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
    layout: dict | None = None


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


#: The TrueType faces print/paged.css names, with their Debian packages. Without them Chromium
#: falls back to the CFF Noto faces and embeds Type 3 fonts, which nothing else would notice.
PRINT_FACES = {"Liberation Serif": "fonts-liberation", "Liberation Sans": "fonts-liberation",
               "NanumMyeongjo": "fonts-nanum", "NanumGothic": "fonts-nanum",
               "DejaVu Sans": "fonts-dejavu-core", "Droid Sans Fallback": "fonts-droid-fallback"}


def require_print_faces(fc_list: str = "fc-list") -> None:
    """Refuse to print when a face of paged.css is missing (see :data:`PRINT_FACES`)."""
    try:
        out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise RuntimeError(f"cannot list fonts with {fc_list} ({exc})") from exc
    have = {f.strip() for line in out.splitlines() for f in line.split(",")}
    missing = {face: pkg for face, pkg in PRINT_FACES.items() if face not in have}
    if missing:
        raise RuntimeError("the PDFs need these TrueType faces (else Chromium embeds Type 3 fonts): "
                           + ", ".join(f"{face} (Debian: {pkg})" for face, pkg in missing.items()))


def paginate(page: Any, mode: str, timeout_ms: int = 240_000) -> Paged:
    """Turn notes into footnotes and lay the assembled document out in pages.

    ``page`` is a Playwright page showing the document :mod:`edition.print.pdf` assembled, in the
    form ``mode``. Raises :class:`FootnoteError` when a note and its markers do not pair up.
    """
    if mode != "en":
        require_korean_font()
    require_print_faces()
    result = page.evaluate(FOOTNOTES_JS, mode)
    problems = []
    if result["unmatched"]:
        problems.append("markers with no note: " + ", ".join(sorted(set(result["unmatched"]), key=int)))
    if result["orphans"]:
        problems.append("notes no visible marker calls: " + ", ".join(sorted(result["orphans"], key=int)))
    if problems:
        raise FootnoteError(f"PDF ({mode}): " + "; ".join(problems))
    layout = page.evaluate(PRINT_LAYOUT_JS, list(TEXT_BLOCK))
    page.evaluate(IGNORE_SITE_STYLES_JS)
    page.add_style_tag(content=PAGED_CSS.read_text(encoding="utf-8"))
    page.add_script_tag(content=paged_js())
    page.set_default_timeout(timeout_ms)
    pages = page.evaluate(PAGINATE_JS)
    return Paged(pages=int(pages), footnotes=int(result["footnotes"]), layout=layout)


#: Arguments for Playwright's page.pdf once Paged.js has drawn the pages.
PDF_OPTIONS = {"prefer_css_page_size": True, "print_background": True,
               # A tagged PDF (structure tree, /Lang from <html lang>) with an outline of the
               # headings: what PDF/UA asks for, and what Chromium can write.
               "tagged": True, "outline": True,
               "margin": {"top": "0", "bottom": "0", "left": "0", "right": "0"}}
