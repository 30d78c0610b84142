"""The ledger's and the discrepancy boxes' labels in both languages: one table for every renderer.

Why one table: the same words reach the reader from several places (the ledger's and the
editorial pages' directives, the discrepancy boxes, the marks' previews); the Korean reader must
meet the same Korean words in each, never a raw code ("text", "note:3", "GAC", "other") that only
the data files use.
"""
from __future__ import annotations

import re

from ..verdicts import refs
from .sources import BASIS_KO

#: Column heads of the ledger table.
LEDGER_HEAD = {
    "en": ("Claim", "Printed", "Recomputed / sources", "Verdict"),
    "ko": ("검증 대상 수치", "논문 표기", "재계산 값 / 대조 출처", "판정"),
}
#: The labels of a row's small print: where the paper takes the number from, where it stands.
LEDGER_META = {"en": ("paper's source", "in the text"), "ko": ("논문의 출처", "본문 위치")}
#: "N claims" above the ledger.
LEDGER_TOTAL = {"en": "{n} claims", "ko": "검증 대상 수치 {n}건"}
#: A source agrees / disagrees with the printed number.
AGREES = {"en": ("agrees", "disagrees"), "ko": ("부합", "상충")}
NOTHING_INDEPENDENT = {"en": "nothing independent in the bundled data",
                       "ko": "편집본에 포함된 자료에는 대조할 독립 자료가 없음"}
RECOMPUTED = {"en": "recomputed", "ko": "재계산 값"}
#: A source's figure in a discrepancy box: "KITA (d_2013_x): $1,373,710,000" / "한국무역협회 자료 13억 7,371만 달러"
#: (a basis already named 자료 is not named twice: "기타 자료 24%", see source_figure).
SOURCE_FIGURE = {"en": "{basis} ({ref}): {amount}", "ko": "{basis} 자료 {amount}"}
#: What a qualitative claim's recomputation measures (method of data/claims.csv), so that the
#: ledger never shows a bare ratio: "1.0787" is the peak over the highest other year.
RECOMPUTED_AS = {
    "peak": {"en": "{value} × the highest other year", "ko": "다른 해 최댓값의 {value}배"},
    "share_min": {"en": "lowest share {value}%", "ko": "가장 낮은 해의 비중 {value}%"},
}
PAPER_PRINTS = {"en": "the paper prints", "ko": "논문 표기"}

#: paper_source codes of data/claims.csv, as words ("note:3" -> "note 3" / "주 3").
_SOURCE_KIND = {
    "en": {"text": "none given in the text", "note": "note {0}", "table": "Table {0}",
           "cite": "citation {0}", "figure": "Figure {0}"},
    "ko": {"text": "본문(출처 표시 없음)", "note": "주 {0}", "table": "표 {0}", "cite": "{0}",
           "figure": "그림 {0}"},
}
#: Statistical bases of data/sourced_figures.csv in English words ("other" is not a basis name).
BASIS_EN = {"other": "other publication", "paper": "the paper"}
BASIS_KO_ALL = {**BASIS_KO, "paper": "논문", "other": "기타 자료"}


def cite_short(key: str, lang: str) -> str:
    """A bibliography key as author and year ("Lee, Lee and Kim 2019" / "Lee·Lee·Kim 2019"), from
    references.bib; the key itself if the entry has no author or year."""
    from .. import ROOT
    from ..data.bib import library

    entry = next((e for e in library(ROOT / "references.bib").entries if e.key == key), None)
    if entry is None:
        return key
    fields = {f.key.lower(): f.value for f in entry.fields}
    authors = fields.get("author") or fields.get("editor") or []
    year = str(fields.get("year", "")).strip()
    names = []
    for a in (authors if isinstance(authors, list) else [authors]):
        last = getattr(a, "last", None)
        names.append((" ".join(last) if last else str(a).split(",")[0]).strip("{} "))
    if not names or not year:
        return key
    if len(names) > 3:
        who = f"{names[0]} et al." if lang == "en" else f"{names[0]} 외"
    elif lang == "en":
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    else:
        who = "·".join(names)
    return f"{who} {year}"


def paper_source(code: str, lang: str) -> str:
    """``note:3`` -> "note 3" / "주 3"; ``text`` -> "none given in the text" / "본문에 출처 없음";
    ``cite:key`` -> the work's authors and year. An unknown kind is shown as it is written, so a
    new kind is visible rather than lost."""
    kind, arg = refs.paper_source(code)
    template = _SOURCE_KIND[lang].get(kind)
    if kind == "cite" and arg:
        arg = cite_short(arg, lang)
    return template.format(arg) if template else str(code)


