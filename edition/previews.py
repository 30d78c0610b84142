"""Hover, focus and tap previews: the data a page's verdict marks need, as JSON in the page.

What a preview shows, and where it comes from:

* a verdict mark (any link to ``ledger.html#claim-<id>``): the printed value, the recomputed
  value or the sources' values, the verdict and the editor's reason, with the link to the
  ledger. These come from the claims register (:mod:`edition.claims`), written into the page
  here as ``<script type="application/json" id="edition-previews">`` (through
  :func:`edition.escape.script_json`), so nothing is fetched and the mark's own HTML (which
  edition.sphinxext owns) is never parsed;
* a relation mark (a link to ``ledger.html#rel_<id>``): what the paper's own figures say against
  each other, the arithmetic, the verdict and the editor's note (:mod:`edition.relations`);
* a citation: the full reference, which sphinxcontrib-bibtex already writes into the link's
  ``title`` (``bibtex_tooltips``);
* a note marker (a link to ``#note-N``): the note in the reader's language, from the page;
* "Table 1/2", "Figure 1" (표 1/2, 그림 1) in the prose: the table or figure, from the page.

``_static/previews.js`` draws them (mouse, keyboard focus, tap); only values, never HTML, come
from the JSON, and the script puts them in with ``textContent``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .escape import script_json

SCRIPT = "previews.js"
_CLAIM_LINK = re.compile(r'href="[^"#]*#claim-([A-Za-z0-9][A-Za-z0-9_.:-]*)"')
_RELATION_LINK = re.compile(r'href="[^"#]*ledger\.html#(rel_[A-Za-z0-9_.:-]*)"')


def claim_ids(body: str) -> list[str]:
    """Claim ids the page's marks link to, in order of first appearance."""
    seen: dict[str, None] = {}
    for cid in _CLAIM_LINK.findall(body or ""):
        seen.setdefault(cid.removesuffix("-ko"), None)
    return list(seen)


def _number(value: Any) -> str:
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def claim_preview(judgement: Any, notes: dict[str, str]) -> dict[str, Any]:
    """One claim's preview: plain values only."""
    from . import judge
    from .marks import mark_for

    claim = judgement.claim
    mark = mark_for(judgement.verdict)
    out: dict[str, Any] = {
        "what": {"en": claim.what, "ko": claim.what_ko},
        "printed": {"en": claim.text_en, "ko": claim.text_ko, "raw": claim.printed},
        "verdict": {"en": judgement.verdict, "ko": judge.VERDICT_KO[judgement.verdict],
                    "label_en": mark.label_en, "label_ko": mark.label_ko},
        "symbol": mark.symbol,
        "slug": mark.slug,
        "sources": [{"ref": s.input.ref.removeprefix("fig:"), "value": _number(s.input.value),
                     "basis": s.input.basis or "", "source": s.input.source_key or "",
                     "agrees": bool(s.agrees)} for s in judgement.sources],
        "recomputed": None,
        "reason": notes,
    }
    if not judgement.sources and judgement.recomputed is not None:
        out["recomputed"] = {"value": _number(judgement.recomputed),
                             "inputs": [i.ref for i in judgement.inputs]}
    return out


def relation_previews(body: str) -> dict[str, Any]:
    """The internal relations the page's relation marks link to: what is compared, the
    arithmetic, the verdict and the editor's note (edition.relations)."""
    ids = list(dict.fromkeys(_RELATION_LINK.findall(body or "")))
    if not ids:
        return {}
    from . import judge
    from .marks import mark_for
    from .relations import evaluate

    out = {}
    for checked in evaluate():
        rel = checked.relation
        if rel.relation_id not in ids:
            continue
        mark = mark_for(checked.verdict)
        out[rel.relation_id] = {
            "what": {"en": rel.what_en, "ko": rel.what_ko},
            "arithmetic": {"en": checked.outcome.arithmetic_en, "ko": checked.outcome.arithmetic_ko},
            "verdict": {"en": mark.label_en, "ko": mark.label_ko},
            "symbol": mark.symbol, "slug": mark.slug,
            "reason": {"en": rel.note_en, "ko": rel.note_ko},
        }
    return out


def page_data(body: str) -> dict[str, Any]:
    """Everything the page's marks need (empty when it has none)."""
    data: dict[str, Any] = {}
    relations = relation_previews(body)
    if relations:
        data["relations"] = relations
    ids = claim_ids(body)
    if not ids:
        return data
    from .claims import by_id
    from .data import package
    from .ledger import editor_notes

    pkg = package()
    judgements = by_id(pkg)
    notes = editor_notes(pkg)
    claims = {cid: claim_preview(judgements[cid], notes.get(cid, {"en": "", "ko": ""}))
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
    # After edition.site's hook (500), which may rewrite the body.
    app.connect("html-page-context", add_preview_data, priority=650)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
