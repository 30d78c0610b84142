"""The claims ledger and the editorial-notes page, rendered from the registers in both languages."""
from __future__ import annotations

from collections import Counter

from . import dates, escape, judge
from .claims import evaluate
from .data import Package, package
from .marks import mark_for

CHAPTER_OF = {"front": "00-front", "s1": "01-introduction", "s2": "02-integration",
              "s3": "03-political-economy", "s4": "04-sanctions", "s5": "05-workers", "s6": "06-conclusion"}
H = {
    "en": ["Claim", "Printed", "Recomputed / sources", "Verdict"],
    "ko": ["주장", "논문 표기", "재계산 / 출처", "판정"],
}
META = {"en": ("paper's source", "in the text"), "ko": ("논문의 출처", "본문 위치")}
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


def _num(value) -> str:
    """A source's figure with thousands separators and no spurious ".0"."""
    from decimal import Decimal

    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


ROLE = {
    "en": {"decisive": "decides", "supporting": "same basis, lower rank", "rougher": "same basis, less precise",
           "context": "context only", "input": "input"},
    "ko": {"decisive": "판정 근거", "supporting": "같은 기준, 하위 순위", "rougher": "같은 기준, 덜 정밀함",
           "context": "참고만", "input": "입력값"},
}
AGREE = {"en": {True: "agrees", False: "disagrees", None: ""}, "ko": {True: "부합", False: "상충", None: ""}}


def source_rows(j, lang: str) -> list[dict[str, str]]:
    """The figures behind one verdict, as plain data for any renderer: who decided and who is context."""
    rows = []
    for s in j.sources:
        reason = s.reason if lang == "en" else s.reason_ko
        value = (dates.of_value(s.input.value).isoformat() if j.claim.unit == "date" else _num(s.input.value))
        rows.append({"ref": s.input.ref.removeprefix("fig:"), "basis": s.input.basis,
                     "source_key": s.input.source_key or "", "value": value,
                     "role": ROLE[lang].get(s.role, s.role), "agrees": AGREE[lang][s.agrees],
                     "reason": reason, "decisive": s.input.ref.removeprefix("fig:") in j.decided_by})
    return rows


def _sources(j, lang: str) -> str:
    if j.verdict == judge.SOURCED and not j.sources:
        return ("nothing independent in the bundled data" if lang == "en" else "편집본에 포함된 자료에는 대조할 독립 자료가 없음")
    parts = []
    for r in source_rows(j, lang):
        meta = ", ".join(escape.text(x) for x in (r["basis"], r["source_key"]) if x)
        verdict = "; ".join(x for x in (r["agrees"], r["role"], r["reason"]) if x)
        cls = "src-row src-decisive" if r["decisive"] else "src-row"
        parts.append(f'<span class="{cls}"><span class="src-ref">{escape.text(r["ref"])}</span> '
                     f'<span class="src-meta">[{meta}]</span>: {r["value"]} ({escape.text(verdict)})</span>')
    if j.decided_by:
        label = "decided by" if lang == "en" else "판정 근거"
        parts.append(f'<span class="decided-by">{label}: {escape.text(", ".join(j.decided_by))}</span>')
    elif j.verdict == judge.SOURCED:
        parts.append("nothing on the claim's basis: context only" if lang == "en"
                     else "주장과 같은 기준의 자료 없음: 참고만")
    if not j.sources and j.recomputed is not None:
        inputs = ", ".join(f'<span class="src-ref">{escape.text(i.ref)}</span>' for i in j.inputs)
        parts.append(f"{j.recomputed:,.4f} ← {inputs}")
    return "".join(f"<div>{p}</div>" for p in parts)


