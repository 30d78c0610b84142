"""What the claims ledger and the editorial-notes page say, in both languages, as plain data.

The pages themselves are built by directives (:mod:`edition.site.sphinxext.pages`: ``{verdict-counts}``,
``{claims-ledger}``, ``{relations-ledger}``, ``{editorial-notes}``, ``{inconsistencies}``), which
turn these records into docutils nodes: every value from the data reaches the page as a text node
(escaped by construction), and every anchor is a real target that links and ``-n`` can see.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..core import fmt
from ..verdicts import judge, policy
from . import labels
from ..core.bilingual import LANGS  # noqa: F401  (re-exported for the pages)
from ..verdicts.claims import Judgement, evaluate
from ..verdicts.refs import claims_in, parse_args, shown
from ..data.datapackage import Package, package

HEADERS = labels.LEDGER_HEAD
RELATION_HEADERS = {"en": ("Relation", "Arithmetic at the printed precision", "Verdict"),
                    "ko": ("관계", "표기 정밀도에서의 계산", "판정")}
META = labels.LEDGER_META
ROLE = {
    "en": {"decisive": "decides", "supporting": "same basis, lower rank", "rougher": "same basis, less precise",
           "context": "context only", "input": "input"},
    "ko": {"decisive": "판정 근거", "supporting": "같은 기준, 하위 순위", "rougher": "같은 기준, 덜 정밀함",
           "context": "참고만", "input": "입력값"},
}
AGREE = {"en": {True: "agrees", False: "disagrees", None: ""}, "ko": {True: "부합", False: "상충", None: ""}}
NOTHING_INDEPENDENT = labels.NOTHING_INDEPENDENT
NOTHING_ON_BASIS = {"en": "nothing on the claim's basis: context only",
                    "ko": "이 수치와 같은 집계 기준의 자료 없음: 참고만"}
DECIDED_BY = {"en": "decided by", "ko": "판정 근거"}
TOTAL = labels.LEDGER_TOTAL
COUNTS_HEAD = {
    "en": "{claims} claims checked against data and sources, {relations} relations between the paper's own figures:",
    "ko": "자료·출처로 검증한 수치 {claims}건, 논문 수치 사이의 관계 {relations}건:",
}
EDITORIAL_KINDS = ("slip", "typo", "style", "query", "regularisation", "repair")  # edition.render.editorial.KINDS
#: Columns of data/claims.csv holding the editor's note in each language (the Korean one may be absent).
NOTE_COLUMN = {"en": "editor_note", "ko": "editor_note_ko"}


def note_text(value) -> str:
    """An editor's note as text: empty, None, NaN (and its string form "nan") all mean none."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "none", "<na>") else text


def editor_notes(pkg: Package) -> dict[str, dict[str, str]]:
    """{claim_id: {"en": note, "ko": note}} from the register; a missing column gives ""."""
    frame = pkg.table("claims")
    out: dict[str, dict[str, str]] = {}
    for rec in frame.to_dict("records"):
        out[rec["claim_id"]] = {lang: note_text(rec.get(col)) for lang, col in NOTE_COLUMN.items()}
    return out


@dataclass(frozen=True)
class SourceLine:
    """One line of the "recomputed / sources" cell."""

    refs: tuple[str, ...]   # figure ids or inputs, shown as code-like names
    meta: str               # "basis, source key" of a published figure, else ""
    value: str              # the figure or the recomputed value, formatted
    verdict: str            # "agrees; decides; …" for a published figure, else ""
    decisive: bool = False  # one of the figures that decided the verdict
    recomputed: bool = False


@dataclass(frozen=True)
class LedgerRow:
    claim_id: str
    what: str
    printed: str
    paper_source: str
    block: str
    sources: tuple[SourceLine, ...]
    nothing_independent: str   # the sentence shown instead of sources, or ""
    decided_by: tuple[str, ...]
    after_sources: str         # a closing sentence (nothing on the claim's basis), or ""
    verdict: judge.Verdict
    note: str
    block_label: str = ""      # where the number stands, in words ("2절 4문단"); the link text
    margins: tuple[str, ...] = ()  # for a "conflicts" (or undecided) verdict: margin, rank, basis
    second: str = ""               # the second reading of an assertion of error, if there was one


def _num(value, claim=None, lang: str = "en", unit: str = "") -> str:
    """A source's figure formatted like the claims (edition.core.fmt.figure): no spurious ".0", its own
    unit (else the claim's: a ratio's sources are amounts), 억/만 in Korean."""
    if claim is None:
        return fmt.figure(value, unit, lang)
    same = not unit or unit == claim.unit
    return fmt.figure(value, unit or claim.unit, lang, claim.ko_suffix if same else "")


