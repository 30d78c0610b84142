"""The English text is the paper's: each section's prose, with glued numbers rendered as printed,
matches the raw transcription word for word except for documented repairs and the edition's
markup (a small budget of unmatched words for repaired words and caption layout)."""
import difflib
import re
from pathlib import Path

import pytest

from edition import ROOT
from edition.data import blocks
from edition.verdicts import claims

PAPER = ROOT / "source" / "paper" / "lee-gray-2020.md"
SECTIONS = sorted((ROOT / "chapters").glob("0[1-6]-*.md"))


def _norm(text: str) -> list[str]:
    text = re.sub(r"<sup>[^<]*</sup>", "", text).replace("\\", "")
    text = re.sub(r"[‘’]", "'", text)
    text = re.sub(r"[“”]", '"', text)
    return text.split()


def _english(path: Path, printed: dict[str, str]) -> list[str]:
    text = "\n".join(b.english for b in blocks.parse_chapter(path).blocks if b.kind == "pair")
    text = re.sub(r"\{glue:text\}`([a-z0-9_]+)`", lambda m: printed[m.group(1)], text)
    text = re.sub(r"\{(?:v|note|sic)\}`[^`]*`", "", text)
    text = re.sub(r"\{cite:[a-z]+\}`[^`]*`", "", text)
    return _norm(re.sub(r"[*_>]", "", text))


@pytest.mark.parametrize("chapter", SECTIONS, ids=lambda p: p.name)
def test_section_prose_matches_the_transcription(chapter):
    raw = _norm(re.sub(r"-\n\n", "", PAPER.read_text(encoding="utf-8")))
    printed = {c.claim_id: c.printed for c in claims.load().values()}
    words = _english(chapter, printed)
    matcher = difflib.SequenceMatcher(None, raw, words, autojunk=False)
    unmatched = [" ".join(words[j1:j2]) for tag, _, _, j1, j2 in matcher.get_opcodes()
                 if tag in ("insert", "replace")]
    count = sum(len(u.split()) for u in unmatched)
    assert count <= 0.03 * len(words), f"{chapter.name}: {count} words not in the paper: {unmatched[:10]}"
