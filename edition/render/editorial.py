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

from ..data.datapackage import Package, package
from ..core.escape import safe_id

#: What each note is (TEI keeps errors, ``sic``/``corr``, apart from regularisations, ``orig``/``reg``):
#: an error of fact (slip) or of form (typo) of the paper, kept and marked [sic]; the paper's style
#: (a usage or inconsistency that is not an error: noted, never marked); a query [?]; a
#: regularisation or style choice of the edition; a repair of the transcription.
KINDS = ("slip", "typo", "style", "query", "regularisation", "repair")
#: The kinds that assert an error of the paper (each has a mark in the text and a second reading).
ERROR_KINDS = ("slip", "typo", "query")
#: Sections of notes that belong to no chapter: the reference list, the whole edition.
APPARATUS_SECTIONS = ("ref", "gen")
CONFIDENCE = ("high", "moderate", "low")
#: The mark a reader sees in the text for each kind of note.
MARK_LABEL = {"slip": "[sic]", "typo": "[sic]", "query": "[?]"}

L = {
    "en": {
        "kind": {"slip": "Errors of fact: slips and inconsistencies, kept as printed [sic]",
                 "typo": "Errors of form: typos and grammar, kept as printed [sic]",
                 "style": "The paper's style: usages and inconsistencies that are not errors (not marked)",
                 "query": "Queries: what the text alone cannot tell [?]",
                 "regularisation": "Regularisations and style choices of the edition",
                 "repair": "Repairs of the transcription"},
        "kind_short": {"slip": "errors of fact (slips)", "typo": "errors of form (typos)",
                       "style": "the paper's style (not errors)", "query": "queries",
                       "regularisation": "regularisations by the edition",
                       "repair": "repairs of the transcription"},
        "intro": {"slip": "Places, names, laws, resolutions, dates and titles that the paper gets wrong, "
                          "or that disagree with its own other statements.",
                  "typo": "Slips of spelling, grammar and punctuation.",
                  "style": "Usages a copy-editor might change but that are not errors: a mass noun without "
                           "an article, a joint possessive, metonymy, capitalisation, numerals, variant "
                           "spellings and inconsistencies of house style. They are kept and not marked.",
                  "regularisation": "Where the edition set the text in its own style rather than as printed "
                                    "(headings, quotation marks, the reference list, Tables 1 and 2, Figure 1).",
                  "query": "Points a specialist would check, where the paper's text does not settle the "
                           "question; no correction is proposed.",
                  "repair": "Errors of the transcription the edition repaired, listed so that nothing is "
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
        "kind": {"slip": "사실의 오류: 실수와 불일치, 원문대로 둠 [sic]",
                 "typo": "형식의 오류: 오탈자와 문법, 원문대로 둠 [sic]",
                 "style": "논문의 문체: 오류가 아닌 용법과 불일치(표시하지 않음)",
                 "query": "확인 필요: 본문만으로는 알 수 없는 점 [?]",
                 "regularisation": "편집본의 표기 정리와 양식 선택",
                 "repair": "전사본 오류의 수정"},
        "kind_short": {"slip": "사실의 오류", "typo": "형식의 오류", "style": "논문의 문체(오류 아님)",
                       "query": "확인 필요", "regularisation": "편집본의 표기 정리", "repair": "전사본 오류의 수정"},
        "intro": {"slip": "논문이 잘못 적었거나 논문의 다른 서술과 맞지 않는 지명, 인명·기관명, 법령, 결의, "
                          "날짜, 제목.",
                  "typo": "철자, 문법, 문장부호의 오류.",
                  "style": "교열자라면 고칠 수도 있으나 오류는 아닌 용법: 관사 없는 불가산 명사, 공동 소유격, 환유, "
                           "대문자 쓰기, 숫자 표기, 이형 철자, 표기 관례의 불일치. 그대로 두고 표시하지 않는다.",
                  "regularisation": "편집본이 인쇄본대로가 아니라 자체 양식으로 정리한 곳(제목, 따옴표, 참고문헌, "
                                    "표 1·2, 그림 1).",
                  "query": "전문가라면 확인할 만하지만 논문 본문만으로는 판단할 수 없는 점. 수정안을 제시하지 않는다.",
                  "repair": "편집본이 바로잡은 전사본의 오류. 아무것도 말없이 고치지 않도록 적었다."},
        "conf": {"high": "높음", "moderate": "보통", "low": "낮음"},
        "evk": {"paper": "논문 자체의 서술", "bundled": "편집본에 포함된 자료",
                "cited": "논문이 인용한 자료", "general": "일반 지식, 편집본 자료 아님",
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
    if lang == "en":
        return f'{lab["section"]} {sec}, {what} {num}'
    # Korean order: 2절 4문단, 3절 인용문 2 (as edition.render.labels.block writes them)
    return f"{sec}{lab['section']} {num}{what}" if kind == "p" else f"{sec}{lab['section']} {what}문 {num}"


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
    from ..verdicts.second_reading import readings

    lab = L[lang]
    frame = notes_table(pkg)
    second = readings(pkg)
    out = []
    for r in frame[frame["kind"] == kind].to_dict("records"):
        words = f'{lab["printed"]}: “{r["published"]}”'
        if kind in ("repair", "regularisation"):
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
            "evidence": f'{lab["evidence"]}{" " if lang == "en" else ""}({lab["evk"][r["evidence_kind"]]}): {evidence}',
            "second": second[r["note_id"]].line(lang) if r["note_id"] in second else "",
        })
    return out


def table_marks(pkg: Package, block: str) -> list[dict]:
    """The notes marked in a table rendered from data: published words, id, kind, languages marked."""
    frame = notes_table(pkg)
    rows = frame[(frame["block"] == block) & (frame["marked"] != "none")]
    return rows[["published", "note_id", "kind", "marked"]].to_dict("records")
