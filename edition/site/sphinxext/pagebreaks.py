"""The original's pagination: a milestone where each page of the published article begins.

``data/pagebreaks.csv`` says, for each page, the block (pair id) in which it begins and, where
the transcription shows it, the words with which it begins (see its ``evidence`` column for how
each break was located). This read-time transform puts an empty :class:`.nodes.page_break` there:
``#p381`` in the English block, ``#p381-ko`` in the Korean one. Where the Korean text is a
translation, the Korean milestone stands at the start of the paragraph, and says so.
A row whose block or words are not found is a warning (the text drifted from the data).
"""
from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .nodes import lang_block, lang_of, page_break, pair_block

logger = logging.getLogger(__name__)

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\n": " "})


def _norm(text: str) -> str:
    """Same length as ``text``: curly quotes and newlines made plain, for matching only."""
    return text.translate(_QUOTES)


def _rows(env) -> list[dict]:
    from .marks import book_package

    pkg = book_package(env)
    spec = next((r for r in pkg.descriptor.get("resources", []) if r["name"] == "pagebreaks"), None)
    if spec is None:
        return []
    # a page with pairs may gain or lose a milestone when this file changes (and only this one)
    env.note_dependency(str(pkg.base / "datapackage.json"))
    env.note_dependency(str(pkg.base / spec["path"]))
    table = pkg.table("pagebreaks")
    return [r for r in table.to_dict("records") if r.get("block")]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _milestone(page: int, lang: str, precision: str) -> page_break:
    node = page_break("", "")
    node["ids"] = [f"p{page}" if lang == "en" else f"p{page}-ko"]
    node["page"], node["lang"], node["precision"] = page, lang, precision
    return node


def _at_start(block: nodes.Element, node: page_break) -> bool:
    para = next(iter(block.findall(nodes.paragraph)), None)
    if para is None:
        return False
    para.insert(0, node)
    return True


def _at_words(block: nodes.Element, context: str, start: str, node: page_break) -> str | None:
    """Insert ``node`` before ``start`` inside the one occurrence of ``context``; else why not."""
    texts = [t for t in block.findall(nodes.Text)]
    joined = _norm("".join(t.astext() for t in texts))
    ctx, st = _norm(context), _norm(start)
    at = joined.find(ctx)
    if at < 0:
        return f"the words {context!r} are not in the block"
    if joined.find(ctx, at + 1) >= 0:
        return f"the words {context!r} occur more than once in the block"
    inner = ctx.find(st)
    if inner < 0:
        return f"{start!r} is not within {context!r}"
    offset = at + inner
    for t in texts:
        n = len(t.astext())
        if offset < n:
            before, after = t.astext()[:offset], t.astext()[offset:]
            from .placement import position

            parent = t.parent
            i = position(parent, t)
            del parent[i]
            for k, new in enumerate(([nodes.Text(before)] if before else []) + [node, nodes.Text(after)]):
                parent.insert(i + k, new)
            return None
        offset -= n
    return "the position is past the end of the block"


class PageBreaks(SphinxTransform):
    """Milestones of the original's pages in the blocks ``data/pagebreaks.csv`` names."""

    default_priority = 670

    def apply(self, **kwargs: Any) -> None:
        pairs = {p["pair_id"]: p for p in self.document.findall(pair_block)}
        if not pairs:
            return
        for row in _rows(self.env):
            pair = pairs.get(row["block"])
            if pair is None:
                continue
            page = int(row["page"])
            blocks = {lang_of(b["classes"]): b for b in pair.children if isinstance(b, lang_block)}
            for lang in ("en", "ko"):
                block = blocks.get(lang)
                if block is None:
                    continue
                context, start = _text(row.get(f"{lang}_context")), _text(row.get(f"{lang}_start"))
                if context:
                    why = _at_words(block, context, start or context, _milestone(page, lang, "word"))
                    if why:
                        logger.warning("page break p. %s (data/pagebreaks.csv): %s %s", page,
                                       why, f"(pair {row['block']}, {lang})", location=pair,
                                       type="edition", subtype="pagebreak")
                    continue
                precision = row["precision"]
                if precision == "word":  # the other language knows the word; this one the paragraph
                    precision = "within"
                _at_start(block, _milestone(page, lang, precision))
