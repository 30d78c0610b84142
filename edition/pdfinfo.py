"""The PDFs' document information: title, authors, subject, key words, language, creator.

Why: Chromium writes only a /Title (the page's ``<title>``) and its own user agent as /Creator;
a library cataloguing the PDF reads the document information and /Lang. Each form gets its own,
in its language: the English form in English, the Korean form in Korean, the bilingual form in
English with the Korean title beside it (one title, not two run together).

The values come from the files that hold them (references.bib through edition.citing,
CITATION.cff, the front page through edition.front). :func:`stamp` rewrites the PDF with pypdf's
``clone_from``, which keeps the structure tree (tags) and the outline Chromium wrote.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import citing, front

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


def stamp(path: Path, info: DocInfo) -> None:
    """Write ``info`` into the PDF at ``path`` (atomically), keeping its tags and outline."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    path = Path(path)
    writer = PdfWriter(clone_from=str(path))
    writer.add_metadata(info.as_pdf())
    writer._root_object[NameObject("/Lang")] = TextStringObject(info.lang)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            writer.write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
