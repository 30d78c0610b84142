"""The claims ledger and the editorial-notes page, rendered from the registers in both languages."""
from __future__ import annotations

import html
from collections import Counter

from . import judge
from .claims import evaluate
from .data import Package, package
from .marks import mark_for

CHAPTER_OF = {"front": "00-front", "s1": "01-introduction", "s2": "02-integration",
              "s3": "03-political-economy", "s4": "04-sanctions", "s5": "05-workers", "s6": "06-conclusion"}
H = {
    "en": ["Claim", "Printed", "Recomputed / sources", "Verdict", "Paper's source", "Where"],
    "ko": ["주장", "논문 표기", "재계산 / 출처", "판정", "논문의 출처", "위치"],
}
VERDICT_KO = {judge.MATCHES: "일치", judge.TRUNCATED: "버림 시에만 일치", judge.DIFFERS: "불일치",
              judge.CONSISTENT: "독립 출처와 부합", judge.CONFLICTS: "독립 출처와 상충", judge.SOURCED: "출처만 있음"}


def _sources(j, lang: str) -> str:
    if j.verdict == judge.SOURCED:
        return ("nothing independent in the bundled data" if lang == "en" else "번들 자료에 독립 자료 없음")
    parts = []
    for s in j.sources:
        ok = ("agrees" if s.agrees else "disagrees") if lang == "en" else ("부합" if s.agrees else "상충")
        parts.append(f'{html.escape(s.input.ref.removeprefix("fig:"))} [{html.escape(s.input.basis)}, '
                     f'{html.escape(s.input.source_key or "")}]: {s.input.value:,} ({ok})')
    if not j.sources and j.recomputed is not None:
        inputs = ", ".join(html.escape(i.ref) for i in j.inputs)
        parts.append(f"{j.recomputed:,.4f} ← {inputs}")
    return "<br>".join(parts)


def ledger_html(pkg: Package | None = None) -> str:
    js = evaluate(pkg or package())
    counts = Counter(j.verdict for j in js)
    out = []
    for lang in ("en", "ko"):
        summary = "".join(
            f'<li><span class="verdict verdict-{judge.SLUGS[v]}">{mark_for(v).symbol}</span> '
            f'{html.escape(v if lang == "en" else VERDICT_KO[v])}: <strong>{counts.get(v, 0)}</strong></li>'
            for v in judge.VERDICTS)
        total = f"{len(js)} claims" if lang == "en" else f"주장 {len(js)}건"
        rows = []
        for j in js:
            c = j.claim
            where = f'../chapters/{CHAPTER_OF[c.section]}.html#{c.block}'
            rid = f' id="claim-{c.claim_id}"' if lang == "en" else f' id="claim-{c.claim_id}-ko"'
            rows.append(
                f'<tr{rid}><td>{html.escape(c.what if lang == "en" else c.what_ko)}<br><code>{c.claim_id}</code></td>'
                f'<td>{html.escape(c.text_en if lang == "en" else c.text_ko)}</td><td>{_sources(j, lang)}</td>'
                f'<td><span class="verdict verdict-{j.slug}">{mark_for(j.verdict).symbol}</span> '
                f'{html.escape(j.verdict if lang == "en" else VERDICT_KO[j.verdict])}'
                f'{"<br><em>" + html.escape(c.editor_note) + "</em>" if c.editor_note and lang == "en" else ""}</td>'
                f'<td>{html.escape(c.paper_source)}</td><td><a href="{where}">{c.block}</a></td></tr>')
        head = "".join(f'<th scope="col">{h}</th>' for h in H[lang])
        out.append(f'<div class="lang-{lang}" lang="{lang}"><p>{total}</p><ul class="verdict-counts">{summary}</ul>'
                   f'<div class="table-scroll" tabindex="0"><table class="edition-table ledger"><thead><tr>{head}</tr></thead>'
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
                rid = f' id="{r["note_id"]}"' if lang == "en" else f' id="{r["note_id"]}-ko"'
                link = f'../chapters/{CHAPTER_OF[r["section"]]}.html#{r["block"]}'
                expl = r["explanation_en"] if lang == "en" else r["explanation_ko"]
                items.append(f'<li{rid}><a href="{link}">{r["note_id"]}</a>: “{html.escape(r["published"])}” → '
                             f'“{html.escape(r["edition"])}”. {html.escape(expl)}</li>')
            title = heads[kind][0 if lang == "en" else 1]
            blocks.append(f'<h2>{title}</h2><ul class="editorial-list">{"".join(items)}</ul>')
        out.append(f'<div class="lang-{lang}" lang="{lang}">{"".join(blocks)}</div>')
    return "".join(out)


def display(markup: str):
    from IPython.display import HTML

    return HTML(markup)