def source_rows(j: Judgement, lang: str) -> list[dict[str, str]]:
    """The figures behind one verdict, as plain data for any renderer: who decided and who is context."""
    rows = []
    for s in j.sources:
        reason = s.reason if lang == "en" else s.reason_ko
        value = (labels.date(s.input.value, lang) if j.claim.unit == "date"
                 else _num(s.input.value, j.claim, lang, s.input.unit))
        rows.append({"ref": shown(s.input.ref), "basis": labels.basis(s.input.basis, lang),
                     "source_key": s.input.source_key or "", "value": value,
                     "role": ROLE[lang].get(s.role, s.role), "agrees": AGREE[lang][s.agrees],
                     "reason": reason, "decisive": shown(s.input.ref) in j.decided_by})
    return rows


def source_lines(j: Judgement, lang: str) -> tuple[tuple[SourceLine, ...], str, str]:
    """The sources cell of one claim: its lines, the sentence shown when there are none, and a
    closing sentence."""
    if j.verdict == judge.SOURCED and not j.sources:
        return (), NOTHING_INDEPENDENT[lang], ""
    lines = [SourceLine((r["ref"],), ", ".join(x for x in (r["basis"], r["source_key"]) if x), r["value"],
                        "; ".join(x for x in (r["agrees"], r["role"], r["reason"]) if x), r["decisive"])
             for r in source_rows(j, lang)]
    if not j.sources and j.recomputed is not None:
        lines.append(SourceLine(tuple(i.ref for i in j.inputs), "", labels.recomputed(j, lang), "",
                                recomputed=True))
    after = NOTHING_ON_BASIS[lang] if (not j.decided_by and j.verdict == judge.SOURCED) else ""
    return tuple(lines), "", after


RANK_WORDS = {
    "en": {1: "China Customs quoted directly", 2: "compilation of China Customs data", 3: "UN Comtrade",
           4: "KOTRA", 5: "Statistics Korea, ITC or MOFCOM", 6: "secondary report"},
    "ko": {1: "중국 해관 직접 인용", 2: "중국 해관 자료의 정리본", 3: "UN Comtrade", 4: "KOTRA",
           5: "통계청·ITC·상무부", 6: "2차 보도"},
}


FLOW_WORDS = {
    "en": {"total": "total trade", "china_imports_from_dprk": "North Korea's exports to China",
           "china_exports_to_dprk": "North Korea's imports from China",
           "dprk_deficit_with_china": "North Korea's deficit with China"},
    "ko": {"total": "교역 총액", "china_imports_from_dprk": "북한의 대중국 수출",
           "china_exports_to_dprk": "북한의 대중국 수입", "dprk_deficit_with_china": "북한의 대중국 무역적자"},
}


#: The goods words of the bundled figures (``item`` column), for the Korean ledger.
GOODS_KO = {"anthracite": "무연탄", "iron ore": "철광석", "garments": "의류", "clothing": "의류",
            "watch movements": "시계 무브먼트", "wrist-watches": "손목시계", "textiles": "섬유",
            "ores": "광석", "mineral resources": "광물자원", "apparel not knitted": "비편물 의류",
            "wigs": "가발", "squid/molluscs": "오징어·연체동물"}
_GOODS = re.compile(r"^(?P<code>[0-9][0-9-]*)(?: \((?P<words>[^()]*)\))?$")


def goods_ko(goods: str) -> str:
    """A goods field in Korean: "2701 (anthracite)" -> "HS 2701(무연탄)"; an HS code alone gets
    "HS"; words the table does not know are dropped rather than shown in English."""
    if not goods:
        return "전체 품목"
    m = _GOODS.match(goods)
    if not m:
        return goods
    words = GOODS_KO.get(m["words"] or "", "")
    return f"HS {m['code']}" + (f"({words})" if words else "")


