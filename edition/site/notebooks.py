"""The student's notebooks: each chapter as a plain ``.ipynb`` per language, written by the build.

JupyterLab shows a MyST chapter as raw markup (``:::::{pair}``, ``{glue:text}`…```) and saves a
student's edits into the chapter. The student's notebook is made instead, at build time, from
what the build already has, and nothing is executed again:

* the Markdown cells are the *resolved* doctree of the page (``doctree-resolved``), written in one
  language by :mod:`edition.site.mdwriter`: the glued numbers as the site shows them, citations as the
  site's author–year text, the paper's notes under their own numbers, verdict and [sic] marks as
  symbols explained in a key at the top;
* the code cells and their stored outputs are those of the notebook myst-nb executed for the page
  (``_build/jupyter_execute``), so the notebook recomputes everything and reads well before it runs;
  HTML outputs keep only the notebook's language (one figure, not two).

The first code cell is generated: it stops the notebook with one bilingual message when the
``edition`` package is missing (a notebook downloaded without its bundle), and makes the outputs
speak the notebook's language. The apparatus pages (ledger, data sources, editorial notes,
references, how to cite) become Markdown-only notebooks beside the chapters, so every link in a
chapter's notebook opens in JupyterLab.

Written to ``<html>/notebooks/<lang>/<chapter>.ipynb``; :mod:`edition.site.download` zips each with what
it needs, and ``python -m edition.lab`` copies them into the git-ignored ``work/`` folder.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes

from ..core.bilingual import LANGS
from .mdwriter import MarkdownWriter
from .mystnb_api import CELL_INDEX, GLUE_MIME, SOURCE_MAP, executed_notebook, is_code_cell

#: Where the notebooks go, inside the HTML output folder.
OUT_DIR = "notebooks"
#: Pages without code that become Markdown-only notebooks, so that links open in the lab.
APPARATUS = ("chapters/references", "chapters/data-sources", "chapters/editorial-notes",
             "chapters/ledger", "chapters/how-to-cite")
#: The generated first code cell starts with this line (tests and the lab recognise it).
SETUP_MARK = "# The student's notebook: set-up (generated)"


def notebook_name(docname: str) -> str:
    return posixpath.basename(docname) + ".ipynb"


# --- the document's blocks, in order ----------------------------------------------------------

def _line(node: nodes.Node) -> int | None:
    for n in node.findall(nodes.Element):
        if n.line:
            return n.line
    return None


def blocks(doctree: nodes.document) -> list[tuple[nodes.Node, int]]:
    """Top-level blocks with their heading depth: titles, pairs, notes, code cells …"""
    out: list[tuple[nodes.Node, int]] = []

    def walk(parent: nodes.Element, depth: int) -> None:
        for child in parent.children:
            if isinstance(child, nodes.section):
                walk(child, depth + 1)
            else:
                out.append((child, depth))

    walk(doctree, 0)
    return out


# --- links --------------------------------------------------------------------------------------

def linker(app: Any, docname: str, pages: set[str]):
    """Where a link of *docname* goes in the notebook: another notebook, an anchor, the site, or nowhere."""
    from .publish import base_url

    site = base_url()

    def link(node: nodes.Element, lang: str) -> str | None:
        if node.get("refid"):
            anchor = node["refid"]
            return f"#{anchor}" if anchor.startswith("note-") else None
        uri = node.get("refuri", "")
        if not uri:
            return None
        if re.match(r"^(https?|mailto):", uri):
            return uri
        path, _, anchor = uri.partition("#")
        if not path:
            return f"#{anchor}" if anchor.startswith("note-") else None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
        target = re.sub(r"\.html$", "", target)
        if target in pages:
            return notebook_name(target)
        if site:
            return site.rstrip("/") + "/" + target + ".html" + (f"#{anchor}" if anchor else "")
        return None

    return link


# --- outputs ------------------------------------------------------------------------------------

_DIV = re.compile(r"<(/?)div\b[^>]*>", re.I)
_LANG_DIV = re.compile(r'<div\b[^>]*\bclass="lang-(en|ko)\b[^"]*"[^>]*>', re.I)


def keep_language(html: str, lang: str) -> str:
    """HTML output without the other language's ``lang-xx`` blocks (nested divs counted)."""
    out, pos = [], 0
    while True:
        m = _LANG_DIV.search(html, pos)
        if m is None:
            out.append(html[pos:])
            return "".join(out)
        if m.group(1) == lang:
            out.append(html[pos:m.end()])
            pos = m.end()
            continue
        out.append(html[pos:m.start()])
        depth, end = 0, len(html)
        for d in _DIV.finditer(html, m.start()):
            depth += -1 if d.group(1) else 1
            if depth == 0:
                end = d.end()
                break
        pos = end


