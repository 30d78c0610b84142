"""The PDFs' document information: title, authors, subject, key words, language, creator.

Why: Chromium writes only a /Title (the page's ``<title>``) and its own user agent as /Creator;
a library cataloguing the PDF reads the document information and /Lang. Each form gets its own,
in its language: the English form in English, the Korean form in Korean, the bilingual form in
English with the Korean title beside it (one title, not two run together).

The values come from the files that hold them (references.bib through edition.render.citing,
CITATION.cff, the front page through edition.data.front). :func:`stamp` rewrites the PDF with pypdf's
pikepdf, which keeps the structure tree (tags) and the outline Chromium wrote.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..render import citing
from ..data import front

#: The form's language, as /Lang and <html lang>.
LANG = {"en": "en", "ko": "ko", "both": "en"}


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str
    subject: str
    keywords: str
    lang: str
    creator: str

    def as_pdf(self) -> dict[str, str]:
        return {"/Title": self.title, "/Author": self.author, "/Subject": self.subject,
                "/Keywords": self.keywords, "/Creator": self.creator}


def document_info(mode: str) -> DocInfo:
    """The document information of the form ``mode`` ("en", "ko", "both")."""
    f = citing._fields(citing.ARTICLE_KEY, citing.BIB)
    cff = citing.citation_cff()
    version = str(cff.get("version", ""))
    authors_en = "; ".join(f"{first} {last}" for first, last in f["authors"])
    editors = "; ".join(a.get("name", "") for a in cff.get("authors", []) if a.get("name"))
    where = f'{f["journal"]} {f["volume"]}({f["number"]}): {f["pages"]}'
    creator = f"edition.pdf {version} (Paged.js, Chromium)"
    if mode == "ko":
        return DocInfo(
            title=f'{front.title("ko")} — 실행 가능한 편집본',
            author=f"{authors_en} (본문); {editors} (편집)",
            subject=f'{authors_en}({f["year"]}), “{f["title"]}”, {where}의 한국어 편집본 {version}',
            keywords=", ".join(front.keywords("ko")), lang=LANG[mode], creator=creator)
    kind = "an executable bilingual edition (English and Korean)" if mode == "both" else "an executable edition"
    title = f'{f["title"]} — {kind}'
    if mode == "both":
        title = f'{title} / {front.title("ko")}'
    return DocInfo(
        title=title,
        author=f"{authors_en} (text); {editors} (edition)",
        subject=f'Edition {version} of {authors_en} ({f["year"]}), "{f["title"]}", {where}',
        keywords=", ".join(front.keywords("en") + (front.keywords("ko") if mode == "both" else [])),
        lang=LANG[mode], creator=creator)


#: Run in the printed page: each heading's outline title, keyed by its text without white space.
#: Chromium titles a bookmark with the heading's laid-out lines joined without a space
#: ("UN" + "Sanctions" → "UNSanctions") and the two language spans of a bilingual heading run
#: together ("1. Introduction1. 서론"); the DOM still has the words.
HEADINGS_JS = r"""
() => {
  const out = {};
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const norm = (s) => s.replace(/\s+/g, ' ').trim();
    const langs = [...h.querySelectorAll(':scope > .lang-en, :scope > .lang-ko, :scope > span > .lang-en, :scope > span > .lang-ko')]
      .map((e) => norm(e.textContent)).filter(Boolean);
    const title = langs.length > 1 ? langs.join(' / ') : norm(h.textContent);
    out[h.textContent.replace(/\s+/g, '')] = title;
  }
  return out;
}
"""


def outline_key(title: str) -> str:
    return "".join(title.split())


def _retitle(node, headings: dict[str, str]) -> int:
    """Give each outline item the heading text it stands for (see HEADINGS_JS)."""
    import pikepdf

    fixed = 0
    item = node.get("/First")
    while item is not None:
        title = headings.get(outline_key(str(item.get("/Title", ""))))
        if title and title != str(item.get("/Title", "")):
            item.Title = pikepdf.String(title)
            fixed += 1
        fixed += _retitle(item, headings)
        item = item.get("/Next")
    return fixed


def stamp(path: Path, info: DocInfo, headings: dict[str, str] | None = None) -> None:
    """Write ``info`` into the PDF at ``path`` (atomically), keeping its tags and outline, and
    give the outline's items their headings' words (``headings``, from HEADINGS_JS).

    pikepdf (qpdf) rather than pypdf: the same edit in a third of a second instead of 2-4 s per
    file, and the structure tree is carried over untouched."""
    import pikepdf

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        with pikepdf.open(path) as pdf:
            for key, value in info.as_pdf().items():
                pdf.docinfo[key] = pikepdf.String(value)
            pdf.Root.Lang = pikepdf.String(info.lang)
            if headings and "/Outlines" in pdf.Root:
                _retitle(pdf.Root.Outlines, headings)
            pdf.save(tmp)
        # Chromium (through Playwright) and mkstemp both write 0600, which would hide the PDF
        # from a web server running as another user: the mode a new file normally gets.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
