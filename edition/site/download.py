"""What a chapter page offers for download: the student's notebook, alone or with all it needs.

Each chapter's download menu offers, per language, the student's notebook (:mod:`edition.site.notebooks`)
as ``.ipynb``, and a ``.zip`` bundle that runs anywhere: every notebook of that language (the chapter's
among them, and the apparatus notebooks its links open), the ``edition`` package, the data package,
the vendored chart libraries and a short ``requirements.txt``. Unzip, then one line installs and
opens it (:data:`INSTALL`).

A notebook opened without its bundle cannot ``import edition``. Its generated first cell then
raises an exception that IPython shows as one bilingual message (the bundle's name, the commands),
with no traceback, and turns every later cell of the session into a no-op, so "Run All" stops at the
message whether or not the front end aborts the queue after an error.

The data-sources page offers the data package itself, whole (``.zip``) and file by file
(``{data-downloads}``), copied into ``<html>/data/`` when the site is built.
"""
from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .. import ROOT
from ..core.bilingual import LANGS

#: Where the package, its pins and the chart libraries are (``ROOT`` is where the data are: the same
#: folder, unless ``EDITION_ROOT`` points the package at another copy of the book's data).
CODE = Path(__file__).resolve().parents[2]

#: First line of the guard inside the generated set-up cell.
MARK = "# edition: is the edition's package here?"
INSTALL = ("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && "
           ".venv/bin/jupyter lab {notebook}")
DATA_DIR = "data"
DATA_ZIP = "lee-gray-2020-edition-data.zip"

GUARD = '''{mark} Without it, one message and no traceback.
try:
    import edition
except ModuleNotFoundError as _missing:
    if _missing.name != "edition":
        raise
    class EditionNotFound(Exception):
        """Shown by IPython as the message alone."""
        def _render_traceback_(self):
            return {lines!r}
    # Every later cell of this session does nothing (no NameError below the message).
    get_ipython().input_transformers_cleanup.append(lambda lines: ["pass\\n"])
    raise EditionNotFound() from None
'''


def bundle_name(lang: str) -> str:
    """One bundle per language holds every chapter's notebook: one zip to make (about half a second)
    instead of one per chapter (about five), and a student who has it has the whole edition."""
    return f"lee-gray-2020-notebooks-{lang}.zip"


def message(stem: str, lang: str) -> list[str]:
    """The bilingual message of a notebook opened without its bundle, line by line."""
    notebook = f"{stem}.ipynb"
    zip_name = bundle_name(lang)
    install = INSTALL.format(notebook=notebook)
    return [
        "This notebook needs the files that come with it: the edition's `edition` package and its data.",
        f"Download \"{zip_name}\" from the same page's download menu, unzip it, and in that folder run:",
        f"    {install}",
        "(any Python 3.11 or newer; on Windows write .venv\\Scripts\\ for .venv/bin/).",
        "The other cells of this notebook do nothing until then.",
        "",
        "이 노트북에는 함께 받아야 하는 파일, 곧 편집본의 `edition` 패키지와 자료가 필요하다.",
        f"같은 쪽의 다운로드 메뉴에서 \"{zip_name}\"을 받아 압축을 풀고, 그 폴더에서 다음을 실행하라.",
        f"    {install}",
        "(Python 3.11 이상이면 된다. Windows에서는 .venv/bin/ 대신 .venv\\Scripts\\를 쓴다.)",
        "그때까지 이 노트북의 다른 셀은 아무것도 하지 않는다.",
    ]


def guard_source(stem: str, lang: str) -> str:
    return GUARD.format(mark=MARK, lines=message(stem, lang))


# --- the bundle -------------------------------------------------------------------------------

#: The runtime the notebooks need, taken with their pins from the top-level requirements.txt.
#: (sphinx: edition.site.assets, which lists the vendored chart libraries, imports it; vl-convert-python:
#: Figure 1 is compiled to Vega.)
RUNTIME = ("pandas", "numpy", "altair", "vl-convert-python", "bibtexparser", "babel", "frictionless", "sphinx",
           "ipykernel", "jupyterlab")
#: Parts of the package a notebook never imports (the PDF printer's vendored scripts).
SKIP = ("print", "__pycache__")


def requirements(root: Path = CODE) -> str:
    pins = {}
    for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name = line.split("==")[0].strip().lower()
        if "==" in line and name in RUNTIME:
            pins[name] = line.strip()
    missing = [n for n in RUNTIME if n not in pins]
    if missing:
        raise ValueError(f"requirements.txt pins no version of {', '.join(missing)}")
    return "# What the student's notebook needs (pins from the edition's requirements.txt).\n" + \
        "\n".join(pins[n] for n in RUNTIME) + "\n"