def student_outputs(outputs: list[dict], lang: str) -> list[dict]:
    """Stored outputs as the student sees them: no glue records, one language of HTML."""
    kept = []
    for out in outputs:
        data = out.get("data", {})
        if data and all(k.startswith(GLUE_MIME) for k in data):
            continue
        if "text/html" in data:
            html = data["text/html"]
            html = "".join(html) if isinstance(html, list) else html
            out = {**out, "data": {**data, "text/html": keep_language(html, lang)}}
        kept.append(out)
    return kept


# --- the notebook ---------------------------------------------------------------------------

WORDS = {
    "en": {
        "about": "About this notebook",
        "intro": ("This is the student's notebook of the page *{title}* of the executable edition of "
                  "Lee and Gray (2020), made from the page when the edition was built: the text shows the "
                  "numbers the code below computes, as the site prints them. It is your copy: change any "
                  "code cell and run it again (*Run ▸ Run All Cells*); the edition's own files are not "
                  "touched. In the edition's folder, `python -m edition.lab --reset` brings back a fresh "
                  "copy."),
        "key": "Marks in the text",
        "sic": "the paper is quoted as printed; an editorial note says what is wrong",
        "query": "a doubtful reading; an editorial note explains",
        "notes": "superscript numbers such as <sup>2)</sup> are the paper's own notes, printed under their "
                 "own numbers right after the paragraph",
        "links": "a mark links to the [claims ledger](ledger.ipynb) or the [editorial notes]"
                 "(editorial-notes.ipynb); citations link to the [references](references.ipynb)",
    },
    "ko": {
        "about": "이 노트북에 대하여",
        "intro": ("이 노트북은 Lee·Gray(2020)의 실행 가능한 편집본 가운데 *{title}* 쪽의 학생용 노트북으로, "
                  "편집본을 빌드할 때 그 쪽에서 만들어졌다. 본문의 수치는 아래 코드가 계산하는 값을 사이트가 "
                  "인쇄하는 그대로 보여 준다. 이 노트북은 여러분의 사본이다. 어느 코드 셀이든 바꾸어 다시 "
                  "실행해 보라(*Run ▸ Run All Cells*). 편집본 자체의 파일은 바뀌지 않는다. 편집본 폴더에서 "
                  "`python -m edition.lab --reset`을 실행하면 새 사본으로 되돌린다."),
        "key": "본문의 표시",
        "sic": "논문을 인쇄된 그대로 인용했으며, 무엇이 잘못인지는 편집자 주가 말한다",
        "query": "의심스러운 독해이며, 편집자 주가 설명한다",
        "notes": "<sup>2)</sup>와 같은 위첨자 번호는 논문 자체의 주이며, 해당 문단 바로 뒤에 원래 번호로 "
                 "실었다",
        "links": "표시는 [수치 검증 대장](ledger.ipynb)이나 [편집자 주](editorial-notes.ipynb)로, 인용은 "
                 "[참고문헌](references.ipynb)으로 연결된다",
    },
}


def key_markdown(writer: MarkdownWriter, title: str, lang: str) -> str:
    """The "about this notebook" cell: what it is, and a key to the marks the text uses."""
    from ..verdicts import judge
    from .mdwriter import escape

    w = WORDS[lang]
    lines = [f"**{w['about']}.** " + w["intro"].format(title=escape(title)), "", f"**{w['key']}:**", ""]
    for v in judge.VOCABULARY:
        if v.symbol in writer.found.verdicts:
            label = v.label_en if lang == "en" else v.label_ko
            lines.append(f"- {escape(v.symbol)}: {escape(label)}")
    for sic in sorted(writer.found.sics):
        lines.append(f"- {escape(sic)}: " + (w["query"] if sic == "[?]" else w["sic"]))
    lines.append(f"- {w['notes']}")
    lines.append(f"- {w['links']}")
    return "\n".join(lines)


