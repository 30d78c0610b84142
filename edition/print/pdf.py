"""The edition as PDF, in three forms: English, Korean, and bilingual.

    .venv/bin/python -m edition.pdf [--site _build/html] [--chromium /usr/bin/chromium]

Run after the book is built (``tools/build.sh`` and ``tools/test.sh`` do). It needs Chromium
(Debian ``chromium`` with ``fonts-noto-cjk``) and Playwright, the same as the browser tests.

How: the built site is served on 127.0.0.1 (nothing else is reached: every other request is
aborted); each of the paper's pages and the references is opened in the chosen language, its
charts drawn, and its article taken as rendered (Figure 1 as SVG: vector in the PDF). The
articles are joined into one document, ids prefixed per page so links between the sections and
to the references keep working inside the PDF; links to pages not in the PDF point at the
published site when its address is known (edition.site.publish), else become plain text. A cover in
the form's language names the article, the edition's version, build date and address (or says
there is none); a legend explains the verdict marks and the original's page numbers ([377]). The pages are collected at a browser width
close to the printed text width, so the charts are drawn at print size. Paged.js lays it out in
pages (edition/print/paged.py: the paper's notes become footnotes under their own numbers, at the foot
of the page that calls them; Chromium alone has no CSS footnotes), and Chromium prints it with
the site's print stylesheet: Table 1 split by year with its header, captions kept with their
figure or table (PRINT_LAYOUT_JS), the fonts embedded as TrueType subsets (no Type 3;
paged.css). Chromium writes a tagged PDF with an outline; edition.print.pdfinfo then sets each form's
title, authors, subject, key words, language and creator, and gives the outline the headings'
words. The bilingual form prints each English paragraph followed by its Korean partner (Paged.js
fills pages in document order and cannot split two columns side by side).

The PDFs go to ``<site>/pdf/``; every page's download menu links them (``add_pdf_links``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import ROOT
from ..render import citing
from ..data import front
from ..verdicts import judge
from . import pdfinfo
from ..core.escape import attr, text
from ..core.fmt import ko_date
from ..verdicts.judge import mark_for
from .paged import PDF_OPTIONS, paginate
from ..site.config import book_value
from ..site.pdf_links import pdf_name

PAGES = ("chapters/00-front", "chapters/01-introduction", "chapters/02-integration",
         "chapters/03-political-economy", "chapters/04-sanctions", "chapters/05-workers",
         "chapters/06-conclusion", "chapters/references")
FORMS = {"en": "English", "ko": "한국어", "both": "English | 한국어"}
#: The browser's width while the pages are collected: see make_pdfs.
VIEWPORT_WIDTH = 690


def pdf_dir() -> str:
    """The PDFs' folder inside the site: ``edition_pdf_dir`` as the book's ``_config.yml`` sets it
    for the build (whose download menu links there)."""
    return book_value(ROOT, "edition_pdf_dir")


# --- the document ---------------------------------------------------------------------------

#: Run in each page: prefix ids with the page's slug, point links at the joined document.
COLLECT = """
([slug, included, base]) => {
  const art = document.querySelector('.bd-article');
  const copy = art.cloneNode(true);
  copy.querySelectorAll('script, .edition-preview, .headerlink, details.figure-alt, [data-marks-key]').forEach((e) => e.remove());
  // the original's page breaks (a.pb: a margin mark drawn by CSS on the web) as text: [377] where
  // the page begins at that word, [377¶] where it begins within the paragraph (the legend says so)
  copy.querySelectorAll('a.pb').forEach((a) => {
    const s = document.createElement('span');
    s.className = 'pb-print'; s.id = a.id;
    s.textContent = '[' + a.dataset.page + (['word', 'start'].includes(a.dataset.precision) ? '' : '\u00b6') + ']';
    a.replaceWith(s);
  });
  copy.querySelectorAll('[id]').forEach((e) => { e.id = slug + '--' + e.id; });
  copy.querySelectorAll('[aria-describedby]').forEach((e) => e.removeAttribute('aria-describedby'));
  // a mark holds no text on the web (issue 20): the PDF writes its symbol
  copy.querySelectorAll('a.verdict[data-symbol]').forEach((a) => { a.textContent = a.dataset.symbol; });
  copy.querySelectorAll('a[href]').forEach((a) => {
    const u = new URL(a.getAttribute('href'), location.href);
    if (u.origin !== location.origin) return;                 // outside links stay
    const page = u.pathname.replace(/^\\//, '').replace(/\\.html$/, '');
    const id = decodeURIComponent(u.hash.replace(/^#/, ''));
    const target = included[page];
    if (target) { a.setAttribute('href', '#' + target + '--' + (id || 'top')); return; }
    if (base) { a.setAttribute('href', base + u.pathname.replace(/^\\//, '') + u.hash); return; }
    const span = document.createElement('span');
    span.className = a.className; span.innerHTML = a.innerHTML; a.replaceWith(span);
  });
  return '<section class="pdf-part" id="' + slug + '--top">' + copy.innerHTML + '</section>';
}
"""

PDF_CSS = """
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
.pdf-part { break-before: page; }
.pdf-title { break-after: page; padding-top: 30mm; }
.pdf-title .pdf-cover-title { font-size: 20pt; line-height: 1.25; font-weight: 700; }
.pdf-title .pdf-sub { font-size: 12pt; margin-top: 1rem; }
.pdf-title .pdf-meta { font-size: 10pt; margin-top: 2rem; color: #333; }
.pb-print { font-size: 7pt; color: #555; font-weight: 400; font-style: normal; vertical-align: 0.3em;
  margin: 0 0.15em; white-space: nowrap; }
.pdf-legend { break-before: page; }
.pdf-legend li { margin-bottom: .3rem; }
.bd-article .pdf-legend h1 { font-size: 13pt; }
body { font-size: 10.5pt; }
.table-scroll, .figure-alt { overflow: visible !important; }
.edition-table, .figure-data { font-size: 8pt; }
.edition-chart svg { max-width: 100%; height: auto; }
/* Bilingual: English and Korean side by side, as on a wide screen (A4's text width is below the
   site's one-column breakpoint). */
html[data-lang-mode="both"] .pair { display: grid !important; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) !important;
  column-gap: 6mm; row-gap: 0; }
html[data-lang-mode="both"] .pair > .lang-ko { border-left: 1px solid #bbb !important; padding-left: 3mm !important; margin-left: 0 !important; }
html[data-lang-mode="both"] .pair.quote > .lang-ko { border-left: 0 !important; }
"""


def title_html(mode: str, version: str, built: dt.date, base: str | None = None) -> str:
    """The cover, in the form's own language(s): the English cover carries no Korean line and
    the Korean cover no English one (the bilingual cover carries both)."""
    en_title = citing._fields(citing.ARTICLE_KEY, citing.BIB)["title"]
    ko_title = front.title("ko")
    article = citing.article_reference("chicago")
    where_en = base or "no public address (a local build)"
    where_ko = base or "공개 주소 없음(로컬 빌드)"
    en = {"sub": "An executable edition · English",
          "meta": f"Edition {version} · built {built.isoformat()} · {where_en}"}
    ko = {"sub": f"{en_title}의 실행 가능한 편집본 · 한국어",
          "meta": f"편집본 {version} · {ko_date(built)} 빌드 · {where_ko}"}
    if mode == "en":
        head, lines = en_title, [en["sub"], article, en["meta"]]
    elif mode == "ko":
        f = citing._fields(citing.ARTICLE_KEY, citing.BIB)
        who = "·".join(f"{last}, {first}" for first, last in f["authors"])
        article_ko = (f'{who}, {f["year"]}, “{en_title},” {f["journal"]} {f["volume"]}({f["number"]}), '
                      f'{f["pages"]}쪽. {f.get("url", "")}'.strip())
        head, lines = ko_title, [ko["sub"], article_ko, ko["meta"]]
    else:
        head = en_title
        lines = ["An executable bilingual edition · English and Korean / 영어·한국어 대역 편집본",
                 ko_title, article, en["meta"], ko["meta"]]
    lang = pdfinfo.LANG[mode]
    body = "".join(f'<p class="{"pdf-sub" if i == 0 else "pdf-meta"}"{_lang_attr(line, lang)}>{text(line)}</p>'
                   for i, line in enumerate(lines))
    # Not a heading: the front page's own heading opens the outline; the cover would repeat it.
    return f'<section class="pdf-title" lang="{lang}"><p class="pdf-cover-title">{text(head)}</p>{body}</section>'


def _lang_attr(line: str, default: str) -> str:
    """lang="ko" on a cover line written in Korean inside an English cover (tagged PDF)."""
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in line)
    return ' lang="ko"' if default != "ko" and hangul > len(line) / 4 else ""


def legend_html(mode: str) -> str:
    """What each verdict mark means, in the PDF's language(s)."""
    items = []
    for verdict in judge.VERDICTS + tuple(getattr(judge, "RELATION_VERDICTS", ())):
        mark = mark_for(verdict)
        en, ko = mark.label_en, mark.label_ko
        label = {"en": en, "ko": ko, "both": f"{en} / {ko}"}[mode]
        items.append(f'<li><span class="verdict verdict-{attr(mark.slug)}">{text(mark.symbol)}</span> '
                     f'{text(label)}</li>')
    head = {"en": "Verdict marks", "ko": "판정 표시", "both": "Verdict marks / 판정 표시"}[mode]
    intro = {"en": "Each number of the paper carries one of these marks; the claims ledger of the "
                   "online edition gives the sources and recomputations behind it.",
             "ko": "논문의 각 수치에는 다음 표시 가운데 하나가 붙는다. 온라인 편집본의 수치 검증 대장에 "
                   "그 근거가 된 출처와 재계산이 있다.",
             "both": "Each number of the paper carries one of these marks. / 논문의 각 수치에는 다음 표시 가운데 하나가 붙는다."}[mode]
    pages = {"en": ("[377] page 377 of the original article (pp. 373–394) begins here; [377¶] it begins "
                    "within this paragraph, where the edition knows the paragraph but not the word. "
                    "Cite a passage as “Lee and Gray 2020, p. 377”; the online edition says how each "
                    "break was located.",),
             "ko": ("[377] 원 논문(373–394쪽)의 377쪽이 여기서 시작됨. [377¶] 이 문단 안에서 시작됨"
                    "(편집본이 문단은 알지만 낱말은 알지 못하는 경우). 인용은 “Lee and Gray 2020, p. 377”처럼 "
                    "하며, 각 쪽 바뀜의 위치를 찾은 방법은 온라인 편집본에 있다.",)}
    pages["both"] = pages["en"] + pages["ko"]
    lang = pdfinfo.LANG[mode]
    page_notes = "".join(f"<p{_lang_attr(line, lang)}>{text(line)}</p>" for line in pages[mode])
    return (f'<section class="pdf-legend"><h1>{text(head)}</h1><p>{text(intro)}</p>'
            f'<ul class="verdict-counts">{"".join(items)}</ul>{page_notes}</section>')


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # noqa: D401 - stdlib signature
        pass


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _offline(route: Any) -> None:
    host = urlsplit(route.request.url).hostname or ""
    if route.request.url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
        route.continue_()
    else:
        route.abort("blockedbyclient")


def make_pdfs(site: Path, chromium: str = "/usr/bin/chromium", modes: tuple[str, ...] = ("en", "ko", "both"),
              base: str | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from ..site.meta import build_date

    site = Path(site).resolve()
    missing = [p for p in PAGES if not (site / f"{p}.html").is_file()]
    if missing:
        raise FileNotFoundError(f"{site}: build the book first (missing {', '.join(missing)})")
    version = str(citing.citation_cff().get("version", ""))
    built = build_date()
    included = {p: f"p{i}" for i, p in enumerate(PAGES)}
    out_dir = site / pdf_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    httpd, url = _serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                               "--disable-background-networking"])
            for mode in modes:
                # The article column at this width is about the page's text width (176 mm), so
                # the charts are drawn at print size: their 11 px labels print at 8 pt or more.
                ctx = browser.new_context(viewport={"width": VIEWPORT_WIDTH, "height": 1400}, locale="en-GB")
                ctx.route("**/*", _offline)
                ctx.add_init_script(f"try {{ localStorage.setItem('edition-lang', '{mode}'); }} catch (e) {{}}")
                page = ctx.new_page()
                parts = []
                for doc in PAGES:
                    page.goto(url + doc + ".html", wait_until="load")
                    page.wait_for_function(
                        "() => Array.from(document.querySelectorAll('.edition-chart'))"
                        ".every((el) => el.querySelector('svg') || el.getClientRects().length === 0)",
                        timeout=60_000)
                    parts.append(page.evaluate(COLLECT, [included[doc], included, base or ""]))
                page.goto(url + PAGES[0] + ".html", wait_until="load")
                body = title_html(mode, version, built, base) + "".join(parts) + legend_html(mode)
                info = pdfinfo.document_info(mode)
                page.evaluate("""([html, css, title, lang]) => {
                    document.querySelector('.bd-article').innerHTML = html;
                    const style = document.createElement('style'); style.textContent = css;
                    document.head.appendChild(style);
                    document.title = title;
                    document.documentElement.lang = lang;
                    document.documentElement.classList.add('edition-pdf');  // marks as text (issue 20)
                }""", [body, PDF_CSS, info.title, info.lang])
                page.emulate_media(media="print")
                target = out_dir / pdf_name(mode)
                # The notes as footnotes: Paged.js draws the pages (edition/print/paged.py).
                paged = paginate(page, mode)
                headings = page.evaluate(pdfinfo.HEADINGS_JS)
                page.pdf(path=str(target), **PDF_OPTIONS)
                pdfinfo.stamp(target, info, headings)
                print(f"edition.pdf: {mode}: {paged.pages} pages, {paged.footnotes} footnotes, "
                      f"print layout {paged.layout}")
                written.append(target)
                ctx.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    from sphinx.errors import ConfigError

    from ..site.publish import AddressError, base_url

    ap = argparse.ArgumentParser(description="Print the edition as PDF (English, Korean, bilingual).")
    ap.add_argument("--site", type=Path, default=Path("_build/html"))
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--modes", default="en,ko,both")
    args = ap.parse_args(argv)
    try:
        base = base_url(configured=book_value(ROOT, "edition_base_url"))
        pdf_dir()  # a bad folder is refused before Chromium starts
    except (AddressError, ConfigError) as exc:
        print(f"edition.pdf: {exc}", file=sys.stderr)
        return 2
    for path in make_pdfs(args.site, args.chromium, tuple(args.modes.split(",")), base):
        print(f"edition.pdf: wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
