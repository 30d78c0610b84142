"""Hover, focus and tap previews: the data a page's verdict marks need, as JSON in the page.

What a preview shows, and where it comes from:

* a verdict mark (any link to ``ledger.html#claim-<id>``): the printed value, the recomputed
  value or the sources' values, the verdict and the editor's reason, with the link to the
  ledger. These come from the claims register (:mod:`edition.verdicts.claims`), written into the page
  here as ``<script type="application/json" id="edition-previews">`` (through
  :func:`edition.core.escape.script_json`), so nothing is fetched and the mark's own HTML (which
  edition.site.sphinxext owns) is never parsed;
* a relation mark (a link to ``ledger.html#rel_<id>``): what the paper's own figures say against
  each other, the arithmetic, the verdict and the editor's note (:mod:`edition.verdicts.relations`);
* a citation: the full reference, which sphinxcontrib-bibtex already writes into the link's
  ``title`` (``bibtex_tooltips``);
* a note marker (a link to ``#note-N``): the note in the reader's language, from the page;
* "Table 1/2", "Figure 1" (표 1/2, 그림 1) in the prose: the table or figure, from the page.

``_static/previews.js`` draws them (mouse, keyboard focus, tap); only values, never HTML, come
from the JSON, and the script puts them in with ``textContent``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.escape import script_json
from ..core.fmt import ko_year

SCRIPT = "previews.js"
_CLAIM_LINK = re.compile(r'href="[^"#]*#claim-([A-Za-z0-9][A-Za-z0-9_.:-]*)"')
_RELATION_LINK = re.compile(r'href="[^"#]*ledger\.html#(rel_[A-Za-z0-9_.:-]*)"')
#: Relations folded into a claim's mark (one mark per figure: edition/site/sphinxext/placement.py).
_FOLDED = re.compile(r'data-relations="([A-Za-z0-9_.: -]*)"')


def claim_ids(body: str) -> list[str]:
    """Claim ids the page's marks link to, in order of first appearance."""
    seen: dict[str, None] = {}
    for cid in _CLAIM_LINK.findall(body or ""):
        seen.setdefault(cid.removesuffix("-ko"), None)
    return list(seen)


@lru_cache(maxsize=None)
def source_name(key: str) -> str:
    """A publication as a reader names it, from references.bib: its author or publisher and date
    ("Daily NK (Korean), November 2004"); the key itself only if the entry is missing."""
    from .. import ROOT
    from ..data.bib import entry

    try:
        e = entry(ROOT / "references.bib", key)
    except (KeyError, ValueError):
        return key
    f = {k: v.value for k, v in e.fields_dict.items()}
    who = ""
    if f.get("author"):
        names = f["author"] if isinstance(f["author"], list) else [f["author"]]
        last = [getattr(n, "last", None) for n in names]
        who = " and ".join(" ".join(x) if isinstance(x, list) else str(n) for x, n in zip(last, names))
    who = who or f.get("organization") or f.get("institution") or f.get("publisher") \
        or f.get("howpublished") or f.get("journal") or ""
    when = " ".join(str(x) for x in (f.get("month"), f.get("year")) if x)
    return ", ".join(x for x in (str(who).strip("{} "), when) if x) or key


def _input_words(inp: Any, lang: str, claims: dict) -> str:
    """What a recomputation used, in words: "Table 1, 2015 total" / "표 1의 2015년 합계"."""
    from ..verdicts.refs import parse_ref, table1_cell

    ref = parse_ref(inp.ref)
    kind, rest = ref.kind, ref.key
    if kind == "t1total":
        return f"Table 1, {rest} total" if lang == "en" else f"표 1의 {ko_year(rest)} 합계"
    if kind == "t1":
        year, regions = table1_cell(rest)
        if lang == "en":
            return f"Table 1, {year}, {' + '.join(regions)}"
        return f"표 1의 {ko_year(year)} {'·'.join(_REGION_KO.get(r, r) for r in regions)}"
    if kind == "claim" and rest in claims:
        c = claims[rest].claim
        return c.what if lang == "en" else c.what_ko
    if kind == "fig" and inp.source_key:
        return source_name(inp.source_key)
    return inp.label


_REGION_KO: dict[str, str] = {}


def _regions_ko() -> None:
    from ..data.datapackage import package

    if not _REGION_KO:
        t1 = package().table("table1")
        _REGION_KO.update(dict(zip(t1["region"], t1["region_ko"])))


def claim_preview(judgement: Any, notes: dict[str, str], claims: dict | None = None) -> dict[str, Any]:
    """One claim's preview: plain values only, in the reader's words (amounts with their units,
    sources by name, no internal ids or tolerances)."""
    from ..core import fmt
    from ..verdicts import judge
    from ..render import labels
    from ..verdicts.judge import mark_for
    from ..render.tables import _source_amount

    _regions_ko()
    claim = judgement.claim
    mark = mark_for(judgement.verdict)
    out: dict[str, Any] = {
        "what": {"en": claim.what, "ko": claim.what_ko},
        "printed": {"en": claim.text_en, "ko": claim.text_ko, "raw": claim.printed},
        "verdict": {"en": judgement.verdict, "ko": judge.VERDICT_KO[judgement.verdict],
                    "label_en": mark.label_en, "label_ko": mark.label_ko},
        "symbol": mark.symbol,
        "slug": mark.slug,
        "sources": [{"value": {lang: _source_amount(s.input, claim, lang) for lang in ("en", "ko")},
                     "name": source_name(s.input.source_key) if s.input.source_key else "",
                     "basis": {lang: labels.basis(s.input.basis, lang) for lang in ("en", "ko")}
                     if s.input.basis and s.input.basis != "paper" else {"en": "", "ko": ""},
                     "agrees": bool(s.agrees)} for s in judgement.sources],
        "recomputed": None,
        "reason": notes,
    }
    if not judgement.sources and judgement.recomputed is not None:
        shown = claim.unit not in ("qualitative",)
        out["recomputed"] = {
            "value": {lang: fmt.figure(judgement.recomputed, claim.unit, lang, claim.ko_suffix, decimals=2)
                      for lang in ("en", "ko")} if shown else None,
            "inputs": {lang: [_input_words(i, lang, claims or {}) for i in judgement.inputs]
                       for lang in ("en", "ko")}}
    return out