_BLOCK = re.compile(r"^(?:(s)([0-9]+)-(p|q|t|fig)([0-9]*)|note-([0-9]+)|front-([A-Za-z0-9_]+))$")
_FRONT = {"abstract": ("abstract", "초록"), "yoyak": ("요약", "요약"), "keywords": ("key words", "주요어")}


def block(block_id: str, lang: str) -> str:
    """Where a number stands, in words: s2-p04 -> "§2, paragraph 4" / "2절 4문단"; note-22 ->
    "note 22" / "주 22"; s2-t1 -> "Table 1" / "표 1"; s2-fig1 -> "Figure 1" / "그림 1";
    s3-q02 -> "§3, quotation 2" / "3절 인용문 2"; front-abstract -> "abstract" / "초록".
    An id of another shape is shown as it is."""
    m = _BLOCK.match(str(block_id))
    if not m:
        return str(block_id)
    _s, sec, kind, num, note, front = m.groups()
    if note:
        return f"note {int(note)}" if lang == "en" else f"주 {int(note)}"
    if front:
        en, ko = _FRONT.get(front, (front, front))
        return en if lang == "en" else ko
    n = int(num) if num else 0
    if kind == "t":
        return f"Table {n}" if lang == "en" else f"표 {n}"
    if kind == "fig":
        return f"Figure {n}" if lang == "en" else f"그림 {n}"
    if lang == "en":
        return f"§{int(sec)}, {'paragraph' if kind == 'p' else 'quotation'} {n}"
    return f"{int(sec)}절 {n}문단" if kind == "p" else f"{int(sec)}절 인용문 {n}"


#: The relations' functions (data/relations.csv ``function``) as the Korean ledger names them;
#: the English ledger shows the function's own name, which is also what the register holds.
RELATION_FUNCTION_KO = {
    "same_value": "같은 수치", "same_name": "같은 수치·명칭", "sum_equals": "칸의 합계", "share": "비중",
    "shares_sum": "비중의 합", "rank_order": "순위", "deficit": "무역적자", "part_of": "부분과 전체",
    "base_within": "감소 전 값", "increasing": "증가", "decreasing": "감소", "greatest": "최댓값",
    "comparable": "비슷한 규모", "same_date": "같은 날짜", "date_order": "날짜의 선후", "deadline": "기한",
    "within": "기간", "same_period": "같은 기간", "measure": "결의의 조치",
}


def relation_function(name: str, lang: str) -> str:
    """A relation's function in words: its own name in English, a Korean word in Korean (an
    unknown one is shown as it is written, so a new function is visible rather than lost)."""
    return name if lang == "en" else RELATION_FUNCTION_KO.get(name, name)


def source_figure(basis_words: str, ref: str, amount: str, lang: str, with_ref: bool = False) -> str:
    """A source's figure in words, its basis named once ("기타 자료 24%", not "기타 자료 자료 24%").
    The Korean names the figure's id only when asked (``with_ref``): where two figures of one
    basis stand side by side, "한국무역협회 자료 … ; 한국무역협회 자료 …" would read as a contradiction."""
    if lang == "ko":
        named = basis_words if basis_words.endswith("자료") else f"{basis_words} 자료"
        return f"{named}({ref}) {amount}" if with_ref else f"{named} {amount}"
    return SOURCE_FIGURE[lang].format(basis=basis_words, ref=ref, amount=amount)


def recomputed(judgement, lang: str) -> str:
    """A claim's recomputed value as the ledger and the discrepancy boxes show it: formatted like
    the claims (edition.core.fmt), a qualitative claim's measure named (RECOMPUTED_AS)."""
    from ..core import fmt

    c = judgement.claim
    how = RECOMPUTED_AS.get(c.method)
    if c.unit == "qualitative" and how:
        return how[lang].format(value=fmt.figure(judgement.recomputed, "", lang, decimals=4))
    return fmt.figure(judgement.recomputed, c.unit, lang, c.ko_suffix, decimals=4)


def date(value, lang: str) -> str:
    """A source's date (YYYYMMDD or a date): 2019년 12월 22일 in Korean, never ISO; the English
    ledger keeps the ISO form (2019-12-22) its readers and tools expect."""
    from ..core import dates, fmt

    day = value if hasattr(value, "year") else dates.of_value(value)
    return fmt.ko_date(day) if lang == "ko" else day.isoformat()


def basis(code: str, lang: str) -> str:
    """A statistical basis as words: GAC -> "GAC" / "중국 해관총서"; other -> "other publication" / "기타"."""
    if lang == "en":
        return BASIS_EN.get(code, code)
    return BASIS_KO_ALL.get(code, code)