def setup_source(stem: str, lang: str) -> str:
    """The generated first code cell: stop cleanly without the bundle; outputs in *lang*."""
    from .download import guard_source

    return (f"{SETUP_MARK}: stops with one message if the edition is missing; outputs in "
            f"{'English' if lang == 'en' else 'Korean'}.\n"
            + guard_source(stem, lang)
            + f'from edition.student import mode\nmode.use("{lang}")\n')


def _md(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def _code(source: str, outputs: list, metadata: dict, count: int | None) -> dict:
    return {"cell_type": "code", "execution_count": count, "metadata": metadata,
            "outputs": outputs, "source": source}


def build(app: Any, doctree: nodes.document, docname: str, lang: str, pages: set[str]) -> dict:
    """The student's notebook of *docname* in *lang*, as an nbformat 4 dictionary."""
    writer = MarkdownWriter(lang, linker(app, docname, pages))
    executed_file = executed_notebook(app, docname)
    executed = json.loads(executed_file.read_text(encoding="utf-8")) if executed_file.is_file() else None
    code = [c for c in executed["cells"] if c["cell_type"] == "code"] if executed else []
    smap = executed["metadata"].get(SOURCE_MAP, []) if executed else []
    shown = {n[CELL_INDEX] for n in doctree.findall(is_code_cell)}
    hidden = [(smap[i] if i < len(smap) else 0, i) for i, c in enumerate(executed["cells"] if executed else [])
              if c["cell_type"] == "code" and i not in shown]

    cells: list[dict] = []
    title = ""

    def code_cell(index: int) -> dict:
        cell = executed["cells"][index]
        meta = {k: v for k, v in cell.get("metadata", {}).items() if k in ("tags",)}
        tags = meta.get("tags", [])
        if "remove-cell" in tags or "remove-input" in tags or "hide-input" in tags:
            meta["jupyter"] = {"source_hidden": True}
        src = cell["source"]
        return _code("".join(src) if isinstance(src, list) else src,
                     student_outputs(cell.get("outputs", []), lang), meta, cell.get("execution_count"))

    for node, depth in blocks(doctree):
        line = _line(node)
        while hidden and line is not None and hidden[0][0] < line:
            cells.append(code_cell(hidden.pop(0)[1]))
        if is_code_cell(node):
            cells.append(code_cell(node[CELL_INDEX]))
            continue
        text = writer.block(node, max(depth, 1))
        if not text:
            continue
        if isinstance(node, nodes.title) and not title:
            title = writer.inline(node)
        cells.append(_md(text))
    for _line_no, index in hidden:
        cells.append(code_cell(index))

    stem = posixpath.basename(docname)
    head = 1 if cells and cells[0]["cell_type"] == "markdown" else 0
    extra = [_md(key_markdown(writer, re.sub(r"[\\*_`]", "", title) or stem, lang))]
    if code:
        extra.append(_code(setup_source(stem, lang), [], {"jupyter": {"source_hidden": True},
                                                          "tags": ["student-setup"]}, None))
    cells[head:head] = extra
    meta = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"}, "edition": {"page": docname, "lang": lang}}
    if executed:
        meta["language_info"] = executed["metadata"].get("language_info", meta["language_info"])
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}


def write_json(path: Path, obj: Any) -> None:
    """Atomic write: a reader never sees half a notebook."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _pages(app: Any) -> set[str]:
    found = set(app.env.found_docs)
    with_code = {d for d in found if d.startswith("chapters/") and executed_notebook(app, d).is_file()}
    return with_code | (set(APPARATUS) & found)


def _on_resolved(app: Any, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    pages = _pages(app)
    if docname not in pages:
        return
    for lang in LANGS:
        nb = build(app, doctree, docname, lang, pages)
        for cell in nb["cells"]:  # nbformat wants ids; stable ones keep rebuilt files identical
            cell.setdefault("id", f"{lang}-{nb['cells'].index(cell)}")
        write_json(Path(app.outdir) / OUT_DIR / lang / notebook_name(docname), nb)


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-resolved", _on_resolved, priority=900)  # after citations_ko (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