def readme(stems: list[str]) -> str:
    install = INSTALL.format(notebook="run-it-yourself.ipynb")
    listed = ", ".join(f"{s}.ipynb" for s in stems)
    return ("The student's notebooks of the executable edition of Lee and Gray (2020), with what they need.\n"
            f"In this folder (any Python 3.11 or newer):\n\n    {install}\n\n"
            f"opens \"Run it yourself\"; the other notebooks ({listed}) open from JupyterLab's file browser. "
            "On Windows write .venv\\Scripts\\ for .venv/bin/. The data package is in data/ "
            "(datapackage.json names each file's sources and licence).\n\n"
            "Lee·Gray(2020) 실행 가능한 편집본의 학생용 노트북과 그 실행에 필요한 파일.\n"
            f"이 폴더에서(Python 3.11 이상):\n\n    {install}\n\n"
            "을 실행하면 \"직접 실행해 보기\"가 열리고, 다른 노트북은 JupyterLab의 파일 탐색기에서 연다. "
            "Windows에서는 .venv/bin/ 대신 .venv\\Scripts\\를 쓴다. 자료 패키지는 data/에 있다"
            "(datapackage.json에 파일마다 출처와 이용 허락이 적혀 있다).\n")


def _common_files(root: Path, code: Path = CODE) -> list[tuple[Path, str]]:
    """(file, name in the zip) for what every bundle holds: the package and chart libraries of *code*,
    the data and bibliography of *root*."""
    static = code / "_static"
    files = []
    for path in sorted((code / "edition").rglob("*")):
        rel = path.relative_to(code)
        if path.is_file() and not path.is_symlink() and not any(part in SKIP for part in rel.parts) \
                and path.suffix != ".pyc":
            files.append((path, rel.as_posix()))
    for path in sorted((root / "data").glob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix in (".csv", ".json", ".md"):
            files.append((path, f"data/{path.name}"))
    files.append((root / "references.bib", "references.bib"))
    from ..render.labcharts import VENDORED_JS

    for rel, _name, _version in VENDORED_JS:
        src = static / rel
        if src.is_file():
            files.append((src, f"_static/{rel}"))
    for lic in sorted((static / "lib").glob("*LICENSE*")) if (static / "lib").is_dir() else []:
        files.append((lic, f"_static/lib/{lic.name}"))
    return files


def write_bundles(outdir: Path, root: Path = ROOT, code: Path = CODE) -> list[Path]:
    """One zip per language, beside the notebooks in ``<html>/notebooks``: every notebook of that
    language (chapters and apparatus), the package, the data, the chart libraries."""
    from .notebooks import OUT_DIR

    base = Path(outdir) / OUT_DIR
    if not base.is_dir():
        return []
    common = _common_files(root, code)
    reqs = requirements(code)
    made = []
    for lang in LANGS:
        folder = base / lang
        if not folder.is_dir():
            continue
        notebooks = sorted(folder.glob("*.ipynb"))
        target = base / bundle_name(lang)
        tmp = target.with_name(target.name + ".tmp")
        top = bundle_name(lang).removesuffix(".zip") + "/"
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for nb in notebooks:
                z.write(nb, top + nb.name)
            z.writestr(top + "requirements.txt", reqs)
            z.writestr(top + "README.txt", readme([nb.stem for nb in notebooks]))
            for path, name in common:
                z.write(path, top + name)
        tmp.replace(target)
        made.append(target)
    return made


# --- the data package on the site --------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


def data_files(root: Path = ROOT) -> list[str]:
    """The data package's files: ``datapackage.json`` and every resource it lists.

    A resource path is copied into the site, so it must name a plain file in ``data/`` itself: a
    path with a folder, ``..`` or a link is refused, naming the resource.
    """
    base = (root / "data").resolve()
    desc = json.loads((base / "datapackage.json").read_text(encoding="utf-8"))
    names = ["datapackage.json"]
    for i, res in enumerate(desc.get("resources", [])):
        path = str(res.get("path", ""))
        target = base / path
        if not _NAME.fullmatch(path) or target.is_symlink() or not target.is_file():
            raise ValueError(f"data/datapackage.json, resources[{i}] ({res.get('name')!r}): path {path!r} "
                             "is not a file in data/ (no folders, no links): refused for the site's download")
        names.append(path)
    return names


def write_data(outdir: Path, root: Path = ROOT) -> Path:
    """Copy the data package into ``<html>/data/`` and zip it whole."""
    target = Path(outdir) / DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    names = data_files(root)
    for name in names:
        (target / name).write_bytes((root / "data" / name).read_bytes())
    zpath = target / DATA_ZIP
    tmp = zpath.with_name(zpath.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.write(root / "data" / name, f"lee-gray-2020-edition-data/{name}")
    tmp.replace(zpath)
    return zpath


DATA_TEXT = {
    "en": ("Download the data package: all of it as one file, [{zip}]({zip_uri}), or file by file. "
           "`datapackage.json` describes every file (columns, units, sha256) and states its sources and "
           "licence (CC BY 4.0 for the compilation; each published figure remains its publisher's)."),
    "ko": ("자료 패키지 내려받기: 전체를 한 파일로 [{zip}]({zip_uri}) 받거나 파일별로 받을 수 있다. "
           "`datapackage.json`은 파일마다 열, 단위, sha256과 출처, 이용 허락(편집 자료는 CC BY 4.0, 공개된 "
           "각 수치는 그 발행처의 것)을 밝힌다."),
}


class DataDownloads(SphinxDirective):
    """``{data-downloads}``: the data package's files as links, in both languages."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from .sphinxext.nodes import lang_block

        here = posixpath.dirname(self.env.docname)
        rel = posixpath.relpath(DATA_DIR, here or ".")
        self.env.note_dependency(str(ROOT / "data" / "datapackage.json"))
        try:
            names = data_files()
        except ValueError as exc:
            raise self.error(str(exc)) from None
        out = []
        for lang in LANGS:
            block = lang_block(classes=[f"lang-{lang}", "data-downloads"])
            text = DATA_TEXT[lang]
            head, _, tail = text.partition("[{zip}]({zip_uri})")
            para = nodes.paragraph()
            para += self._inline(head)
            para += nodes.reference("", DATA_ZIP, refuri=f"{rel}/{DATA_ZIP}")
            para += self._inline(tail)
            block += para
            items = nodes.bullet_list()
            for name in names:
                item = nodes.list_item()
                p = nodes.paragraph()
                p += nodes.reference("", "", nodes.literal(name, name), refuri=f"{rel}/{name}")
                item += p
                items += item
            block += items
            out.append(block)
        return out

    @staticmethod
    def _inline(text: str) -> list[nodes.Node]:
        parts = text.split("`")
        return [nodes.literal(p, p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts) if p]


# --- the download menu ------------------------------------------------------------------------

def add_notebook_links(app: Any, pagename: str, templatename: str, context: dict[str, Any],
                       doctree: Any) -> None:
    """The student's notebooks in the download menu, in place of the executed MyST notebook."""
    from .mystnb_api import executed_notebook
    from .notebooks import OUT_DIR

    if not pagename.startswith("chapters/") or not executed_notebook(app, pagename).is_file():
        return
    stem = posixpath.basename(pagename)
    for group in context.get("header_buttons") or []:
        if group.get("label") != "download-buttons":
            continue
        buttons = [b for b in group["buttons"] if b.get("label") != "download-notebook-button"]
        ours = []
        for lang, word in (("en", "EN"), ("ko", "한국어")):
            ours.append({"type": "link", "url": context["pathto"](f"{OUT_DIR}/{bundle_name(lang)}", 1),
                         "text": f"Notebooks + data ({word}) .zip", "icon": "fas fa-file-archive",
                         "tooltip": "The student's notebooks with everything they need / 학생용 노트북과 실행에 필요한 파일",
                         "label": f"download-student-bundle-{lang}"})
            ours.append({"type": "link", "url": context["pathto"](f"{OUT_DIR}/{lang}/{stem}.ipynb", 1),
                         "text": f".ipynb ({word})", "icon": "fas fa-code",
                         "tooltip": "The student's notebook alone / 학생용 노트북만",
                         "label": f"download-student-notebook-{lang}"})
        group["buttons"] = ours + buttons
    _launch_student_notebook(context, stem)


def _launch_student_notebook(context: dict[str, Any], stem: str) -> None:
    """Binder's launch button opens the student's notebook in ``work/`` (made by ``binder/postBuild``),
    not the MyST chapter: English, and a second button for Korean."""
    for group in context.get("header_buttons") or []:
        if group.get("label") != "launch-buttons":
            continue
        out = []
        for button in group["buttons"]:
            url = button.get("url", "")
            if button.get("text") != "Binder" or "?urlpath=" not in url:
                out.append(button)
                continue
            base = url.split("?urlpath=", 1)[0]
            for lang, word in (("en", "Binder"), ("ko", "Binder (한국어)")):
                out.append({**button, "text": word,
                            "url": f"{base}?urlpath=lab/tree/work/{lang}/{stem}.ipynb"})
        group["buttons"] = out


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        write_bundles(Path(app.outdir))
        write_data(Path(app.outdir))


def setup(app):
    app.add_directive("data-downloads", DataDownloads)
    app.connect("html-page-context", add_notebook_links, priority=510)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
