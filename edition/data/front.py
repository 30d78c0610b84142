"""The article's front matter as the edition transcribes it (``chapters/00-front.md``).

Why here: the record of the edition (edition.site.meta: ``citation_abstract``, ``og:description``,
JSON-LD) and the PDFs' document information (edition.print.pdfinfo) need the article's abstract, key
words and Korean title. They are read from the transcription the reader sees, never typed a second
time, so the record cannot drift from the page.

* ``abstract("en")`` is the authors' English abstract; ``abstract("ko")`` is the authors' own Korean
  abstract (요약), not the edition's translation of the English one.
* ``keywords("en")`` are the authors' "Key Words"; ``keywords("ko")`` their 주요어.
* ``title("ko")`` is the Korean title the front page carries beside the English one.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .. import CHAPTERS
from .blocks import parse_chapter

FRONT = CHAPTERS / "00-front.md"
#: Which pair holds what, per language (the Korean abstract is the authors' 요약).
SOURCES = {("abstract", "en"): "front-abstract", ("abstract", "ko"): "front-yoyak",
           ("keywords", "en"): "front-keywords", ("keywords", "ko"): "front-juyoeo"}
#: A leading bold label ("**Abstract:**", "**요약:**", "**Key Words(…):**").
LABEL = re.compile(r"^\s*\*\*[^*]+\*\*\s*")
HEADING = re.compile(r"^#\s+(?P<body>.+)$", re.M)
SPAN = re.compile(r"\[(?P<text>[^\]]+)\]\{\.lang-(?P<lang>[a-z]{2})\}")


class FrontMatterError(ValueError):
    """A part of the front matter the record needs is missing from chapters/00-front.md."""


def plain(markdown: str) -> str:
    """Inline MyST reduced to its text: emphasis marks, links and roles dropped, spaces joined."""
    out = re.sub(r"\{[\w:+.\-]+\}`([^`]*)`", r"\1", markdown)
    out = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", out)
    out = re.sub(r"(\*\*|\*|__|_)(?=\S)(.+?)(?<=\S)\1", r"\2", out)
    return re.sub(r"\s+", " ", out).strip()


@functools.lru_cache(maxsize=4)
def _pairs(path: Path) -> dict[str, dict[str, str]]:
    chapter = parse_chapter(path)
    return {b.ident: {d.lang: d.text for d in b.divs} for b in chapter.blocks if b.kind == "pair"}


def _part(kind: str, lang: str, path: Path) -> str:
    ident = SOURCES[(kind, lang)]
    text = _pairs(Path(path)).get(ident, {}).get(lang)
    if not text:
        raise FrontMatterError(f"{path}: no {lang} block in pair {ident!r} ({kind})")
    # The Korean partner of the English abstract opens with an italic "edition's translation"
    # line; the authors' own blocks open with their bold label. Keep what follows the label.
    lines = [ln for ln in text.splitlines() if ln.strip()]
    while lines and not LABEL.match(lines[0]):
        lines.pop(0)
    return plain(LABEL.sub("", " ".join(lines), count=1))


def abstract(lang: str = "en", path: Path = FRONT) -> str:
    return _part("abstract", lang, path)


def keywords(lang: str = "en", path: Path = FRONT) -> list[str]:
    return [k.strip() for k in _part("keywords", lang, path).split(",") if k.strip()]


def title(lang: str, path: Path = FRONT) -> str:
    """The front page's title in one language (its heading carries one span per language)."""
    heading = HEADING.search(Path(path).read_text(encoding="utf-8"))
    spans = {m.group("lang"): m.group("text") for m in SPAN.finditer(heading.group("body"))} if heading else {}
    if lang not in spans:
        raise FrontMatterError(f"{path}: the title has no {lang} span")
    return plain(spans[lang])


def summary(text: str, limit: int = 300) -> str:
    """Whole sentences from the start of ``text``, at most ``limit`` characters (at least one
    sentence, cut at a word with "…" only when the first sentence alone is longer)."""
    sentences = re.split(r"(?<=[.!?다])\s+", text.strip())
    out = ""
    for sentence in sentences:
        candidate = f"{out} {sentence}".strip()
        if len(candidate) > limit and out:
            break
        out = candidate
        if len(out) >= limit:
            break
    if len(out) > limit:
        out = out[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return out
