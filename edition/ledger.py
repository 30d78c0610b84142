"""The claims ledger and the editorial-notes page, rendered from the registers in both languages."""
from __future__ import annotations

from collections import Counter

from . import escape, judge
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


def _sources(j, lang: str) -> str:
    if j.verdict == judge.SOURCED:
        return ("nothing independent in the bundled data" if lang == "en" else "편집본에 포함된 자료에는 대조할 독립 자료가 없음")
    parts = []
    for s in j.sources:
        ok = ("agrees" if s.agrees else "disagrees") if lang == "en" else ("부합" if s.agrees else "상충")
        ref = escape.text(s.input.ref.removeprefix("fig:"))
        meta = ", ".join(escape.text(x) for x in (s.input.basis, s.input.source_key or "") if x)
        parts.append(f'<span class="src-ref">{ref}</span> <span class="src-meta">[{meta}]</span>: '
                     f'{_num(s.input.value)} ({ok})')
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
