"""The editorial notes (data/editorial_notes.csv) as the reader meets them: the editorial-notes
page in both languages with counts by kind and confidence, the label of each mark in the text,
Table 2's marks, and the list of notes on the reference list.

Kept apart from the ledger because the notes are a register of their own (slips, typos, queries,
repairs), and the page's logic must survive being moved into a Sphinx directive.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .data import Package, package
from .escape import safe_id

KINDS = ("slip", "typo", "query", "repair")
#: Sections of notes that belong to no chapter: the reference list, the whole edition.
APPARATUS_SECTIONS = ("ref", "gen")
CONFIDENCE = ("high", "moderate", "low")
#: The mark a reader sees in the text for each kind of note.
MARK_LABEL = {"slip": "[sic]", "typo": "[sic]", "query": "[?]"}

L = {
    "en": {
        "kind": {"slip": "Factual slips and inconsistencies, kept as printed [sic]",
                 "typo": "Typos, grammar and consistency slips, kept as printed [sic]",
                 "query": "Queries: what the text alone cannot tell [?]",
                 "repair": "Repairs and restylings made by the edition"},
        "kind_short": {"slip": "factual slips", "typo": "typos and grammar", "query": "queries",
                       "repair": "repairs"},
        "intro": {"slip": "Places, names, laws, resolutions, dates and titles that the paper gets wrong, "
                          "or that disagree with its own other statements.",
                  "typo": "Slips of spelling, grammar, punctuation and consistency.",
                  "query": "Points a specialist would check, where the paper's text does not settle the "
                           "question; no correction is proposed.",
                  "repair": "Changes the edition made to the transcription, listed so that nothing is "
                            "changed silently."},
        "conf": {"high": "high", "moderate": "moderate", "low": "low"},
        "evk": {"paper": "the paper's own statements", "bundled": "a source bundled with the edition",
                "cited": "a source the paper cites", "general": "general knowledge, not a bundled source",
                "transcription": "the bundled transcription"},
        "confidence": "confidence", "evidence": "Evidence", "total": "total", "notes": "editorial notes",
        "counts": "Notes by kind and confidence", "printed": "printed", "edition": "edition",
        "section": "section", "para": "paragraph", "quote": "quotation", "note": "note", "table": "Table",
        "figure": "Figure", "front": "front matter", "refs": "References", "all": "the whole edition",
    },
    "ko": {
        "kind": {"slip": "사실관계 오류와 불일치: 원문대로 둠 [sic]",
                 "typo": "오탈자·문법·표기 일관성 오류: 원문대로 둠 [sic]",
                 "query": "확인 필요: 본문만으로는 알 수 없는 점 [?]",
                 "repair": "편집본의 수리와 양식 변경"},
        "kind_short": {"slip": "사실관계 오류", "typo": "오탈자·문법", "query": "확인 필요", "repair": "수리"},
        "intro": {"slip": "논문이 잘못 적었거나 논문의 다른 서술과 맞지 않는 지명, 인명·기관명, 법령, 결의, "
                          "날짜, 제목.",
                  "typo": "철자, 문법, 문장부호, 표기 일관성의 오류.",
                  "query": "전문가라면 확인할 만하지만 논문 본문만으로는 판단할 수 없는 점. 수정안을 제시하지 않는다.",
                  "repair": "편집본이 전사본을 바꾼 곳. 아무것도 말없이 고치지 않도록 모두 적었다."},
        "conf": {"high": "높음", "moderate": "보통", "low": "낮음"},
        "evk": {"paper": "논문 자체의 서술", "bundled": "편집본에 포함된 자료",
                "cited": "논문이 인용한 자료", "general": "일반 지식(편집본에 포함된 자료 아님)",
                "transcription": "편집본에 포함된 전사본"},
        "confidence": "확실성", "evidence": "근거", "total": "합계", "notes": "편집자 주",
        "counts": "종류와 확실성별 주 수", "printed": "인쇄본", "edition": "편집본",
        "section": "절", "para": "문단", "quote": "인용", "note": "주", "table": "표",
        "figure": "그림", "front": "앞부분", "refs": "참고문헌", "all": "편집본 전체",
    },
}

#: The front page's blocks in words.
FRONT = {"authors": ("authors", "저자"), "journal": ("journal details", "서지 사항"), "funding": ("funding", "연구 지원"),
         "correspondence": ("correspondence", "교신 저자"), "abstract": ("abstract", "초록"),
         "keywords": ("key words", "Key Words"), "yoyak": ("요약 (Korean abstract)", "요약"),
         "juyoeo": ("주요어 (Korean key words)", "주요어"), "edition": ("about this edition", "편집본 소개"),
         "cite": ("how to cite", "인용 방법")}
_BLOCK = re.compile(r"^s(?P<sec>[0-9])-(?P<kind>p|q|t|fig)(?P<num>[0-9]+)$")


def notes_table(pkg: Package | None = None):
    """The register, validated by the data package."""
    return (pkg or package()).table("editorial_notes")


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    frame = notes_table()
    return dict(zip(frame["note_id"], frame["kind"]))


def mark_label(note_id: str) -> str | None:
    """The label of a note's mark in the text ("[sic]" or "[?]"), None for an unknown or unmarked id."""
    return MARK_LABEL.get(_kinds().get(note_id, ""))