def ledger_html(pkg: Package | None = None) -> str:
    pkg = pkg or package()
    js = evaluate(pkg)
    notes = editor_notes(pkg)
    counts = Counter(j.verdict for j in js)
    out = []
    for lang in ("en", "ko"):
        summary = "".join(
            f'<li><span class="verdict verdict-{escape.attr(judge.SLUGS[v])}">{escape.text(mark_for(v).symbol)}</span> '
            f'{escape.text(v if lang == "en" else judge.VERDICT_KO[v])}: <strong>{counts.get(v, 0)}</strong></li>'
            for v in judge.VERDICTS)
        total = f"{len(js)} claims" if lang == "en" else f"주장 {len(js)}건"
        src_label, where_label = META[lang]
        rows = []
        for j in js:
            c = j.claim
            cid, block = escape.safe_id(c.claim_id, what="claim_id"), escape.safe_id(c.block, what="block")
            where = escape.attr(f'../chapters/{CHAPTER_OF[c.section]}.html#{block}')
            rid = f' id="{escape.attr(f"claim-{cid}" + ("" if lang == "en" else "-ko"))}"'
            note = notes.get(c.claim_id, {}).get(lang, "")
            note_html = f'<div class="editor-note"><em>{escape.text(note)}</em></div>' if note else ""
            rows.append(
                f'<tr{rid}><td class="ledger-claim">{escape.text(c.what if lang == "en" else c.what_ko)}'
                f'<div class="claim-meta"><code>{escape.text(cid)}</code> · {src_label}: '
                f'{escape.text(c.paper_source)} · {where_label}: <a href="{where}">{escape.text(block)}</a></div></td>'
                f'<td class="ledger-printed">{escape.text(c.text_en if lang == "en" else c.text_ko)}</td>'
                f'<td class="ledger-sources">{_sources(j, lang)}</td>'
                f'<td class="ledger-verdict"><span class="verdict verdict-{escape.attr(j.slug)}">{escape.text(mark_for(j.verdict).symbol)}</span> '
                f'{escape.text(j.verdict if lang == "en" else judge.VERDICT_KO[j.verdict])}{note_html}</td></tr>')
        head = "".join(f'<th scope="col">{h}</th>' for h in H[lang])
        out.append(f'<div class="lang-{lang}" lang="{lang}"><p>{total}</p><ul class="verdict-counts">{summary}</ul>'
                   f'<div class="table-scroll" tabindex="0"><table class="edition-table ledger">'
                   f'<colgroup><col class="c-claim"><col class="c-printed"><col class="c-sources">'
                   f'<col class="c-verdict"></colgroup><thead><tr>{head}</tr></thead>'
                   f'<tbody>{"".join(rows)}</tbody></table></div></div>')
    return "".join(out)


def verdict_counts(pkg: Package | None = None) -> dict[str, int]:
    """How many claims and relations carry each verdict, in the vocabulary's order (zeros kept)."""
    from .relations import evaluate as relations

    pkg = pkg or package()
    counts = Counter(j.verdict for j in evaluate(pkg))
    counts.update(c.verdict for c in relations(pkg))
    return {v: counts.get(v, 0) for v in (*judge.VERDICTS, *judge.RELATION_VERDICTS)}


def counts_html(pkg: Package | None = None) -> str:
    """The counts by verdict as a bilingual list (front page and ledger)."""
    counts = verdict_counts(pkg)
    n_claims = sum(counts[v] for v in judge.VERDICTS)
    n_rel = sum(counts[v] for v in judge.RELATION_VERDICTS)
    out = []
    for lang in ("en", "ko"):
        items = "".join(
            f'<li><span class="verdict verdict-{judge.SLUGS[v]}">{mark_for(v).symbol}</span> '
            f'{escape.text(v if lang == "en" else judge.VERDICT_KO[v])}: <strong>{n}</strong></li>'
            for v, n in counts.items())
        head = (f"{n_claims} claims checked against data and sources, {n_rel} relations between the paper's own figures:"
                if lang == "en" else f"자료·출처로 검증한 주장 {n_claims}건, 논문 수치 사이의 관계 {n_rel}건:")
        out.append(f'<div class="lang-{lang} verdict-summary" lang="{lang}"><p>{escape.text(head)}</p>'
                   f'<ul class="verdict-counts">{items}</ul></div>')
    return "".join(out)


REL_H = {"en": ["Relation", "Arithmetic at the printed precision", "Verdict"],
         "ko": ["관계", "표기 정밀도에서의 계산", "판정"]}


def relation_rows(pkg: Package | None = None, lang: str = "en") -> list[dict[str, str]]:
    """The relations as plain data for any renderer: id, what, arithmetic, verdict, note, places."""
    from .claims import load
    from .relations import evaluate as relations

    pkg = pkg or package()
    claims = load(pkg)
    rows = []
    for c in relations(pkg):
        rel = c.relation
        places = list(dict.fromkeys(
            [claims[r.split(":", 1)[1]].block for r in rel.args.replace(";", ",").replace("=", ",").split(",")
             if r.startswith("claim:") and r.split(":", 1)[1] in claims] + list(rel.blocks)))
        rows.append({"id": rel.relation_id, "section": rel.section,
                     "what": rel.what_en if lang == "en" else rel.what_ko,
                     "arithmetic": c.outcome.arithmetic_en if lang == "en" else c.outcome.arithmetic_ko,
                     "verdict": c.verdict, "verdict_text": c.verdict if lang == "en" else judge.VERDICT_KO[c.verdict],
                     "note": rel.note_en if lang == "en" else rel.note_ko, "function": rel.function,
                     "places": places})
    return rows