def margin_lines(j: Judgement, lang: str) -> tuple[str, ...]:
    """For a verdict that a deciding figure disagrees with (conflicts, not decided, sources
    disagree): how far the printed figure lies from it, and that figure's rank and basis."""
    if j.verdict not in (judge.CONFLICTS, judge.UNDECIDED, judge.DISAGREE):
        return ()
    out = []
    for m in j.margins:
        f = m.figure
        gap = fmt.figure(m.gap, f.unit if f.unit != "percent" else "percent", lang, decimals=2)
        pct = policy.percent_text(m.percent)
        goods = f.goods or "all goods" if lang == "en" else goods_ko(f.goods)
        period = f"{f.year}" + ("" if f.period == "annual" else f" {f.period}")
        rank = RANK_WORDS[lang].get(f.rank, str(f.rank))
        flow = FLOW_WORDS[lang].get(f.flow, f.flow)
        pct_ko = "0.01% 미만" if pct.startswith("under") else pct
        if lang == "en":
            spread = (f"; the known spread between releases is {m.spread}%" if m.spread is not None
                      else "; no spread between releases is stated for this series")
            where = (f"Margin: {gap} ({pct}) beyond the printed figure's rounding interval" if m.gap else
                     "Margin: none; the printed figure's rounding interval and the source's meet")
            out.append(f"{where}; deciding "
                       f"source {f.figure_id}: rank {f.rank} ({rank}), basis {labels.basis(f.basis, lang)}, "
                       f"{flow}, {goods}, {period}{spread}.")
        else:
            spread = (f"; 알려진 발표 시점 간 편차는 {m.spread}%" if m.spread is not None
                      else "; 이 계열에는 발표 시점 간 편차가 밝혀져 있지 않음")
            where = (f"차이: 표기 반올림 구간과 출처의 반올림 구간 사이 {gap}({pct_ko})" if m.gap else
                     "차이: 없음. 표기 반올림 구간과 출처의 구간이 맞닿음")
            out.append(f"{where}; 판정 근거 {f.figure_id}: "
                       f"{f.rank}순위({rank}), 기준 {labels.basis(f.basis, lang)}, {flow}, {goods}, {period}{spread}.")
    return tuple(out)


def ledger_rows(pkg: Package | None, lang: str) -> list[LedgerRow]:
    """Every claim, in register order, as the ledger shows it in ``lang``."""
    from ..verdicts.second_reading import readings

    pkg = pkg or package()
    notes = editor_notes(pkg)
    second = readings(pkg)
    rows = []
    for j in evaluate(pkg):
        c = j.claim
        lines, nothing, after = source_lines(j, lang)
        rows.append(LedgerRow(
            claim_id=c.claim_id, what=c.what if lang == "en" else c.what_ko,
            printed=c.shown(lang), paper_source=labels.paper_source(c.paper_source, lang),
            block=c.block, sources=lines, nothing_independent=nothing,
            decided_by=tuple(j.decided_by), after_sources=after,
            verdict=judge.vocabulary(j.verdict), note=notes.get(c.claim_id, {}).get(lang, ""),
            block_label=labels.block(c.block, lang), margins=margin_lines(j, lang),
            second=second[c.claim_id].line(lang) if c.claim_id in second else ""))
    return rows


def verdict_counts(pkg: Package | None = None) -> dict[str, int]:
    """How many claims and relations carry each verdict, in the vocabulary's order (zeros kept)."""
    from ..verdicts.relations import evaluate as relations

    pkg = pkg or package()
    counts = Counter(j.verdict for j in evaluate(pkg))
    counts.update(c.verdict for c in relations(pkg))
    return {v.name: counts.get(v.name, 0) for v in judge.VOCABULARY}


def relation_rows(pkg: Package | None = None, lang: str = "en") -> list[dict]:
    """The relations as plain data for any renderer: id, what, arithmetic, verdict, note, places."""
    from ..verdicts.claims import load
    from ..verdicts.relations import evaluate as relations
    from ..verdicts.second_reading import readings

    pkg = pkg or package()
    claims = load(pkg)
    second = readings(pkg)
    rows = []
    for c in relations(pkg):
        rel = c.relation
        places = list(dict.fromkeys(
            [claims[cid].block for cid in claims_in(parse_args(rel.args)) if cid in claims] + list(rel.blocks)))
        rows.append({"id": rel.relation_id, "section": rel.section,
                     "what": rel.what_en if lang == "en" else rel.what_ko,
                     "arithmetic": c.outcome.arithmetic_en if lang == "en" else c.outcome.arithmetic_ko,
                     "verdict": c.verdict, "verdict_text": c.verdict if lang == "en" else judge.VERDICT_KO[c.verdict],
                     "note": rel.note_en if lang == "en" else rel.note_ko, "function": rel.function,
                     "function_text": labels.relation_function(rel.function, lang),
                     "places": places,
                     "second": second[rel.relation_id].line(lang) if rel.relation_id in second else ""})
    return rows