def counts(pkg: Package | None = None) -> dict[tuple[str, str], int]:
    """{(kind, confidence): number of notes}."""
    frame = notes_table(pkg)
    return dict(Counter(zip(frame["kind"], frame["confidence"])))


def location(section: str, block: str, lang: str) -> str:
    """Where a note belongs, in words: "section 2, paragraph 4", "note 4", "Table 2", …"""
    lab = L[lang]
    if section == "gen":
        return lab["all"]
    if section == "ref":
        return f'{lab["refs"]}: {block}' if block != "all" else lab["refs"]
    if block.startswith("note-"):
        return f'{lab["note"]} {block[5:]}'
    if block.startswith("front-"):
        part = FRONT.get(block[6:], (block[6:], block[6:]))[0 if lang == "en" else 1]
        return f'{lab["front"]}: {part}'
    m = _BLOCK.match(block)
    if not m:
        return block
    sec, kind, num = m["sec"], m["kind"], int(m["num"])
    if kind == "t":
        return f'{lab["table"]} {num}'
    if kind == "fig":
        return f'{lab["figure"]} {num}'
    what = lab["para"] if kind == "p" else lab["quote"]
    return f'{lab["section"]} {sec}, {what} {num}' if lang == "en" else f"{sec}{lab['section']} {what} {num}"


def counts_rows(pkg: Package | None, lang: str) -> tuple[tuple[str, ...], list[tuple]]:
    """The counts table: heading, then one row per kind and a total row (label, high, moderate, low, total)."""
    lab, c = L[lang], counts(pkg)
    head = ("", *(lab["conf"][k] for k in CONFIDENCE), lab["total"])
    rows = []
    for kind in KINDS:
        numbers = [c.get((kind, k), 0) for k in CONFIDENCE]
        rows.append((lab["kind_short"][kind], *numbers, sum(numbers)))
    sums = [sum(v for (_, k), v in c.items() if k == conf) for conf in CONFIDENCE]
    rows.append((lab["total"], *sums, sum(c.values())))
    return head, rows


def entries(pkg: Package | None, kind: str, lang: str) -> list[dict]:
    """The notes of one kind as the page shows them, in file order: id, block (linked or not),
    place in words, confidence, the printed words, the note, and its evidence."""
    lab = L[lang]
    frame = notes_table(pkg)
    out = []
    for r in frame[frame["kind"] == kind].to_dict("records"):
        words = f'{lab["printed"]}: “{r["published"]}”'
        if kind == "repair":
            words += f' → {lab["edition"]}: “{r["edition"]}”'
        evidence = r["evidence"] if lang == "en" else r["evidence_ko"]
        out.append({
            "note_id": safe_id(r["note_id"], what="note_id"),
            "block": r["block"],
            "linked": r["section"] not in ("ref", "gen"),
            "where": location(r["section"], r["block"], lang),
            "confidence": r["confidence"],
            "confidence_text": f'{lab["confidence"]}: {lab["conf"][r["confidence"]]}',
            "words": words,
            "explanation": r["explanation_en"] if lang == "en" else r["explanation_ko"],
            "evidence": f'{lab["evidence"]} ({lab["evk"][r["evidence_kind"]]}): {evidence}',
        })
    return out


def table_marks(pkg: Package, block: str) -> list[dict]:
    """The notes marked in a table rendered from data: published words, id, kind, languages marked."""
    frame = notes_table(pkg)
    rows = frame[(frame["block"] == block) & (frame["marked"] != "none")]
    return rows[["published", "note_id", "kind", "marked"]].to_dict("records")