#: The checker's tolerance, in the ledger's arithmetic (edition.verdicts.relations.same_value: "(the printed
#: precision allows ±$500,000)", "(표기 정밀도가 허용하는 차이 ±50만 달러)"): how the edition
#: decides, not what the reader asked; the ledger keeps it, the preview does not.
_TOLERANCE = re.compile(r"\s*\((?:the printed precision allows|표기 정밀도가 허용하는 차이)\s[^()]*\)")


def _reader_words(text: str | None) -> str:
    return _TOLERANCE.sub("", text or "")


def relation_previews(body: str) -> dict[str, Any]:
    """The internal relations the page's relation marks link to: what is compared, the
    arithmetic, the verdict and the editor's note (edition.verdicts.relations)."""
    folded = [r for attr in _FOLDED.findall(body or "") for r in attr.split()]
    ids = list(dict.fromkeys(_RELATION_LINK.findall(body or "") + folded))
    if not ids:
        return {}
    from ..verdicts import judge
    from ..verdicts.judge import mark_for
    from ..verdicts.relations import evaluate

    out = {}
    for checked in evaluate():
        rel = checked.relation
        if rel.relation_id not in ids:
            continue
        mark = mark_for(checked.verdict)
        out[rel.relation_id] = {
            "what": {"en": rel.what_en, "ko": rel.what_ko},
            "arithmetic": {"en": _reader_words(checked.outcome.arithmetic_en),
                           "ko": _reader_words(checked.outcome.arithmetic_ko)},
            "verdict": {"en": mark.label_en, "ko": mark.label_ko},
            "symbol": mark.symbol, "slug": mark.slug,
            "reason": {"en": rel.note_en, "ko": rel.note_ko},
        }
    return out


_EDITORIAL_LINK = re.compile(r'class="[^"]*\bsic\b[^"]*"[^>]*href="[^"#]*#(ed-[A-Za-z0-9_-]+)"'
                            r'|href="[^"#]*#(ed-[A-Za-z0-9_-]+)"[^>]*class="[^"]*\bsic\b')


def editorial_previews(body: str) -> dict[str, Any]:
    """The editorial notes the page's [sic] and [?] marks open: kind, the words, the note."""
    ids = list(dict.fromkeys(a or b for a, b in _EDITORIAL_LINK.findall(body or "")))
    if not ids:
        return {}
    from ..render.editorial import L, notes_table

    out = {}
    for r in notes_table().to_dict("records"):
        if r["note_id"] in ids:
            out[r["note_id"]] = {
                "kind": {lang: L[lang]["kind_short"][r["kind"]] for lang in ("en", "ko")},
                "published": r["published"],
                "explanation": {"en": r["explanation_en"], "ko": r["explanation_ko"]},
                "confidence": {lang: L[lang]["conf"].get(r["confidence"], r["confidence"]) for lang in ("en", "ko")},
            }
    return out


def page_data(body: str) -> dict[str, Any]:
    """Everything the page's marks need (empty when it has none)."""
    data: dict[str, Any] = {}
    editorial = editorial_previews(body)
    if editorial:
        data["editorial"] = editorial
    relations = relation_previews(body)
    if relations:
        data["relations"] = relations
    ids = claim_ids(body)
    if not ids:
        return data
    from ..verdicts.claims import by_id
    from ..data.datapackage import package
    from ..render.ledger import editor_notes

    pkg = package()
    judgements = by_id(pkg)
    notes = editor_notes(pkg)
    claims = {cid: claim_preview(judgements[cid], notes.get(cid, {"en": "", "ko": ""}), judgements)
              for cid in ids if cid in judgements}
    if claims:
        data["claims"] = claims
    return data


def add_preview_data(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if not isinstance(body, str):
        return
    data = page_data(body)
    if data:
        context["body"] = (body + '\n<script type="application/json" id="edition-previews">'
                           + script_json(data) + "</script>\n")


def _own_script(app: Sphinx, config: Config) -> None:
    """Jupyter Book adds every ``_static/*.js`` by itself; this one is registered once, deferred."""
    config.html_js_files = [e for e in config.html_js_files
                            if (e[0] if isinstance(e, (tuple, list)) else e) != SCRIPT]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _own_script, priority=400)
    app.add_js_file(SCRIPT, loading_method="defer", priority=600)
    # After edition.site.assets's hook (500), which may rewrite the body.
    app.connect("html-page-context", add_preview_data, priority=650)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