def _place_link(section: str, block: str) -> str:
    chapter = CHAPTER_OF.get(block.split("-")[0], CHAPTER_OF.get(section))
    return f'<a href="../chapters/{chapter}.html#{escape.text(block)}">{escape.text(block)}</a>'


def relations_html(pkg: Package | None = None) -> str:
    """The paper checked against itself: every relation with its arithmetic and verdict."""
    out = []
    for lang in ("en", "ko"):
        body = []
        for r in relation_rows(pkg, lang):
            rid = r["id"] if lang == "en" else f'{r["id"]}-ko'
            slug = judge.SLUGS[r["verdict"]]
            note = f'<div class="editor-note"><em>{escape.text(r["note"])}</em></div>' if r["note"] else ""
            where = " ".join(_place_link(r["section"], b) for b in r["places"])
            body.append(
                f'<tr id="{escape.text(rid)}"><td class="ledger-claim">{escape.text(r["what"])}'
                f'<div class="claim-meta"><code>{escape.text(r["id"])}</code> · <code>{escape.text(r["function"])}</code>'
                f' · {where}</div></td><td class="rel-arith">{escape.text(r["arithmetic"])}</td>'
                f'<td class="ledger-verdict"><span class="verdict verdict-{slug}">{mark_for(r["verdict"]).symbol}</span> '
                f'{escape.text(r["verdict_text"])}{note}</td></tr>')
        head = "".join(f'<th scope="col">{h}</th>' for h in REL_H[lang])
        out.append(f'<div class="lang-{lang}" lang="{lang}"><div class="table-scroll" tabindex="0">'
                   f'<table class="edition-table ledger relations-table"><thead><tr>{head}</tr></thead>'
                   f'<tbody>{"".join(body)}</tbody></table></div></div>')
    return "".join(out)


def inconsistencies_html(pkg: Package | None = None) -> str:
    """The editorial notes for the paper's internal inconsistencies (from data/relations.csv)."""
    out = []
    for lang in ("en", "ko"):
        title = ("Inconsistencies between the paper's own figures" if lang == "en"
                 else "논문 수치 사이의 불일치")
        items = []
        for r in relation_rows(pkg, lang):
            if r["verdict"] != judge.INTERNAL_BAD:
                continue
            where = ", ".join(_place_link(r["section"], b) for b in r["places"])
            items.append(f'<li><a href="ledger.html#{escape.text(r["id"])}">{escape.text(r["id"])}</a> ({where}): '
                         f'{escape.text(r["what"])}. {escape.text(r["arithmetic"])}. {escape.text(r["note"])}</li>')
        out.append(f'<div class="lang-{lang}" lang="{lang}"><h2>{title}</h2>'
                   f'<ul class="editorial-list">{"".join(items)}</ul></div>')
    return "".join(out)


def editorial_html(pkg: Package | None = None) -> str:
    pkg = pkg or package()
    notes = pkg.table("editorial_notes")
    out = []
    for lang in ("en", "ko"):
        heads = {"sic": ("Authors' slips kept as published [sic]", "원문 그대로 둔 저자의 오기 [sic]"),
                 "repair": ("Repairs of the transcription", "전사본 수리")}
        blocks = []
        for kind in ("sic", "repair"):
            rows = notes[notes["kind"] == kind]
            items = []
            for r in rows.to_dict("records"):
                nid = escape.safe_id(r["note_id"], what="note_id")
                rid = f' id="{escape.attr(nid if lang == "en" else nid + "-ko")}"'
                link = escape.attr(f'../chapters/{CHAPTER_OF[r["section"]]}.html#'
                                   f'{escape.safe_id(r["block"], what="block")}')
                expl = r["explanation_en"] if lang == "en" else r["explanation_ko"]
                items.append(f'<li{rid}><a href="{link}">{escape.text(nid)}</a>: “{escape.text(r["published"])}” → '
                             f'“{escape.text(r["edition"])}”. {escape.text(expl)}</li>')
            title = heads[kind][0 if lang == "en" else 1]
            blocks.append(f'<h2>{title}</h2><ul class="editorial-list">{"".join(items)}</ul>')
        out.append(f'<div class="lang-{lang}" lang="{lang}">{"".join(blocks)}</div>')
    return "".join(out)


def display(markup: str):
    from IPython.display import HTML

    return HTML(markup)
